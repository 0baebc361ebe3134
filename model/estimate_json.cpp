#include "model/estimate_json.hpp"

#include <cmath>
#include <stdexcept>

namespace critwin {

namespace {
void note_precision(Json& j, long bits) {
  auto it = j.find("precision_used");
  j["precision_used"] = it == j.end() ? bits : precision_combine(it->get<long>(), bits);
}
}  // namespace

void estimate_require_not_nan(const Estimate& e, const std::string& what) {
  if (!std::isnan(e.value) && !std::isnan(e.lo) && !std::isnan(e.hi)) return;
  throw std::runtime_error(what + ": the computation lost all accuracy (NaN)" +
                           (e.precision_bits > 0 ? " at " + std::to_string(e.precision_bits) + " bits" : std::string()) +
                           "; a larger --precision may help; otherwise this is a critwin bug (please report the model)");
}

void json_put(Json& j, const std::string& key, const Estimate& e) {
  estimate_require_not_nan(e, key);
  if (e.infinite) {
    j[key] = "inf";
    return;
  }
  j[key] = e.value;
  if (e.guarantee != Guarantee::exact) {
    j[key + "_lo"] = e.lo;
    j[key + "_hi"] = e.hi;
  }
  note_precision(j, e.precision_bits);
}

void json_put(Json& j, const std::string& key, const OptionalTime& e) {
  if (!e) j[key] = nullptr;
  else json_put(j, key, *e);
}

long json_precision_used(const Json& j) {
  long bits = 0;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "precision_used" && it->is_number_integer()) bits = precision_combine(bits, it->get<long>());
      else bits = precision_combine(bits, json_precision_used(*it));
    }
  } else if (j.is_array()) {
    for (const auto& e : j) bits = precision_combine(bits, json_precision_used(e));
  }
  return bits;
}

}  // namespace critwin
