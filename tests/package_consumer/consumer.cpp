// Computes BoE Example E1's Definition-4 critical window through the installed critwin package and checks it
// against the closed form: under the OU process N(±8, 1) becomes N(±8e^{-t}, 1), so TV(p_t^+, p_t^-) =
// erf(8e^{-t}/√2), TV(p_t^+, p_t) = half of it, and T_after = ln(8/(√2 erf⁻¹(1−ε²))), T_before =
// ln(8/(√2 erf⁻¹(2ε))) (THEORY.md §3). Usage: consumer E1_MODEL_FILE. Exit 0 iff the enclosures hold.
#include <cmath>
#include <cstdio>

#include <boost/math/special_functions/erf.hpp>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer E1_MODEL_FILE\n");
    return 2;
  }
  const critwin::Model m = critwin::model_file_load(argv[1]);
  auto engine = critwin::exact_engine_make(m, 128);
  const auto plus = critwin::Subset::parse("plus", m, "s_after");
  const auto all = critwin::Subset::parse("plus,minus", m, "s_before");
  const auto eps = *critwin::ExactReal::parse("1/10");
  const critwin::CriticalWindow w = critwin::critical_window(*engine, plus, all, eps);

  const double e = 0.1;
  const double after = std::log(8 / (std::sqrt(2.0) * boost::math::erf_inv(1 - e * e)));
  const double before = std::log(8 / (std::sqrt(2.0) * boost::math::erf_inv(2 * e)));
  // The certified enclosures must contain the closed form up to its own double rounding (a few ulps).
  auto check = [](const char* what, const critwin::OptionalTime& t, double expected) {
    const double slack = 1e-13;
    const bool ok = t && !t->infinite && t->lo - slack <= expected && expected <= t->hi + slack;
    std::printf("%s: critwin %.17g [%.17g, %.17g], closed form %.17g: %s\n", what, t ? t->value : NAN,
                t ? t->lo : NAN, t ? t->hi : NAN, expected, ok ? "ok" : "MISMATCH");
    return ok;
  };
  const bool ok = check("T_after", w.t_after, after) & check("T_before", w.t_before, before) & w.nonempty;
  return ok ? 0 : 1;
}
