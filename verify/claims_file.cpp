#include "verify/claims_file.hpp"

#include <filesystem>
#include <limits>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "verify/expr_parser.hpp"

namespace critwin::verify {

std::string claim_kind_name(ClaimKind k) {
  switch (k) {
    case ClaimKind::inequality: return "inequality";
    case ClaimKind::region: return "region";
    case ClaimKind::closed_form_window: return "closed-form-window";
    case ClaimKind::theorem2: return "theorem2";
    case ClaimKind::mc_agrees: return "mc-agrees";
    case ClaimKind::icl_tensorization: return "icl-tensorization";
  }
  return "?";
}

namespace {

struct Ctx {
  std::string source;
  std::string claim;
  std::string field(const std::string& f) const {
    return claim.empty() ? fmt::format("{}: {}", source, f) : fmt::format("{}: claim '{}': {}", source, claim, f);
  }
};

std::string text_of(const toml::node& n, const Ctx& c, const std::string& f) {
  if (auto s = n.value<std::string>()) return *s;
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  if (n.is_floating_point()) return ExactReal::from_double(*n.value<double>()).to_string();
  throw InputError(c.field(f), "must be a string or a number");
}

ExactReal real_of(const toml::node& n, const Ctx& c, const std::string& f) {
  if (n.is_floating_point()) return ExactReal::from_double(*n.value<double>());
  std::string t = text_of(n, c, f);
  auto v = ExactReal::parse(t);
  if (!v) throw InputError(c.field(f), "must be a real number written as a decimal or rational (got '" + t + "')");
  return *v;
}

std::optional<std::string> opt_string(const toml::table& t, const char* key, const Ctx& c) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  auto s = n->value<std::string>();
  if (!s) throw InputError(c.field(key), "must be a string");
  return *s;
}

std::string req_string(const toml::table& t, const char* key, const Ctx& c) {
  auto s = opt_string(t, key, c);
  if (!s) throw InputError(c.field(key), "is required");
  return *s;
}

long opt_int(const toml::table& t, const char* key, long def, long lo, long hi, const Ctx& c) {
  const toml::node* n = t.get(key);
  if (!n) return def;
  auto v = n->value<int64_t>();
  if (!v || !n->is_integer() || *v < lo || *v > hi)
    throw InputError(c.field(key), fmt::format("must be an integer in [{}, {}]", lo, hi));
  return static_cast<long>(*v);
}

Box parse_box(const toml::table& t, const Ctx& c) {
  Box box;
  const toml::node* n = t.get("box");
  if (!n) return box;
  const toml::table* bt = n->as_table();
  if (!bt) throw InputError(c.field("box"), "must be a table { name = [\"lo\", \"hi\"], ... }");
  for (const auto& [k, v] : *bt) {
    const std::string name(k.str());
    const std::string f = "box." + name;
    const toml::array* a = v.as_array();
    if (!a || a->size() != 2) throw InputError(c.field(f), "must be a two-element array [lo, hi]");
    VarRange r{name, real_of(*a->get(0), c, f), real_of(*a->get(1), c, f)};
    if (r.hi < r.lo) throw InputError(c.field(f), fmt::format("lower end {} exceeds upper end {}", r.lo.to_string(), r.hi.to_string()));
    box.push_back(std::move(r));
  }
  return box;
}

// Cartesian product of `grid` (name -> list) times the explicit `points` list.
std::vector<ParamPoint> parse_points(const toml::table& t, const Ctx& c) {
  std::vector<ParamPoint> rows{ParamPoint{}};
  if (const toml::node* n = t.get("points")) {
    const toml::array* a = n->as_array();
    if (!a || a->empty()) throw InputError(c.field("points"), "must be a non-empty array of tables { name = value, ... }");
    rows.clear();
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::table* pt = a->get(i)->as_table();
      if (!pt) throw InputError(c.field(fmt::format("points[{}]", i)), "must be a table { name = value, ... }");
      ParamPoint p;
      for (const auto& [k, v] : *pt) p.emplace_back(std::string(k.str()), text_of(v, c, fmt::format("points[{}].{}", i, k.str())));
      rows.push_back(std::move(p));
    }
  }
  if (const toml::node* n = t.get("grid")) {
    const toml::table* g = n->as_table();
    if (!g) throw InputError(c.field("grid"), "must be a table { name = [values...] }");
    for (const auto& [k, v] : *g) {
      const std::string f = fmt::format("grid.{}", k.str());
      const toml::array* a = v.as_array();
      if (!a || a->empty()) throw InputError(c.field(f), "must be a non-empty array of values");
      std::vector<ParamPoint> next;
      for (const auto& row : rows)
        for (size_t i = 0; i < a->size(); ++i) {
          ParamPoint p = row;
          p.emplace_back(std::string(k.str()), text_of(*a->get(i), c, f));
          next.push_back(std::move(p));
        }
      rows = std::move(next);
    }
  }
  if (rows.size() > 10000) throw InputError(c.field("grid"), fmt::format("has {} points; at most 10000", rows.size()));
  return rows;
}

