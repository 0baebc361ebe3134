#include "app/sweep_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "app/output.hpp"
#include "app/run_json.hpp"
#include "model/exact_real.hpp"
#include "model/input_error.hpp"
#include "model/input_file.hpp"
#include "model/toml_reader.hpp"

namespace critwin::app {

namespace {

using toml_reader::check_keys;

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The names of the ${name} placeholders in `text`, checking their syntax.
std::vector<std::string> placeholders(const std::string& text, const std::string& field) {
  std::vector<std::string> out;
  for (size_t i = text.find("${"); i != std::string::npos; i = text.find("${", i)) {
    const size_t close = text.find('}', i + 2);
    if (close == std::string::npos)
      throw InputError(field, fmt::format("'${{' at offset {} has no closing '}}' (placeholders are ${{name}})", i));
    const std::string name = text.substr(i + 2, close - i - 2);
    if (!is_identifier(name))
      throw InputError(field, fmt::format("'${{{}}}' is not a placeholder: a name is letters, digits and _", name));
    out.push_back(name);
    i = close + 1;
  }
  return out;
}

// Entries of a TOML table in the order they are written in the file (toml++ keeps them sorted by name).
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::tuple<toml::source_position, std::string, const toml::node*>> v;
  for (const auto& [k, n] : t) v.emplace_back(k.source().begin, std::string(k.str()), &n);
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    const auto& pa = std::get<0>(a);
    const auto& pb = std::get<0>(b);
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  std::vector<std::pair<std::string, const toml::node*>> out;
  for (auto& [pos, k, n] : v) out.emplace_back(k, n);
  return out;
}

// The text of an exact value: an integer as digits, else the shortest exact decimal ("0.35", "1e-05"), else p/q.
std::string exact_text(const ExactReal& x) {
  if (x.is_integer()) return x.to_string();
  for (int digits = 1; digits <= 40; ++digits) {
    std::string s = x.to_scientific(digits);
    if (s.rfind("≈", 0) != 0) return s;
  }
  return x.to_string();
}

// One scalar TOML value as the text a user would type (strings as they are).
std::optional<std::string> scalar_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (const auto* f = n.as_floating_point()) {
    if (!std::isfinite(f->get())) return std::nullopt;
    return number_text(f->get());
  }
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  return std::nullopt;
}

