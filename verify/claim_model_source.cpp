#include "verify/claim_model_source.hpp"

#include <algorithm>
#include <filesystem>

#include "model/input_error.hpp"
#include "model/input_file.hpp"
#include "model/model_file.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

ModelSource ModelSource::parse(ClaimTable& t) {
  auto tmpl = t.opt_string("template");
  auto path = t.opt_string("model");
  if (tmpl && path) t.fail("model", "give either 'model' (a file) or 'template' (inline TOML), not both");
  if (!tmpl && !path) t.fail("model", "is required: a model file path, or an inline 'template'");
  if (tmpl) return {*tmpl};
  std::filesystem::path p(*path);
  if (p.is_relative()) p = std::filesystem::path(t.base_dir()) / p;
  return {input_file_read(p.string(), t.field("model"), "model file")};
}

Model ModelSource::parse_model(const ClaimTable& t) const {
  return model_file_parse(text({}, t.field("model")), t.field("model"));
}

std::string ModelSource::text(const ParamPoint& p, const std::string& field) const {
  std::string out;
  const std::string& s = template_text;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "${") == 0) {
      size_t end = s.find('}', i);
      if (end == std::string::npos) throw InputError(field, "unterminated ${...} placeholder");
      std::string key = s.substr(i + 2, end - i - 2);
      auto it = std::find_if(p.begin(), p.end(), [&](const auto& kv) { return kv.first == key; });
      if (it == p.end()) throw InputError(field, "placeholder ${" + key + "} has no parameter in grid/points");
      out += it->second;
      i = end + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace critwin::verify
