// critwin compare: the exact critical window beside earlier theories' predictions (THEORY.md §6).
#include <fmt/format.h>

#include "app/command.hpp"
#include "app/compare_run.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  CompareRequest req;
  std::string sweep;
};

void run(const Args& args) {
  Model m = args.model.load();
  CompareRequest req = args.req;
  if (!args.sweep.empty()) req.sweep = sweep_parse(args.sweep, "--sweep");
  Json path;
  std::string note;
  const std::vector<ComparePoint> points = compare_run(args.model, m, req, path, note);
  const std::string param = req.sweep ? req.sweep->param : "";

  Json j = json_header("compare", m);
  for (auto it = path.begin(); it != path.end(); ++it) j[it.key()] = it.value();
  if (!req.sweep || req.sweep->param != "eps") j["eps"] = points.front().eps.to_double();
  j["s_after"] = args.req.s_after;
  j["s_before"] = args.req.s_before;
  if (req.sweep) j["sweep"] = param;
  j["rows"] = compare_rows_json(points, param);
  j["omitted"] = compare_omitted_json(points, param);
  if (!req.sweep) json_put(j, "retention_halfway", points.front().comparison.retention_halfway);
  long prec = 0;
  for (const auto& pt : points)
    for (const auto& p : pt.comparison.rows)
      for (const OptionalTime* e : {&p.t_after, &p.t_before, &p.t})
        if (*e) prec = precision_combine(prec, (*e)->precision_bits);
  j["precision_used"] = prec;

  Table tab;
  if (req.sweep) tab.header.push_back(param);
  for (const char* h : {"method", "t_after / t", "t_before", "width", "- T_after", "- T_before", "- t_half", "guarantee", "source"})
    tab.header.push_back(h);
  for (const auto& pt : points)
    for (const Prediction& p : pt.comparison.rows) {
      std::vector<std::string> r;
      if (req.sweep) r.push_back(number_text(pt.value->to_double()));
      r.push_back(p.method);
      r.push_back(short_time_cell(p.window ? p.t_after : p.t));
      r.push_back(p.window ? short_time_cell(p.t_before) : "");
      r.push_back(p.window ? short_time_cell(prediction_width(p)) : "");
      r.push_back(short_time_cell(p.d_after));
      r.push_back(short_time_cell(p.d_before));
      r.push_back(p.window ? "" : short_time_cell(p.d_halfway));
      r.push_back(guarantee_name(p.guarantee));
      r.push_back(p.source);
      tab.rows.push_back(std::move(r));
    }
  std::string caption = fmt::format("compare: S_after = {}, S_before = {}", args.req.s_after, args.req.s_before);
  if (!req.sweep || req.sweep->param != "eps") caption += ", eps = " + number_text(points.front().eps.to_double());
  caption += "; '- T_after' etc. = prediction minus the exact value";
  if (!req.sweep && points.front().comparison.retention_halfway)
    caption += "; retention half-way time t_half = " + short_time_cell(points.front().comparison.retention_halfway);
  // Omitted methods and why (reasons repeated across sweep values are listed once).
  std::vector<std::string> seen;
  for (const auto& pt : points)
    for (const auto& om : pt.comparison.omitted) {
      std::string line = om.method + ": " + om.reason;
      if (std::find(seen.begin(), seen.end(), line) == seen.end()) seen.push_back(line);
    }
  if (!seen.empty()) {
    caption += "\nnot applicable:";
    for (const auto& s : seen) caption += "\n  " + s;
  }
  if (!note.empty()) caption += "\n" + note;
  tab.caption = caption;
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(35, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "compare", "exact critical window beside earlier theories' predictions", run);
  args->model.add_to(*cmd);
  cmd->add_option("--eps", args->req.eps, "epsilon in (0,1) (not with --sweep eps=…)");
  cmd->add_option("--s-after", args->req.s_after, "S_after ⊊ S_before: labels or indices")->required();
  cmd->add_option("--s-before", args->req.s_before, "S_before: labels or indices")->required();
  cmd->add_option("--sweep", args->sweep, sweep_parameters_help());
});

}  // namespace
}  // namespace critwin::app