std::string read_file(const std::string& path, const std::string& field) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(field, "cannot read file '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void parse_model_source(Claim& cl, const toml::table& t, const Ctx& c, const std::string& base_dir) {
  auto tmpl = opt_string(t, "template", c);
  auto path = opt_string(t, "model", c);
  if (tmpl && path) throw InputError(c.field("model"), "give either 'model' (a file) or 'template' (inline TOML), not both");
  if (!tmpl && !path) throw InputError(c.field("model"), "is required: a model file path, or an inline 'template'");
  if (path) {
    std::filesystem::path p(*path);
    if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
    cl.template_text = read_file(p.string(), c.field("model"));
  } else {
    cl.template_text = *tmpl;
  }
}

const std::set<std::string> kStatuses = {"proved", "refuted", "unknown", "holds", "fails"};

Claim parse_claim(const toml::table& t, Ctx c, const std::string& base_dir) {
  Claim cl;
  cl.source = c.source;
  cl.name = req_string(t, "name", c);
  c.claim = cl.name;
  const std::string kind = req_string(t, "kind", c);
  if (kind == "inequality") cl.kind = ClaimKind::inequality;
  else if (kind == "region") cl.kind = ClaimKind::region;
  else if (kind == "closed-form-window") cl.kind = ClaimKind::closed_form_window;
  else if (kind == "theorem2") cl.kind = ClaimKind::theorem2;
  else if (kind == "mc-agrees") cl.kind = ClaimKind::mc_agrees;
  else if (kind == "icl-tensorization") cl.kind = ClaimKind::icl_tensorization;
  else throw InputError(c.field("kind"), "must be one of inequality, region, closed-form-window, theorem2, mc-agrees, icl-tensorization (got '" + kind + "')");
  cl.description = opt_string(t, "description", c).value_or("");
  cl.expect = opt_string(t, "expect", c).value_or(cl.kind == ClaimKind::inequality ? "proved" : "holds");
  if (!kStatuses.count(cl.expect)) throw InputError(c.field("expect"), "must be one of proved, refuted, unknown, holds, fails (got '" + cl.expect + "')");
  cl.budget = opt_int(t, "budget", 512, 1, 1000000, c);

  switch (cl.kind) {
    case ClaimKind::inequality:
    case ClaimKind::region: {
      cl.expr_text = req_string(t, "expr", c);
      ExprPtr e = expr_parse_formula(cl.expr_text, c.field("expr"));
      if (auto a = opt_string(t, "assume", c)) {
        cl.assume_text = *a;
        cl.formula = expr_make(Op::implies, {expr_parse_formula(*a, c.field("assume")), e}, 0);
      } else {
        cl.formula = e;
      }
      cl.box = parse_box(t, c);
      if (auto sv = opt_string(t, "solver", c)) {
        if (*sv != "z3+arb" && *sv != "arb") throw InputError(c.field("solver"), "must be \"z3+arb\" (default) or \"arb\" (got '" + *sv + "')");
        cl.use_z3 = *sv == "z3+arb";
      }
      if (cl.kind == ClaimKind::region) {
        if (cl.box.empty()) throw InputError(c.field("box"), "is required for a region query");
        if (const toml::node* n = t.get("max_undecided")) {
          auto v = n->value<double>();
          if (!v || *v < 0 || *v > 1) throw InputError(c.field("max_undecided"), "must be a number in [0, 1]");
          cl.max_undecided = *v;
        }
      }
      for (const auto& r : cl.box)
        if (!expr_variables(cl.formula).count(r.name))
          throw InputError(c.field("box." + r.name), "names a variable the claim does not use");
      break;
    }
    case ClaimKind::closed_form_window: {
      parse_model_source(cl, t, c, base_dir);
      cl.points = parse_points(t, c);
      cl.endpoint = req_string(t, "endpoint", c);
      if (cl.endpoint == "t_after" || cl.endpoint == "t_before") {
        cl.s_first = req_string(t, "s_after", c);
        cl.s_second = req_string(t, "s_before", c);
      } else if (cl.endpoint == "t_start" || cl.endpoint == "t_end") {
        cl.s_first = req_string(t, "s_init", c);
        cl.s_second = req_string(t, "s_target", c);
      } else {
        throw InputError(c.field("endpoint"), "must be t_after, t_before (critical window) or t_start, t_end (Theorem 2)");
      }
      cl.closed_form_text = req_string(t, "closed_form", c);
      cl.closed_form = expr_parse_term(cl.closed_form_text, c.field("closed_form"));
      cl.eps_expr = expr_parse_term(opt_string(t, "eps", c).value_or("eps"), c.field("eps"));
      cl.relation = opt_string(t, "relation", c).value_or("<=");
      if (cl.relation != "<=" && cl.relation != ">=")
        throw InputError(c.field("relation"), "must be \"<=\" (closed form <= exact) or \">=\" (got '" + cl.relation + "')");
      if (const toml::node* n = t.get("tol")) cl.tol = real_of(*n, c, "tol");
      if (cl.tol.sign() < 0) throw InputError(c.field("tol"), "must be >= 0");
      // Every variable of the closed form and of ε must be a parameter at every point.
      for (const auto& p : cl.points) {
        std::set<std::string> names;
        for (const auto& [k, v] : p) names.insert(k);
        for (const auto& e : {cl.closed_form, cl.eps_expr})
          for (const auto& v : expr_variables(e))
            if (!names.count(v)) throw InputError(c.field("grid"), "the closed form or eps uses '" + v + "', which is not a parameter");
        model_file_parse(claim_model_text(cl, p), c.field("model"));  // fail early on a bad template
      }
      break;
    }
    case ClaimKind::theorem2: {
      parse_model_source(cl, t, c, base_dir);
      cl.points = {ParamPoint{}};
      model_file_parse(claim_model_text(cl, cl.points[0]), c.field("model"));
      cl.s_first = req_string(t, "s_init", c);
      cl.s_second = req_string(t, "s_target", c);
      const toml::node* n = t.get("eps");
      const toml::array* a = n ? n->as_array() : nullptr;
      if (!a || a->empty()) throw InputError(c.field("eps"), "is required: a non-empty array of values in (0, 1)");
      for (size_t i = 0; i < a->size(); ++i) {
        ExactReal e = real_of(*a->get(i), c, "eps");
        if (e.sign() <= 0 || e >= ExactReal::from_int(1)) throw InputError(c.field("eps"), "values must be in the open interval (0, 1) (got " + e.to_string() + ")");
        cl.eps_list.push_back(e);
      }
      cl.t_hat_count = static_cast<int>(opt_int(t, "t_hat_count", 5, 1, 1000, c));
      break;
    }
    case ClaimKind::mc_agrees: {
      parse_model_source(cl, t, c, base_dir);
      cl.points = {ParamPoint{}};
      Model m = model_file_parse(claim_model_text(cl, cl.points[0]), c.field("model"));
      cl.s_first = req_string(t, "s_init", c);
      cl.s_second = req_string(t, "s_target", c);
      const toml::node* n = t.get("t_hat");
      const toml::array* a = n ? n->as_array() : nullptr;
      if (!a || a->empty()) throw InputError(c.field("t_hat"), "is required: a non-empty array of times in the index set");
      for (size_t i = 0; i < a->size(); ++i) {
        const toml::node* e = a->get(i);
        std::string text = e->is_string() ? e->as_string()->get() : e->is_integer() ? std::to_string(e->as_integer()->get())
                                                                                     : real_of(*e, c, "t_hat").to_string();
        TimePoint::parse(text, m.process, c.field(fmt::format("t_hat[{}]", i)));  // fail early outside the index set
        cl.t_hats.push_back(text);
      }
      cl.mc_n = opt_int(t, "n", 20000, 1, 100000000, c);
      cl.mc_seed = opt_int(t, "seed", 1, 0, std::numeric_limits<int32_t>::max(), c);
      cl.mc_inner = opt_int(t, "inner", 0, 0, 1000000, c);
      if (auto other = opt_string(t, "exact_template", c)) {
        Model e = model_file_parse(*other, c.field("exact_template"));
        if (e.size() != m.size()) throw InputError(c.field("exact_template"), "must have as many components as the model");
        cl.exact_template_text = *other;
      }
      break;
    }
    case ClaimKind::icl_tensorization: {
      parse_model_source(cl, t, c, base_dir);
      cl.points = {ParamPoint{}};
      Model m = model_file_parse(claim_model_text(cl, cl.points[0]), c.field("model"));
      const auto* icl = m.family<IclComponents>();
      if (!icl) throw InputError(c.field("model"), "must be an icl model (got " + m.family_name() + ")");
      if (m.size() < 2) throw InputError(c.field("model"), "must have at least two tasks (theta_star and the rest)");
      cl.s_first = req_string(t, "theta_star", c);
      Subset star = Subset::parse(cl.s_first, m, c.field("theta_star"));
      if (star.size() != 1) throw InputError(c.field("theta_star"), "must name one component");
      const toml::node* n = t.get("n");
      const toml::array* a = n ? n->as_array() : nullptr;
      if (!a || a->empty()) throw InputError(c.field("n"), "is required: a non-empty array of example counts");
      for (size_t i = 0; i < a->size(); ++i) {
        const toml::node* e = a->get(i);
        if (!e->is_integer() || e->as_integer()->get() < 0 || e->as_integer()->get() > icl->examples)
          throw InputError(c.field(fmt::format("n[{}]", i)),
                           fmt::format("must be an integer in [0, {}] (components.examples)", icl->examples));
        cl.icl_ns.push_back(static_cast<long>(e->as_integer()->get()));
      }
      break;
    }
  }
  return cl;
}

}  // namespace

