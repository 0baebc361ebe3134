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

}  // namespace critwin::app
