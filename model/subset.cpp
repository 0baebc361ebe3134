#include "model/subset.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "model/model.hpp"

namespace critwin {

Subset::Subset(std::vector<int> indices) : idx_(std::move(indices)) {
  std::sort(idx_.begin(), idx_.end());
  idx_.erase(std::unique(idx_.begin(), idx_.end()), idx_.end());
}

Subset Subset::all(int k) {
  std::vector<int> v(static_cast<size_t>(k));
  for (int i = 0; i < k; ++i) v[static_cast<size_t>(i)] = i;
  return Subset(std::move(v));
}

bool Subset::contains(int i) const { return std::binary_search(idx_.begin(), idx_.end(), i); }

bool Subset::is_subset_of(const Subset& o) const {
  return std::includes(o.idx_.begin(), o.idx_.end(), idx_.begin(), idx_.end());
}

Subset Subset::complement(int k) const {
  std::vector<int> v;
  for (int i = 0; i < k; ++i)
    if (!contains(i)) v.push_back(i);
  return Subset(std::move(v));
}

std::string Subset::to_string(const Model& model) const {
  std::string s;
  for (int i : idx_) {
    if (!s.empty()) s += ',';
    s += model.labels[static_cast<size_t>(i)];
  }
  return s;
}

Subset Subset::parse(std::string_view text, const Model& model, const std::string& field, const Subset* rest_of) {
  const int k = model.size();
  std::string labels;
  for (const auto& l : model.labels) labels += (labels.empty() ? "" : ", ") + l;
  auto range = [&] {
    return fmt::format("must be a non-empty comma list of component labels ({}) or indices 0..{}, 'all'{}", labels,
                       k - 1, rest_of ? ", or 'rest'" : "");
  };
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  if (text == "all") return Subset::all(k);
  if (text == "rest") {
    if (!rest_of) throw InputError(field, range() + " ('rest' needs another subset to complement)");
    Subset r = rest_of->complement(k);
    if (r.empty()) throw InputError(field, "'rest' is empty here: the other subset is already all of the labels");
    return r;
  }
  std::vector<int> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    std::string_view tok = trim(text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    if (tok.empty()) throw InputError(field, range() + fmt::format(" (got '{}')", text));
    int i = model.label_index(tok);
    if (i < 0) {
      int v = -1;
      auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
      if (ec != std::errc() || p != tok.data() + tok.size() || v < 0 || v >= k)
        throw InputError(field, range() + fmt::format(" (got '{}')", tok));
      i = v;
    }
    // A repeated member is almost always a typo for another label; refuse it rather than merge it silently.
    if (std::find(out.begin(), out.end(), i) != out.end())
      throw InputError(field, range() + fmt::format(" ('{}' names component {} a second time in '{}')", tok,
                                                   model.labels[static_cast<size_t>(i)], text));
    out.push_back(i);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  if (out.empty()) throw InputError(field, range());
  return Subset(std::move(out));
}

void subset_check_nested(const Model& m, const Subset& inner, const std::string& inner_name, const Subset& outer,
                         const std::string& outer_name, bool proper) {
  if (inner.empty()) throw InputError(inner_name, "must be a non-empty subset of the labels");
  if (outer.empty()) throw InputError(outer_name, "must be a non-empty subset of the labels");
  if (inner.is_subset_of(outer) && !(proper && inner == outer)) return;
  // s_init → S_init: the sets as the paper writes them.
  auto math = [](std::string q) { return q.empty() ? q : (q[0] = 'S', q); };
  throw InputError(inner_name, fmt::format("must be {} {} ({} {} {}), got {} = {{{}}}, {} = {{{}}}",
                                           proper ? "a proper subset of" : "contained in", math(outer_name),
                                           math(inner_name), proper ? "⊊" : "⊆", math(outer_name), math(inner_name),
                                           inner.to_string(m), math(outer_name), outer.to_string(m)));
}

}  // namespace critwin
