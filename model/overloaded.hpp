// The overload-set idiom for std::visit: one lambda per family and no catch-all, so adding an alternative
// to a variant makes every such visit fail to compile until the new alternative is handled.
#pragma once

namespace critwin {

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

}  // namespace critwin
