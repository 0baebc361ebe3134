#include "app/compare_sweep.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin::app {

namespace {

const char* const kNames[] = {"m", "variance", "length", "delta", "barrier", "eps"};

// √q when q >= 0 is the square of a rational (q in lowest terms: both parts perfect squares), else nullopt.
std::optional<ExactReal> rational_sqrt(const ExactReal& q) {
  if (q.sign() < 0) return std::nullopt;
  const std::string s = q.to_string();
  const auto slash = s.find('/');
  using boost::multiprecision::cpp_int;
  const cpp_int num(s.substr(0, slash)), den(slash == std::string::npos ? std::string("1") : s.substr(slash + 1));
  const cpp_int rn = boost::multiprecision::sqrt(num), rd = boost::multiprecision::sqrt(den);
  if (rn * rn != num || rd * rd != den) return std::nullopt;
  return ExactReal::parse(rn.str() + "/" + rd.str());
}

long integer_value(const ExactReal& v, const std::string& field, const std::string& what, long lo) {
  if (!v.is_integer() || v < ExactReal::from_int(lo) || v > ExactReal::from_int(1000000))
    throw InputError(field, fmt::format("{} must be an integer in [{}, 1000000] (got {})", what, lo, v.to_string()));
  return v.to_long();
}

// probs = {½ + Δ, ½ − Δ} keeping the file's order of the larger and the smaller one.
void set_delta(std::vector<ExactReal>& probs, const ExactReal& delta, const std::string& field) {
  const ExactReal half = *ExactReal::parse("1/2");
  if (probs.size() != 2 || !(probs[0] + probs[1] == ExactReal::from_int(1)) || probs[0] == probs[1])
    throw InputError(field, "delta needs two components with probs ½ ± Δ, Δ != 0");
  if (delta <= ExactReal() || delta >= half) throw InputError(field, "delta must be in (0, 1/2) (got " + delta.to_string() + ")");
  const bool first_up = probs[0] > half;
  probs[0] = first_up ? half + delta : half - delta;
  probs[1] = first_up ? half - delta : half + delta;
}

}  // namespace

std::string sweep_parameters_help() {
  return "PARAM=a:b:n, n values from a to b: m (Gaussian: half the distance of means 0 and 1, means scaled about "
         "their weighted mean), variance (Gaussian), length (bernoulli-product, random-walk; truncate or random-mask), "
         "delta (two coins or walks with probs 1/2 ± delta), barrier (random-walk), eps";
}

SweepSpec sweep_parse(const std::string& text, const std::string& field) {
  const auto eq = text.find('=');
  const auto bad = [&](const std::string& why) {
    return InputError(field, why + " (expected PARAM=a:b:n with PARAM one of m, variance, length, delta, barrier, eps; got '" +
                                 text + "')");
  };
  if (eq == std::string::npos) throw bad("missing '='");
  SweepSpec s;
  s.param = text.substr(0, eq);
  if (std::find(std::begin(kNames), std::end(kNames), s.param) == std::end(kNames)) throw bad("unknown parameter '" + s.param + "'");
  const std::string rest = text.substr(eq + 1);
  const auto c1 = rest.find(':'), c2 = c1 == std::string::npos ? c1 : rest.find(':', c1 + 1);
  if (c2 == std::string::npos) throw bad("missing ':'");
  const auto a = ExactReal::parse(rest.substr(0, c1)), b = ExactReal::parse(rest.substr(c1 + 1, c2 - c1 - 1));
  const auto n = ExactReal::parse(rest.substr(c2 + 1));
  if (!a || !b) throw bad("a and b must be decimals or rationals");
  if (!n || !n->is_integer() || *n < ExactReal::from_int(1) || *n > ExactReal::from_int(10000))
    throw bad("n must be an integer in [1, 10000]");
  const long count = n->to_long();
  if (count == 1 && !(*a == *b)) throw bad("n = 1 needs a = b");
  for (long k = 0; k < count; ++k)
    s.values.push_back(count == 1 ? *a : *a + (*b - *a) * ExactReal::from_int(k) / ExactReal::from_int(count - 1));
  if (s.param == "eps")
    for (const auto& v : s.values)
      if (v <= ExactReal() || v >= ExactReal::from_int(1)) throw InputError(field, "eps values must lie in (0, 1) (got " + v.to_string() + ")");
  return s;
}

Model sweep_apply(const Model& base, const std::string& param, const ExactReal& value, const std::string& field) {
  Model m = base;
  const std::string fam = m.family_name();
  auto not_for = [&] { return InputError(field, fmt::format("parameter '{}' does not apply to a {} model with process {}", param, fam,
                                                            process_kind_name(m.process.kind))); };
  if (param == "m" || param == "variance") {
    auto* g = std::get_if<GaussianComponents>(&m.components);
    if (!g) throw not_for();
    if (param == "variance") {
      if (value.sign() < 0) throw InputError(field, "variance must be >= 0 (got " + value.to_string() + ")");
      g->variance = value;
      return m;
    }
    if (value.sign() <= 0) throw InputError(field, "m must be > 0 (got " + value.to_string() + ")");
    const size_t d = static_cast<size_t>(g->dim);
    ExactReal d2;
    for (size_t c = 0; c < d; ++c) {
      const ExactReal diff = g->means[0][c] - g->means[1][c];
      d2 += diff * diff;
    }
    const auto m0 = rational_sqrt(d2 / ExactReal::from_int(4));
    if (!m0 || m0->sign() == 0)
      throw InputError(field, "m needs means 0 and 1 at a distinct, rational distance ‖μ₀ − μ₁‖ (e.g. on one axis) so the scaled means stay exact");
    const ExactReal scale = value / *m0;
    std::vector<ExactReal> bar(d);
    for (size_t i = 0; i < g->means.size(); ++i)
      for (size_t c = 0; c < d; ++c) bar[c] += m.weights[i] * g->means[i][c];
    for (auto& mu : g->means)
      for (size_t c = 0; c < d; ++c) mu[c] = bar[c] + (mu[c] - bar[c]) * scale;
    return m;
  }
  if (param == "length") {
    const long len = integer_value(value, field, "length", 1);
    if (m.process.kind != ProcessKind::truncate && m.process.kind != ProcessKind::random_mask) throw not_for();
    if (auto* b = std::get_if<BernoulliProductComponents>(&m.components)) b->length = static_cast<int>(len);
    else if (auto* w = std::get_if<RandomWalkComponents>(&m.components)) w->length = static_cast<int>(len);
    else throw not_for();
    m.process.length = static_cast<int>(len);
    m.process.order.clear();
    for (int i = 0; i < len; ++i) m.process.order.push_back(i);
    return m;
  }
  if (param == "delta") {
    if (auto* b = std::get_if<BernoulliProductComponents>(&m.components)) set_delta(b->probs, value, field);
    else if (auto* w = std::get_if<RandomWalkComponents>(&m.components)) set_delta(w->probs, value, field);
    else throw not_for();
    return m;
  }
  if (param == "barrier") {
    auto* w = std::get_if<RandomWalkComponents>(&m.components);
    if (!w) throw not_for();
    w->barrier = static_cast<int>(integer_value(value, field, "barrier", 1));
    return m;
  }
  throw InputError(field, "parameter '" + param + "' is not a model parameter");
}

}  // namespace critwin::app
