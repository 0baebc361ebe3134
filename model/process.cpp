#include "model/process.hpp"

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

std::string_view process_kind_name(ProcessKind k) {
  switch (k) {
    case ProcessKind::ou: return "ou";
    case ProcessKind::truncate: return "truncate";
    case ProcessKind::random_mask: return "random-mask";
    case ProcessKind::ordered_mask: return "ordered-mask";
  }
  return "?";
}

std::vector<bool> Process::visible_positions(long t) const {
  std::vector<bool> vis(static_cast<size_t>(length), true);
  for (long i = 0; i < t; ++i) {
    size_t pos = kind == ProcessKind::truncate ? static_cast<size_t>(length - 1 - i) : static_cast<size_t>(order[static_cast<size_t>(i)]);
    vis[pos] = false;
  }
  return vis;
}

std::optional<ExactReal> Process::sup_time() const {
  switch (kind) {
    case ProcessKind::ou: return std::nullopt;
    case ProcessKind::random_mask: return ExactReal::from_int(1);
    default: return ExactReal::from_int(length);
  }
}

std::string Process::index_set_text() const {
  switch (kind) {
    case ProcessKind::ou: return "[0, inf]";
    case ProcessKind::random_mask: return "[0, 1]";
    default: return fmt::format("the integers {{0, ..., {}}}", length);
  }
}

TimePoint TimePoint::parse(std::string_view text, const Process& process, const std::string& field) {
  auto allowed = [&] {
    return fmt::format("must be a time in the index set {} of the '{}' process (got '{}')", process.index_set_text(),
                       process_kind_name(process.kind), text);
  };
  if (text == "inf" || text == "+inf" || text == "infinity") {
    if (process.kind != ProcessKind::ou) throw InputError(field, allowed());
    return TimePoint::inf();
  }
  auto v = ExactReal::parse(text);
  if (!v || v->sign() < 0) throw InputError(field, allowed());
  if (auto sup = process.sup_time(); sup && *v > *sup) throw InputError(field, allowed());
  if (process.discrete_time() && !v->is_integer()) throw InputError(field, allowed());
  return TimePoint{*v, false};
}

double TimePoint::to_double() const {
  return infinite ? std::numeric_limits<double>::infinity() : value.to_double();
}

}  // namespace critwin
