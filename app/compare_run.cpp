#include "app/compare_run.hpp"

#include "bounds/critical_window.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"

namespace critwin::app {

OptionalTime prediction_width(const Prediction& p) {
  if (!p.window || !p.t_after || !p.t_before) return std::nullopt;
  if (p.t_after->infinite || p.t_before->infinite) return Estimate::plus_infinity();
  return estimate_difference(*p.t_before, *p.t_after);
}

std::vector<ComparePoint> compare_run(const ModelArgs& args, const Model& base, const CompareRequest& req, Json& path,
                                      std::string& note) {
  const Subset sa = Subset::parse(req.s_after, base, "--s-after");
  const Subset sb = Subset::parse(req.s_before, base, "--s-before");
  std::vector<ExactReal> eps_values;
  std::vector<std::optional<ExactReal>> values{std::nullopt};
  std::vector<Model> models{base};
  const bool eps_swept = req.sweep && req.sweep->param == "eps";
  if (eps_swept && !req.eps.empty()) throw InputError("--eps", "give either --eps or --sweep eps=a:b:n, not both");
  if (!eps_swept && req.eps.empty()) throw InputError("--eps", "is required (a real in (0, 1)), unless --sweep eps=a:b:n is given");
  if (eps_swept) {
    values.assign(req.sweep->values.begin(), req.sweep->values.end());
    eps_values = req.sweep->values;
    models.assign(values.size(), base);
  } else {
    const ExactReal eps = parse_real_option(req.eps, "--eps");
    theorem2_check_eps(eps, "--eps");
    if (req.sweep) {
      values.assign(req.sweep->values.begin(), req.sweep->values.end());
      models.clear();
      for (const auto& v : req.sweep->values) models.push_back(sweep_apply(base, req.sweep->param, v, "--sweep"));
    }
    eps_values.assign(values.size(), eps);
  }
  // Every input is checked before the first (possibly long) computation, so a bad value fails fast.
  for (size_t i = 0; i < models.size(); ++i) critical_window_check_inputs(models[i], sa, sb, eps_values[i]);
  std::vector<ComparePoint> out;
  for (size_t i = 0; i < models.size(); ++i) {
    Json j;
    std::string n;
    auto engine = args.engine(models[i], j, n);
    if (i == 0) path = j, note = n;
    const auto exact = exact_engine_or_null(models[i], args.common.precision);
    out.push_back(ComparePoint{values[i], eps_values[i], compare_predictions(*engine, sa, sb, eps_values[i], exact.get())});
  }
  return out;
}

std::unique_ptr<ExactEngine> exact_engine_or_null(const Model& m, long precision_bits) {
  try {
    return exact_engine_make(m, precision_bits);
  } catch (const InputError&) {
    return nullptr;
  }
}

namespace {
void put_value(Json& o, const ComparePoint& p, const std::string& param) {
  if (p.value) o[param] = p.value->to_double();
}
}  // namespace

Json compare_rows_json(const std::vector<ComparePoint>& points, const std::string& param) {
  Json rows = Json::array();
  for (const auto& pt : points)
    for (const Prediction& p : pt.comparison.rows) {
      Json o = Json::object();
      put_value(o, pt, param);
      o["method"] = p.method;
      if (p.window) {
        json_put(o, "t_after", p.t_after);
        json_put(o, "t_before", p.t_before);
        json_put(o, "width", prediction_width(p));
      } else {
        json_put(o, "t", p.t);
      }
      o["source"] = p.source;
      o["guarantee"] = guarantee_name(p.guarantee);
      json_put(o, "d_after", p.d_after);
      json_put(o, "d_before", p.d_before);
      if (!p.window) json_put(o, "d_halfway", p.d_halfway);
      rows.push_back(o);
    }
  return rows;
}

Json compare_omitted_json(const std::vector<ComparePoint>& points, const std::string& param) {
  Json rows = Json::array();
  for (const auto& pt : points)
    for (const OmittedMethod& om : pt.comparison.omitted) {
      Json o = Json::object();
      put_value(o, pt, param);
      o["method"] = om.method;
      o["reason"] = om.reason;
      rows.push_back(o);
    }
  return rows;
}

}  // namespace critwin::app
