# Every dependency comes from Debian 12's apt (see .ci/install-deps).
find_package(Boost 1.74 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(fmt REQUIRED)
find_package(TBB REQUIRED)

# Arb (libflint-arb-dev), FLINT, MPFR and GMP ship no CMake config on Debian.
find_path(ARB_INCLUDE_DIR arb.h REQUIRED)
find_library(ARB_LIBRARY NAMES flint-arb arb REQUIRED)
find_library(FLINT_LIBRARY NAMES flint REQUIRED)
find_library(MPFR_LIBRARY NAMES mpfr REQUIRED)
find_library(GMP_LIBRARY NAMES gmp REQUIRED)

add_library(critwin_deps_model INTERFACE)
target_include_directories(critwin_deps_model INTERFACE ${ARB_INCLUDE_DIR} ${ARB_INCLUDE_DIR}/flint)
target_link_libraries(critwin_deps_model INTERFACE
  Boost::headers tomlplusplus::tomlplusplus fmt::fmt nlohmann_json::nlohmann_json
  ${ARB_LIBRARY} ${FLINT_LIBRARY} ${MPFR_LIBRARY} ${GMP_LIBRARY})
add_library(critwin::deps_model ALIAS critwin_deps_model)

find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(critwin_deps_random123 INTERFACE)
target_include_directories(critwin_deps_random123 INTERFACE ${RANDOM123_INCLUDE_DIR})
add_library(critwin::deps_random123 ALIAS critwin_deps_random123)

find_path(Z3_INCLUDE_DIR z3++.h REQUIRED)
find_library(Z3_LIBRARY z3 REQUIRED)
add_library(critwin_deps_z3 INTERFACE)
target_include_directories(critwin_deps_z3 INTERFACE ${Z3_INCLUDE_DIR})
target_link_libraries(critwin_deps_z3 INTERFACE ${Z3_LIBRARY})
add_library(critwin::deps_z3 ALIAS critwin_deps_z3)
