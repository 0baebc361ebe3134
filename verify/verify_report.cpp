#include "verify/verify_report.hpp"

#include <fmt/format.h>

#include "verify/claim_runner.hpp"

namespace critwin::verify {

std::vector<std::string> report_header() { return {"claim", "kind", "status", "expected", "evidence", "time"}; }

std::vector<std::vector<std::string>> report_rows(const std::vector<ClaimResult>& results) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : results) {
    std::string status = r.status + (r.matches ? "" : (r.status == "unknown" ? " (?)" : " (!)"));
    rows.push_back({r.name, r.kind, status, r.expected, r.evidence, fmt::format("{:.2f}s", r.seconds)});
  }
  return rows;
}

Json report_claim_json(const ClaimResult& r) {
  Json j = {{"name", r.name}, {"kind", r.kind}, {"status", r.status}, {"expected", r.expected},
            {"matches", r.matches}, {"evidence", r.evidence}, {"time_s", r.seconds}};
  for (const auto& [k, v] : r.details.items()) j[k] = v;
  return j;
}

Json report_json(const std::vector<ClaimResult>& results, bool strict) {
  Json claims = Json::array();
  long ok = 0;
  for (const auto& r : results) {
    claims.push_back(report_claim_json(r));
    ok += claim_result_ok(r, strict);
  }
  Json out;
  out["claims"] = claims;
  out["passed"] = ok == static_cast<long>(results.size());
  out["strict"] = strict;
  return out;
}

namespace {
std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') o += ' ';
        else o += c;
    }
  }
  return o;
}
}  // namespace

std::string report_junit(const std::vector<ClaimResult>& results, bool strict) {
  long failures = 0, skipped = 0;
  double total = 0;
  std::string cases;
  for (const auto& r : results) {
    total += r.seconds;
    const std::string cls = "critwin.verify." + r.kind;
    cases += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\">\n", xml_escape(r.name), xml_escape(cls), r.seconds);
    const std::string msg = fmt::format("status {} (expected {}): {}", r.status, r.expected, r.evidence);
    if (!r.matches && (strict || r.status != "unknown")) {
      ++failures;
      cases += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(msg), xml_escape(r.status), xml_escape(r.details.dump()));
    } else if (!r.matches) {
      ++skipped;
      cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(msg));
    } else {
      cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(msg));
    }
    cases += "    </testcase>\n";
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"critwin verify\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                     results.size(), failures, skipped, total);
  out += fmt::format("  <testsuite name=\"critwin verify\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                     results.size(), failures, skipped, total);
  out += cases;
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace critwin::verify
