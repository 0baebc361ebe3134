#include "app/model_context.hpp"

#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin::app {

void ModelArgs::add_to(CLI::App& cmd) {
  cmd.add_option("MODEL", path, "model file (TOML)")->required();
  common.add_to(cmd);
}

Model ModelArgs::load() const { return model_file_load(path); }

ExactReal parse_real_option(const std::string& text, const std::string& field) {
  auto v = ExactReal::parse(text);
  if (!v) throw InputError(field, "must be a real number written as a decimal or rational (got '" + text + "')");
  return *v;
}

Json json_header(const std::string& command, const Model& model) {
  Json j;
  j["command"] = command;
  j["model"] = model.name;
  return j;
}

void emit_pair_tv(const CommonOptions& opt, const Model& m, const PairTvReport& r, const Estimate& tv) {
  Json j = json_header(r.command, m);
  for (size_t i = 0; i < 3; ++i) j[r.keys[i]] = r.values[i];
  json_put(j, "tv", tv);
  j["guarantee"] = guarantee_name(tv.guarantee);
  Table tab{{r.headers[0], r.headers[1], r.headers[2], r.column, "guarantee"},
            {{r.values[0], r.values[1], r.values[2], cell(tv), guarantee_name(tv.guarantee)}},
            ""};
  emit(opt, j, tab);
}

}  // namespace critwin::app
