// ClaimTable: one [[claim]] table of a claims file while it is read. Every accessor reports a problem as an
// InputError naming file, claim and key ("f.toml: claim 'NAME': s_init"), and records the keys it read, so a key
// that no part of the claim reads — a typo — is an error instead of being ignored.
#pragma once

#include <optional>
#include <set>
#include <string>

#include <toml++/toml.h>

#include "model/exact_real.hpp"
#include "model/input_error.hpp"

namespace critwin::verify {

// `e` re-addressed to a claim: "source: claim 'NAME': s_init: <message>"; CLI spellings (`--s-init`) become the
// claims-file key (`s_init`). An error that already names the file is returned unchanged.
InputError claim_input_error(const std::string& source, const std::string& claim, const InputError& e);

class ClaimTable {
 public:
  ClaimTable(const toml::table& t, std::string source, std::string base_dir);

  void set_claim_name(std::string name) { claim_ = std::move(name); }
  const std::string& claim_name() const { return claim_; }
  const std::string& source() const { return source_; }
  // Directory against which relative `model` paths resolve.
  const std::string& base_dir() const { return base_dir_; }

  // "source: claim 'NAME': key" (or "source: key" before the name is known).
  std::string field(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  // The node at `key` (nullptr when absent); marks the key as read.
  const toml::node* get(const std::string& key);
  std::optional<std::string> opt_string(const std::string& key);
  std::string req_string(const std::string& key);
  long opt_int(const std::string& key, long def, long lo, long hi);
  // An exact real from a string ("1/3", "0.1") or a finite TOML number; `key` names it in errors.
  ExactReal real(const toml::node& n, const std::string& key) const;
  // A string, or a number as its exact decimal text.
  std::string text(const toml::node& n, const std::string& key) const;

  // Runs f; an InputError it throws that names a bare quantity (`s_init`, or a CLI spelling `--s-init`) is
  // rethrown naming this claim and the quantity.
  template <class F>
  auto named(F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const InputError& e) {
      throw claim_input_error(source_, claim_, e);
    }
  }

  // InputError for the first key of the table that nothing read.
  void check_all_keys_read() const;

 private:
  const toml::table& t_;
  std::string source_, base_dir_, claim_;
  std::set<std::string> read_;
};

}  // namespace critwin::verify
