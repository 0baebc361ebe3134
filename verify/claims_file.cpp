#include "verify/claims_file.hpp"

#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "model/input_error.hpp"
#include "model/toml_reader.hpp"
#include "model/input_file.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

namespace {

const std::set<std::string> kStatuses = {"proved", "refuted", "unknown", "holds", "fails"};

std::string kind_list() {
  std::string s;
  for (const auto& k : claim_kinds()) s += fmt::format("{}{}", s.empty() ? "" : ", ", k.name);
  return s;
}

Claim parse_claim(ClaimTable& t) {
  Claim cl;
  cl.source = t.source();
  cl.name = t.req_string("name");
  t.set_claim_name(cl.name);
  const std::string kind = t.req_string("kind");
  const auto& kinds = claim_kinds();
  auto row = std::find_if(kinds.begin(), kinds.end(), [&](const ClaimKindRow& r) { return r.name == kind; });
  if (row == kinds.end()) t.fail("kind", "must be one of " + kind_list() + " (got '" + kind + "')");
  cl.description = t.opt_string("description").value_or("");
  cl.expect = t.opt_string("expect").value_or(std::string(row->default_expect));
  if (!kStatuses.count(cl.expect)) t.fail("expect", "must be one of proved, refuted, unknown, holds, fails (got '" + cl.expect + "')");
  cl.spec = row->parse(t);
  t.check_all_keys_read();
  return cl;
}

}  // namespace

std::vector<Claim> claims_file_parse(std::string_view toml_text, const std::string& source_name, const std::string& base_dir) {
  const toml::table doc = toml_reader::parse_document(toml_text, source_name, "claims file");
  for (const auto& [k, v] : doc)
    if (k.str() != "claim")
      throw InputError(fmt::format("{}: {}", source_name, k.str()),
                       "unknown top-level key; a claims file holds only [[claim]] tables");
  const toml::node* n = doc.get("claim");
  const toml::array* arr = n ? n->as_array() : nullptr;
  if (n && !arr) throw InputError(fmt::format("{}: claim", source_name), "must be an array of tables, written [[claim]]");
  if (!arr || arr->empty()) throw InputError(fmt::format("{}: claim", source_name), "the file must contain at least one [[claim]] table");
  std::vector<Claim> out;
  std::set<std::string> names;
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* tab = arr->get(i)->as_table();
    if (!tab) throw InputError(fmt::format("{}: claim[{}]", source_name, i), "must be a table");
    ClaimTable t(*tab, source_name, base_dir);
    out.push_back(parse_claim(t));
    if (!names.insert(out.back().name).second)
      throw InputError(fmt::format("{}: claim", source_name), "duplicate claim name '" + out.back().name + "'");
  }
  return out;
}

std::vector<Claim> claims_file_load(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return claims_file_parse(input_file_read(path, path, "claims file"), path, dir.empty() ? "." : dir);
}

}  // namespace critwin::verify