std::string claim_model_text(const Claim& c, const ParamPoint& p) {
  std::string out;
  const std::string& s = c.template_text;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "${") == 0) {
      size_t end = s.find('}', i);
      if (end == std::string::npos) throw InputError(c.source + ": claim '" + c.name + "': model", "unterminated ${...} placeholder");
      std::string key = s.substr(i + 2, end - i - 2);
      auto it = std::find_if(p.begin(), p.end(), [&](const auto& kv) { return kv.first == key; });
      if (it == p.end()) throw InputError(c.source + ": claim '" + c.name + "': model", "placeholder ${" + key + "} has no parameter in grid/points");
      out += it->second;
      i = end + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::vector<Claim> claims_file_parse(std::string_view toml_text, const std::string& source_name, const std::string& base_dir) {
  Ctx c{source_name, ""};
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    throw InputError(source_name, fmt::format("TOML syntax error at line {}, column {}: {}", e.source().begin.line,
                                              e.source().begin.column, e.description()));
  }
  const toml::node* n = doc.get("claim");
  const toml::array* arr = n ? n->as_array() : nullptr;
  if (!arr || arr->empty()) throw InputError(c.field("claim"), "the file must contain at least one [[claim]] table");
  std::vector<Claim> out;
  std::set<std::string> names;
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = arr->get(i)->as_table();
    if (!t) throw InputError(c.field(fmt::format("claim[{}]", i)), "must be a table");
    out.push_back(parse_claim(*t, c, base_dir));
    if (!names.insert(out.back().name).second) throw InputError(c.field("claim"), "duplicate claim name '" + out.back().name + "'");
  }
  return out;
}

std::vector<Claim> claims_file_load(const std::string& path) {
  std::string text = read_file(path, path);
  std::string dir = std::filesystem::path(path).parent_path().string();
  return claims_file_parse(text, path, dir.empty() ? "." : dir);
}

}  // namespace critwin::verify