SweepParameter parse_parameter(const std::string& name, const toml::node& n) {
  const std::string field = "parameters." + name;
  if (!is_identifier(name))
    throw InputError(field, "a parameter name is letters, digits and _ (not starting with a digit), so that ${name} can name it");
  SweepParameter p{name, {}};
  if (const auto* a = n.as_array()) {
    if (a->empty()) throw InputError(field, "the list is empty (give at least one value)");
    if (a->size() > kSweepMaxRows)
      throw InputError(field, fmt::format("has {} values; a sweep has at most {} rows", a->size(), kSweepMaxRows));
    for (size_t i = 0; i < a->size(); ++i) {
      auto t = scalar_text(*a->get(i));
      if (!t) throw InputError(fmt::format("{}[{}]", field, i), "must be a string, an integer, a finite number or a boolean");
      p.values.push_back(*t);
    }
    return p;
  }
  const auto* t = n.as_table();
  if (!t) throw InputError(field, "must be a list of values or a range { from, to, n, scale = \"lin\" | \"log\" }");
  check_keys(*t, field, {"from", "to", "n", "scale"});
  for (const char* k : {"from", "to", "n"})
    if (!t->get(k)) throw InputError(field + "." + k, "missing (a range needs from, to and n)");
  // A TOML float end (from = 0.1) means the decimal the user wrote, as in the list form: its shortest round-trip
  // text read exactly, not the binary double 3602879701896397/36028797018963968.
  auto range_end = [&](const char* key) {
    const toml::node& e = *t->get(key);
    if (const auto* f = e.as_floating_point(); f && std::isfinite(f->get()))
      if (auto v = ExactReal::parse(fmt::format("{}", f->get()))) return *v;
    return toml_reader::to_real(e, field + "." + key);
  };
  const ExactReal from = range_end("from");
  const ExactReal to = range_end("to");
  const long count = toml_reader::need_int(*t, "n", field + ".n", 1, static_cast<long>(kSweepMaxRows));
  std::string scale = "lin";
  if (t->get("scale")) scale = toml_reader::need_string(*t, "scale", field + ".scale");
  if (scale != "lin" && scale != "log")
    throw InputError(field + ".scale", fmt::format("must be \"lin\" or \"log\" (got \"{}\")", scale));
  if (scale == "lin") {
    // Exact rational grid points, so 0.1 + 8 · 0.1 is 0.9 and not 0.8999999999999999.
    for (long i = 0; i < count; ++i) {
      ExactReal v = count == 1 ? from : from + (to - from) * ExactReal::from_int(i) / ExactReal::from_int(count - 1);
      p.values.push_back(exact_text(v));
    }
    return p;
  }
  for (const auto& [k, v] : {std::pair{"from", &from}, std::pair{"to", &to}})
    if (v->sign() <= 0)
      throw InputError(field + "." + k, fmt::format("must be > 0 for scale = \"log\" (got {})", exact_text(*v)));
  // A geometric grid is irrational between its ends: each inner point is rounded to 12 significant digits,
  // and that text is the value every query uses (the ends are the given values exactly).
  const double lf = std::log(from.to_double()), lt = std::log(to.to_double());
  for (long i = 0; i < count; ++i) {
    if (i == 0) p.values.push_back(exact_text(from));
    else if (i == count - 1) p.values.push_back(exact_text(to));
    else {
      const double x = std::exp(lf + (lt - lf) * static_cast<double>(i) / static_cast<double>(count - 1));
      p.values.push_back(exact_text(*ExactReal::parse(fmt::format("{:.12g}", x))));
    }
  }
  return p;
}

SweepQuery parse_query(const toml::node& n, size_t index) {
  const std::string field = fmt::format("query[{}]", index);
  const auto* t = n.as_table();
  if (!t) throw InputError(field, "must be a table [[query]] with command and options");
  check_keys(*t, field, {"command", "options"});
  SweepQuery q;
  q.command = toml_reader::need_string(*t, "command", field + ".command");
  const auto& allowed = sweep_commands();
  if (std::find(allowed.begin(), allowed.end(), q.command) == allowed.end()) {
    std::string list;
    for (const auto& c : allowed) list += (list.empty() ? "" : ", ") + c;
    const auto names = command_names();
    const bool exists = std::find(names.begin(), names.end(), q.command) != names.end();
    throw InputError(field + ".command",
                     fmt::format("{} '{}'; a query is one of: {}", exists ? "a sweep cannot run" : "unknown command", q.command, list));
  }
  if (const auto* o = t->get("options")) {
    const auto* ot = o->as_table();
    if (!ot) throw InputError(field + ".options", "must be a table { flag = value, ... } (flags without the leading --)");
    for (const auto& [key, v] : in_file_order(*ot)) {
      const std::string of = field + ".options." + key;
      if (key == "json" || key == "format" || key == "help")
        throw InputError(of, "is set by the sweep (every row holds the command's JSON object); remove it");
      if (key.empty() || key[0] == '-') throw InputError(of, "write the flag without its leading dashes (eps, not --eps)");
      const std::string flag = "--" + key;
      if (auto e = run_json_check_words({q.command, flag}))
        throw InputError(of, e->message());
      SweepQuery::Option opt{flag, "", false};
      if (const auto* b = v->as_boolean()) {
        if (!b->get()) continue;  // false: the flag is left out
        opt.flag_only = true;
      } else if (const auto* a = v->as_array()) {
        // A list is written comma separated, as subsets and lists are on the command line.
        for (size_t i = 0; i < a->size(); ++i) {
          auto s = scalar_text(*a->get(i));
          if (!s || a->get(i)->is_boolean()) throw InputError(fmt::format("{}[{}]", of, i), "must be a string or a number");
          opt.value += (i ? "," : "") + *s;
        }
      } else if (auto s = scalar_text(*v)) {
        opt.value = *s;
      } else {
        throw InputError(of, "must be a string, a number, a boolean (a bare flag) or a list");
      }
      q.options.push_back(std::move(opt));
    }
  }
  // In-process runs keep the command's own progress bar off: the sweep draws one for the whole grid.
  if (command_has_option(q.command, "--quiet") &&
      std::none_of(q.options.begin(), q.options.end(), [](const auto& o) { return o.flag == "--quiet"; }))
    q.options.push_back({"--quiet", "", true});
  return q;
}

