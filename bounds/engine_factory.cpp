#include "bounds/engine_factory.hpp"

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_engine.hpp"
#include "bounds/categorical/categorical_engine.hpp"
#include "bounds/concept_ou/concept_ou_engine.hpp"
#include "bounds/gaussian/gaussian_engine.hpp"
#include "bounds/planted_spike/planted_spike_engine.hpp"
#include "bounds/sparse_regression/sparse_regression_engine.hpp"
#include "bounds/random_walk/random_walk_engine.hpp"
#include "bounds/icl/icl_engine.hpp"
#include "bounds/strings/strings_engine.hpp"
#include "model/overloaded.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> exact_engine_make(const Model& model, long precision_bits) {
  return std::visit(
      overloaded{
          [&](const GaussianComponents&) { return gaussian_engine_make(model, precision_bits); },
          [&](const BernoulliProductComponents&) { return bernoulli_engine_make(model, precision_bits); },
          [&](const StringComponents&) { return strings_engine_make(model, precision_bits); },
          [&](const PlantedSpikeComponents&) { return planted_spike_engine_make(model, precision_bits); },
          [&](const SparseRegressionComponents&) { return sparse_regression_engine_make(model, precision_bits); },
          [&](const CategoricalProductComponents&) { return categorical_engine_make(model, precision_bits); },
          [&](const RandomWalkComponents&) { return random_walk_engine_make(model, precision_bits); },
          [&](const IclComponents&) { return icl_engine_make(model, precision_bits); },
          [&](const ConceptOuComponents&) { return concept_ou_engine_make(model, precision_bits); },
      },
      model.components);
}

}  // namespace critwin

namespace critwin {

std::string exact_engine_limits() {
  return fmt::format(
      "Limits of the exact engines (beyond them Gaussian mixtures fall back to Monte Carlo in the span of the means, "
      "categorical-product and icl to Monte Carlo on their revealed counts, --samples/--seed, guarantee monte-carlo; "
      "other families give a clear error pointing to critwin sample):\n"
      "  gaussian: any number of collinear means (fr-tv: at most {} distinct), at most {} means otherwise\n"
      "  bernoulli-product, random-mask: forward TV length <= {}, fr-tv length <= {}\n"
      "  strings, random-mask: at most {} distinct column patterns where the strings differ, and 2^patterns x "
      "components <= {}\n"
      "  categorical-product: at most {} group updates per sweep (live prefix groups x symbol classes, summed over "
      "positions; prefixes with proportional likelihood vectors form one group) and {} live groups, predicted before "
      "any exact sum; exact fr-tv under truncate and ordered-mask only\n"
      "  random-walk: exact rational tie-breaking for prefixes up to 2000 tokens\n"
      "  icl: forward TV at most {} count tables of (x, y) pair types enumerated (C(n+T-2, T-2) for n visible examples "
      "and T distinct likelihood patterns when the last two types go by prefix sums, C(n+T-1, T-1) otherwise), checked "
      "with every example visible before any sum; fr-tv: at most {} visible x hidden tables\n"
      "  concept-ou: context <= 1000000 words (forward TV certified, O(T) once); fr-tv certified at T-hat = 0, "
      "T-hat > context and S_target = all, Monte Carlo otherwise; retention Monte Carlo\n",
      kFrTvMaxCollinearMeans, kMaxNonCollinearMeans, kRandomMaskForwardMaxLength, kRandomMaskFrTvMaxLength, kMaxTypes,
      kMaxPartitionCells, kCategoricalMaxUpdates, kCategoricalMaxGroups, kIclMaxForwardTables, kIclMaxTables);
}

}  // namespace critwin
