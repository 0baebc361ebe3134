// Subset S ⊆ Θ of mixture labels, kept as sorted unique 0-based indices.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace critwin {

class Model;

class Subset {
 public:
  Subset() = default;
  explicit Subset(std::vector<int> indices);  // sorts and removes duplicates

  // Parses a comma list of indices or labels; "rest" means Θ ∖ `rest_of` (which must be given).
  // Empty or out-of-range subsets are InputErrors naming `field`.
  static Subset parse(std::string_view text, const Model& model, const std::string& field,
                      const Subset* rest_of = nullptr);
  static Subset all(int k);

  const std::vector<int>& indices() const { return idx_; }
  bool empty() const { return idx_.empty(); }
  int size() const { return static_cast<int>(idx_.size()); }
  bool contains(int i) const;
  bool is_subset_of(const Subset& o) const;
  Subset complement(int k) const;
  std::string to_string(const Model& model) const;  // labels joined by ','
  friend bool operator==(const Subset&, const Subset&) = default;

 private:
  std::vector<int> idx_;
};

// Checks a nested pair inner ⊆ outer (inner ⊊ outer when `proper`), both non-empty; the InputError names
// the quantity (`inner_name`, e.g. "s_init") and writes the sets as S_init, S_target for `math_*`.
void subset_check_nested(const Model& m, const Subset& inner, const std::string& inner_name, const Subset& outer,
                         const std::string& outer_name, bool proper);

}  // namespace critwin