uint64_t fnv1a(uint64_t h, std::string_view s) {
  // FNV-1a: a fixed, portable digest (std::hash may differ between builds); not a security property.
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return (h ^ 0xff) * 1099511628211ull;  // a separator, so ("ab","c") and ("a","bc") differ
}

}  // namespace

const std::vector<std::string>& sweep_commands() {
  static const std::vector<std::string> c{"forward-tv", "window", "critical-window", "compare", "tree",
                                          "fr-tv", "retention", "sample", "all-or-nothing"};
  return c;
}

std::string sweep_substitute(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values,
                             const std::string& field) {
  std::string out;
  size_t pos = 0;
  for (size_t i = text.find("${"); i != std::string::npos; i = text.find("${", pos)) {
    const size_t close = text.find('}', i + 2);
    if (close == std::string::npos) throw InputError(field, "'${' has no closing '}'");
    const std::string name = text.substr(i + 2, close - i - 2);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (it == values.end()) throw InputError(field, fmt::format("${{{}}} names no parameter", name));
    out.append(text, pos, i - pos);
    out += it->second;
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

uint64_t SweepFile::points() const {
  uint64_t n = 1;
  for (const auto& p : parameters) n *= p.values.size();
  return n;
}

std::vector<std::pair<std::string, std::string>> SweepFile::point_values(uint64_t p) const {
  std::vector<std::pair<std::string, std::string>> out(parameters.size());
  for (size_t k = parameters.size(); k-- > 0;) {
    const auto& par = parameters[k];
    out[k] = {par.name, par.values[p % par.values.size()]};
    p /= par.values.size();
  }
  return out;
}

std::string SweepFile::model_at(uint64_t p) const { return sweep_substitute(model_template, point_values(p), "model"); }

std::vector<std::string> SweepFile::args_at(uint64_t p, size_t q, const std::string& model_path) const {
  const auto values = point_values(p);
  const auto& query = queries.at(q);
  std::vector<std::string> args{query.command, model_path};
  for (const auto& o : query.options) {
    args.push_back(o.flag);
    if (!o.flag_only) args.push_back(sweep_substitute(o.value, values, fmt::format("query[{}].options.{}", q, o.flag.substr(2))));
  }
  return args;
}

std::string SweepFile::fingerprint() const {
  uint64_t h = 1469598103934665603ull;
  h = fnv1a(h, model_template);
  for (const auto& p : parameters) {
    h = fnv1a(h, p.name);
    for (const auto& v : p.values) h = fnv1a(h, v);
  }
  for (const auto& q : queries) {
    h = fnv1a(h, q.command);
    for (const auto& o : q.options) h = fnv1a(fnv1a(h, o.flag), o.flag_only ? std::string("\x01") : o.value);
  }
  return fmt::format("{:016x}", h);
}

SweepFile sweep_file_parse(const std::string& text, const std::string& source_name, const std::string& base_dir) {
  const toml::table root = toml_reader::parse_document(text, source_name, "SWEEP");
  check_keys(root, "", {"name", "model", "model_file", "parameters", "query"});
  SweepFile s;
  s.name = root.get("name") ? toml_reader::need_string(root, "name", "name") : source_name;
  const bool inline_model = root.get("model") != nullptr, file_model = root.get("model_file") != nullptr;
  if (inline_model == file_model)
    throw InputError("model", "give the model template either inline (model = \"\"\"...\"\"\") or as model_file = \"PATH\", not both");
  std::string template_field = "model";
  if (inline_model) {
    s.model_template = toml_reader::need_string(root, "model", "model");
    s.model_source = source_name;
  } else {
    template_field = "model_file";
    std::filesystem::path p = toml_reader::need_string(root, "model_file", "model_file");
    if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
    s.model_template = input_file_read(p.string(), "model_file", "model template (a path relative to the sweep file's folder)");
    s.model_source = p.string();
  }

  // The grid's size from the declared sizes (list lengths, ranges' n) before any range is expanded: expanding
  // 10^5 exact rational points alone takes seconds. A size out of range by itself is left to parse_parameter,
  // which names its field; the running product saturates, so it cannot overflow.
  const auto* pt = root.get("parameters") ? root.get("parameters")->as_table() : nullptr;
  if (root.get("parameters") && !pt) throw InputError("parameters", "must be a table [parameters] of name = values");
  {
    const auto* qs = root.get("query");
    const uint64_t n_queries = qs && qs->is_array() ? qs->as_array()->size() : 0;
    uint64_t rows = std::max<uint64_t>(1, n_queries);
    std::string sizes;
    if (pt)
      for (const auto& [name, n] : in_file_order(*pt)) {
        int64_t size = 0;
        if (const auto* a = n->as_array()) size = static_cast<int64_t>(a->size());
        else if (const auto* t = n->as_table(); t && t->get("n") && t->get("n")->is_integer()) size = t->get("n")->as_integer()->get();
        if (size < 1 || size > static_cast<int64_t>(kSweepMaxRows)) continue;
        sizes += fmt::format("{}: {} values, ", name, size);
        rows = std::min(rows * static_cast<uint64_t>(size), kSweepMaxRows + 1);
      }
    if (rows > kSweepMaxRows)
      throw InputError("parameters", fmt::format("grid points × queries is more than the limit of {} rows ({}{} queries)",
                                                 kSweepMaxRows, sizes, n_queries));
  }
  if (pt)
    for (const auto& [name, n] : in_file_order(*pt)) s.parameters.push_back(parse_parameter(name, *n));
  const auto* queries = root.get("query");
  if (!queries || !queries->is_array() || queries->as_array()->empty())
    throw InputError("query", "give at least one [[query]] with a command and its options");
  const auto& qa = *queries->as_array();
  for (size_t i = 0; i < qa.size(); ++i) s.queries.push_back(parse_query(*qa.get(i), i));

  // Every placeholder names a parameter, and every parameter is used somewhere.
  std::set<std::string> names, used;
  for (const auto& p : s.parameters) names.insert(p.name);
  auto check = [&](const std::string& text, const std::string& field) {
    for (const auto& n : placeholders(text, field)) {
      if (!names.count(n)) {
        std::string list;
        for (const auto& p : s.parameters) list += (list.empty() ? "" : ", ") + p.name;
        throw InputError(field, fmt::format("${{{}}} names no parameter (parameters: {})", n, list.empty() ? "none" : list));
      }
      used.insert(n);
    }
  };
  check(s.model_template, template_field);
  for (size_t q = 0; q < s.queries.size(); ++q)
    for (const auto& o : s.queries[q].options) check(o.value, fmt::format("query[{}].options.{}", q, o.flag.substr(2)));
  for (const auto& p : s.parameters)
    if (!used.count(p.name))
      throw InputError("parameters." + p.name, fmt::format("is not used: no ${{{}}} in the model template or in any query's options", p.name));
  return s;
}

SweepFile sweep_file_load(const std::string& path) {
  const std::string text = input_file_read(path, "SWEEP", "sweep file");
  const auto dir = std::filesystem::path(path).parent_path();
  return sweep_file_parse(text, path, dir.empty() ? "." : dir.string());
}

}  // namespace critwin::app
