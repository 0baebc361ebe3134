# `cmake --install build [--prefix P]`: the module libraries, their public headers (under include/critwin, so
# `#include "bounds/critical_window.hpp"` works as in-tree) and critwinConfig.cmake with the targets
# critwin::model, critwin::bounds, critwin::samplers, critwin::verify and critwin::critwin (all four).
include(CMakePackageConfigHelpers)

add_library(critwin_all INTERFACE)
target_link_libraries(critwin_all INTERFACE critwin_model critwin_bounds critwin_samplers critwin_verify)
set_target_properties(critwin_all PROPERTIES EXPORT_NAME critwin)
add_library(critwin::critwin ALIAS critwin_all)
# The dependency targets carry Arb/FLINT/Z3/Random123 paths found on this machine (they ship no CMake config).
set_target_properties(critwin_deps_model PROPERTIES EXPORT_NAME deps_model)
set_target_properties(critwin_deps_random123 PROPERTIES EXPORT_NAME deps_random123)
set_target_properties(critwin_deps_z3 PROPERTIES EXPORT_NAME deps_z3)

set(CRITWIN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/critwin)
install(TARGETS critwin_model critwin_bounds critwin_samplers critwin_verify critwin_all
                critwin_deps_model critwin_deps_random123 critwin_deps_z3
        EXPORT critwinTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/critwin)
install(TARGETS critwin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT critwinTargets NAMESPACE critwin:: DESTINATION ${CRITWIN_INSTALL_CMAKEDIR})
install(DIRECTORY model bounds samplers verify DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/critwin
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/critwinConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/critwinConfig.cmake INSTALL_DESTINATION ${CRITWIN_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/critwinConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/critwinConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/critwinConfigVersion.cmake
        DESTINATION ${CRITWIN_INSTALL_CMAKEDIR})
