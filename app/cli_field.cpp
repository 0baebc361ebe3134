#include "app/cli_field.hpp"

#include <algorithm>

namespace critwin::app {

InputError as_flag(const InputError& e, const CLI::App& cmd) {
  std::string flag = "--" + e.field();
  std::replace(flag.begin(), flag.end(), '_', '-');
  if (e.field().find_first_of(".[ -") != std::string::npos || !cmd.get_option_no_throw(flag)) return e;
  return e.renamed(flag);
}

}  // namespace critwin::app
