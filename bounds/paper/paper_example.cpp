#include "bounds/paper/paper_example.hpp"

#include <fmt/format.h>

#include "bounds/icl/icl_affinity.hpp"
#include "model/overloaded.hpp"

namespace critwin {

std::optional<PaperExample> paper_example_match(const Model& model) {
  if (model.size() != 2 && !model.family<IclComponents>()) return std::nullopt;
  const ExactReal one = ExactReal::from_int(1), half = *ExactReal::parse("1/2");
  return std::visit(
      overloaded{
          [&](const GaussianComponents& g) -> std::optional<PaperExample> {
            if (!(g.variance == one)) return std::nullopt;
            ExactReal m2;
            for (int i = 0; i < g.dim; ++i) {
              const auto& a = g.means[0][static_cast<size_t>(i)];
              const auto& b = g.means[1][static_cast<size_t>(i)];
              if (!(a + b == ExactReal())) return std::nullopt;  // means must be ±μ
              m2 = m2 + a * a;
            }
            if (m2.sign() == 0) return std::nullopt;
            PaperExample ex{"E1", "", m2, 0, 0, {}};
            ex.parameters = fmt::format("d = {}, m^2 = {}", g.dim, m2.to_string());
            return ex;
          },
          [&](const StringComponents& s) -> std::optional<PaperExample> {
            if (model.process.kind != ProcessKind::random_mask) return std::nullopt;
            long d = 0;
            for (size_t i = 0; i < s.strings[0].size(); ++i) d += s.strings[0][i] != s.strings[1][i];
            if (d == 0) return std::nullopt;
            return PaperExample{"E3", fmt::format("L = {}, d_H = {}", s.length(), d), {}, d, 0, {}};
          },
          [&](const BernoulliProductComponents& b) -> std::optional<PaperExample> {
            if (model.process.kind != ProcessKind::truncate) return std::nullopt;
            ExactReal delta = b.probs[0] - half;
            if (!(b.probs[1] == half - delta) || delta.sign() == 0) return std::nullopt;
            if (delta.sign() < 0) delta = ExactReal() - delta;
            return PaperExample{"E5", fmt::format("L = {}, Delta = {}", b.length, delta.to_string()), {}, 0, b.length, delta};
          },
          [&](const IclComponents& icl) -> std::optional<PaperExample> {
            if (model.size() < 2) return std::nullopt;
            PaperExample ex{"E6", "", {}, 0, 0, {}};
            ex.parameters = fmt::format("N = {}, m = {}, r = {}, tasks = {}", icl.examples, icl.inputs(), icl.outputs(),
                                        model.size());
            ex.examples = icl.examples;
            ex.icl_bc1 = icl_bhattacharyya(model, Subset({0}), Subset({0}).complement(model.size()), 1);
            return ex;
          },
      },
      model.components);
}

PaperWindow paper_example_window(const PaperExample& ex, const ExactReal& eps) {
  if (ex.id == "E1") return paper_e1_window(ex.m_squared, eps);
  if (ex.id == "E3") return paper_e3_window(ex.d_hamming, eps);
  if (ex.id == "E6") return paper_e6_window(ex.examples, *ex.icl_bc1, eps);
  return paper_e5_window(ex.length, ex.delta, eps);
}

}  // namespace critwin
