// One exact TV curve per dimension (parallel over n), then the generic crossing logic.
#include "bounds/planted_spike/planted_spike_sharpening.hpp"

#include <algorithm>
#include <cmath>

#include "bounds/planted_spike/planted_spike_tv.hpp"

namespace critwin {

SharpeningRow planted_spike_sharpening(long dim, const ExactReal& snr) {
  const PlantedSpikeParams p{dim, snr};
  SharpeningRow row;
  row.dim = dim;
  row.n_star = planted_spike_n_star(p).mid();
  const long top = std::max(4L, static_cast<long>(std::ceil(4 * row.n_star)));
  const long step = std::max(1L, top / 4000);
  std::vector<double> mus;
  std::vector<long> ns;
  for (long n = 1; n <= top; n += step) {
    ns.push_back(n);
    mus.push_back(std::sqrt(planted_spike_mu_squared(p, n).to_double()));
  }
  const auto curve = planted_spike_tv_curve(dim, mus);
  std::vector<AonPoint> pts;
  for (size_t i = 0; i < ns.size(); ++i) pts.push_back({ns[i], curve[i].tv});
  row.transition = aon_transition(pts, row.n_star);
  row.last_n = ns.back();
  return row;
}

}  // namespace critwin
