// Forward declarations for the claim-kind headers: a kind's spec names these in its parse/check signatures
// without pulling in TOML, JSON or the other kinds.
#pragma once

namespace critwin::verify {

class ClaimTable;
struct Claim;
struct RunOptions;
struct ClaimResult;

}  // namespace critwin::verify
