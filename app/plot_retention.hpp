// The figure of `critwin plot retention`: exact latent and label retention of S_after against T̂, Monte Carlo
// label frequencies with 99.9% intervals, the exact critical window shaded and each compare prediction as a line.
#pragma once

#include <string>

#include "app/model_context.hpp"
#include "app/plot_render.hpp"
#include "bounds/critical_window.hpp"

namespace critwin::app {

struct RetentionPlotRequest {
  std::string t_max;        // --t-max text (ou only), empty: from the exact window
  int points = 0;           // curve points (0: 81)
  unsigned long long mc = 0;  // Monte Carlo samples per marked point (0: no Monte Carlo points)
  unsigned long long seed = 1;
  int threads = 0;
  bool exact = true;        // draw the exact curves when the model has them (false: Monte Carlo points only)
};

// The times of a figure's axis: every integer of a discrete index set (thinned to about `points`), else
// `points` uniform times on [0, t_end].
std::vector<TimePoint> plot_time_grid(const Model& m, double t_end, int points);
// The end of the time axis: the index set's end, or (ou) --t-max (InputError when not > 0), or 1.4 × the
// latest finite exact window endpoint + 0.5.
double plot_axis_end(const Model& m, const std::string& t_max_text, const CriticalWindow& cw);

// Inputs already validated (eps, subsets). InputError on --mc when the model has neither an exact retention
// curve nor Monte Carlo points were asked for.
PlotSpec retention_spec(const ModelArgs& args, const Model& m, const Subset& sa, const Subset& sb, const ExactReal& eps,
                        const RetentionPlotRequest& r);

}  // namespace critwin::app
