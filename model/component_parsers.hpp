// Reading one family's [components] table from a model file. Each family specializes parse_components in
// its own file (model/components_<family>.cpp); model_file.cpp dispatches on `components.kind`.
#pragma once

#include <cstddef>

#include <toml++/toml.h>

#include "model/components.hpp"

namespace critwin {

// `count` is the number of mixture weights; InputError naming the `components.*` field on any problem.
template <class Family>
Family parse_components(const toml::table& components, size_t count);

template <> GaussianComponents parse_components<GaussianComponents>(const toml::table&, size_t);
template <> BernoulliProductComponents parse_components<BernoulliProductComponents>(const toml::table&, size_t);
template <> StringComponents parse_components<StringComponents>(const toml::table&, size_t);
template <> PlantedSpikeComponents parse_components<PlantedSpikeComponents>(const toml::table&, size_t);
template <> SparseRegressionComponents parse_components<SparseRegressionComponents>(const toml::table&, size_t);
template <> CategoricalProductComponents parse_components<CategoricalProductComponents>(const toml::table&, size_t);
template <> RandomWalkComponents parse_components<RandomWalkComponents>(const toml::table&, size_t);
template <> IclComponents parse_components<IclComponents>(const toml::table&, size_t);
template <> ConceptOuComponents parse_components<ConceptOuComponents>(const toml::table&, size_t);

}  // namespace critwin
