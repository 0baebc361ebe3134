#include "model/estimate_json.hpp"

namespace critwin {

namespace {
void note_precision(Json& j, long bits) {
  auto it = j.find("precision_used");
  j["precision_used"] = it == j.end() ? bits : precision_combine(it->get<long>(), bits);
}
}  // namespace

void json_put(Json& j, const std::string& key, const Estimate& e) {
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
