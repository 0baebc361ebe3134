#include "model/toml_keys.hpp"

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

void toml_check_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : t) {
    bool ok = false;
    for (auto a : allowed) ok = ok || k.str() == a;
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw InputError(where.empty() ? std::string(k.str()) : where + "." + std::string(k.str()),
                       fmt::format("unknown key; allowed keys here are: {}", list));
    }
  }
}

}  // namespace critwin
