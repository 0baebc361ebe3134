#include "bounds/engine_factory.hpp"

#include "bounds/bernoulli/bernoulli_engine.hpp"
#include "bounds/gaussian/gaussian_engine.hpp"
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
          [&](const IclComponents&) { return icl_engine_make(model, precision_bits); },
      },
      model.components);
}

}  // namespace critwin
