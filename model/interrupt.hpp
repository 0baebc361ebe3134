// Cooperative interruption of long computations by an in-process host: the Python module reports a pending
// Ctrl-C through `interrupt_hook`, and the long loops (Monte Carlo chunks, quadratures, root searches, grids)
// call interruption_point(), which then throws Interrupted. `verify --timeout` also sets it for the length of a
// claim (verify/claim_runner.cpp: the claim's deadline). Otherwise the command line leaves it null: SIGINT just
// ends the process, and a check costs one load and a branch.
#pragma once

#include <stdexcept>

namespace critwin {

// Asked by interruption_point() on whatever thread reaches it; must be cheap and thread-safe (the Python
// module answers false off the main thread and looks at the signal flag at most every few milliseconds).
inline bool (*interrupt_hook)() = nullptr;

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// Throws Interrupted when the host reports a pending interrupt. Call only where unwinding leaves every shared
// structure (memos, caches) as it was before the computation started.
inline void interruption_point() {
  if (interrupt_hook && interrupt_hook()) throw Interrupted();
}

}  // namespace critwin
