#include "bounds/paper/paper_example.hpp"

#include <fmt/format.h>

#include "bounds/icl/icl_affinity.hpp"
#include "model/overloaded.hpp"

namespace critwin {

std::optional<PaperExample> paper_example_match(const Model& model) {
  if (model.size() != 2 && !model.family<IclComponents>() && !model.family<GaussianComponents>()) return std::nullopt;
  const ExactReal one = ExactReal::from_int(1), half = *ExactReal::parse("1/2");
  return std::visit(
      overloaded{
          [&](const GaussianComponents& g) -> std::optional<PaperExample> {
            if (!(g.variance == one)) return std::nullopt;
            if (model.size() >= 3) {
              PaperExample ex{"E2", "", {}, 0, 0, {}};
              for (int j = 0; j < model.size(); ++j) {
                ExactReal d2;
                for (int q = 0; q < g.dim; ++q) {
                  const ExactReal diff = g.means[0][static_cast<size_t>(q)] - g.means[static_cast<size_t>(j)][static_cast<size_t>(q)];
                  d2 += diff * diff;
                }
                ex.dist2.push_back(d2);
              }
              ex.weights = model.weights;
              ex.parameters = g.random_seed ? fmt::format("K = {}, d = {}, seed = {}", model.size(), g.dim, *g.random_seed)
                                            : fmt::format("K = {}, d = {}", model.size(), g.dim);
              return ex;
            }
            if (model.size() != 2) return std::nullopt;
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
            for (size_t i = 0; i < s.codes[0].size(); ++i) d += s.codes[0][i] != s.codes[1][i];
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
          // Theorem 6's window for these is reported by `critwin all-or-nothing`, not as a printed E-example.
          [&](const PlantedSpikeComponents&) -> std::optional<PaperExample> { return std::nullopt; },
          [&](const SparseRegressionComponents&) -> std::optional<PaperExample> { return std::nullopt; },
          [&](const CategoricalProductComponents& c) -> std::optional<PaperExample> {
            // E4: component 0 is the "harmful" mode, component 1 the "safe" one.
            if (model.process.kind != ProcessKind::truncate) return std::nullopt;
            PaperExample ex{"E4", "", {}, 0, c.length, {}};
            size_t r0 = 0, r1 = 0;
            long left0 = c.tables[0][0].repeat, left1 = c.tables[1][0].repeat, pos = 0;
            bool differ = false;
            while (pos < c.length) {
              const auto &a = c.tables[0][r0].probs, &b = c.tables[1][r1].probs;
              const long step = std::min(left0, left1);
              if (!differ && !(a == b)) differ = true, ex.agree = pos;
              if (differ) {
                ExactReal f;
                for (size_t v = 0; v < a.size(); ++v)
                  if (b[v].sign() > 0) f = f + a[v];
                if (!ex.overlap_factors.empty() && ex.overlap_factors.back().first == f)
                  ex.overlap_factors.back().second += step;
                else
                  ex.overlap_factors.emplace_back(f, step);
              }
              pos += step;
              if ((left0 -= step) == 0 && pos < c.length) left0 = c.tables[0][++r0].repeat;
              if ((left1 -= step) == 0 && pos < c.length) left1 = c.tables[1][++r1].repeat;
            }
            if (!differ) return std::nullopt;
            ex.parameters = fmt::format("L = {}, s = {}, V = {}", c.length, ex.agree, c.alphabet.size());
            return ex;
          },
          [&](const RandomWalkComponents& w) -> std::optional<PaperExample> {
            // Walks ½ ± Δ absorbed at ±A: the printed E5 window, valid under hypotheses (A) and (B).
            ExactReal delta = w.probs[0] - half;
            if (!(w.probs[1] == half - delta) || delta.sign() == 0) return std::nullopt;
            if (delta.sign() < 0) delta = ExactReal() - delta;
            return PaperExample{"E5-walk", fmt::format("L = {}, A = {}, Delta = {}", w.length, w.barrier, delta.to_string()),
                                {}, 0, w.length, delta, w.barrier};
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
          [&](const ConceptOuComponents& c) -> std::optional<PaperExample> {
            PaperExample ex{"Thm9", "", {}, 0, c.context, {}};
            ex.alpha = c.alpha;
            ex.rho = c.rho;
            ex.parameters = fmt::format("T = {}, alpha = {}, rho = {}", c.context, c.alpha.to_string(), c.rho.to_string());
            return ex;
          },
      },
      model.components);
}

PaperWindow paper_example_window(const PaperExample& ex, const ExactReal& eps) {
  if (ex.id == "E1") return paper_e1_window(ex.m_squared, eps);
  if (ex.id == "E2") return paper_e2_window(ex.dist2, 0, eps);
  if (ex.id == "E3") return paper_e3_window(ex.d_hamming, eps);
  if (ex.id == "E4") return paper_e4_window(ex.length, ex.agree, ex.overlap_factors, eps);
  if (ex.id == "E6") return paper_e6_window(ex.examples, *ex.icl_bc1, eps);
  if (ex.id == "Thm9") return paper_thm9_window(ex.alpha, ex.rho, eps);
  return paper_e5_window(ex.length, ex.delta, eps);
}

}  // namespace critwin
