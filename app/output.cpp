#include "app/output.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin::app {

std::string number_text(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string cell(const Estimate& e) {
  if (e.infinite) return "inf";
  switch (e.guarantee) {
    case Guarantee::exact: return number_text(e.value);
    case Guarantee::certified:
    case Guarantee::estimated: {
      double err = std::max(e.hi - e.value, e.value - e.lo);
      return fmt::format("{} ±{:.1e}{}", number_text(e.value), err, e.guarantee == Guarantee::estimated ? " (est.)" : "");
    }
  }
  return "?";
}

std::string nonempty_cell(bool nonempty, bool certain) {
  return std::string(nonempty ? "yes" : "no") + (certain ? "" : " (enclosures overlap)");
}

std::string cell(const OptionalTime& e) { return e ? cell(*e) : "none"; }

namespace {
std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
std::string latex_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '_': case '%': case '&': case '#': case '$': case '{': case '}': out += '\\'; out += c; break;
      default: out += c;
    }
  }
  // "±" renders in text mode only through a macro.
  std::string r;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "±") == 0) { r += "$\\pm$"; i += 1; }
    else r += out[i];
  }
  return r;
}
size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count UTF-8 code points
  return n;
}
}  // namespace

std::string table_render(const Table& t, Format f) {
  std::string out;
  const size_t ncol = t.header.size();
  switch (f) {
    case Format::csv: {
      auto line = [&](const std::vector<std::string>& r) {
        for (size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + csv_escape(r[i]);
        out += "\n";
      };
      line(t.header);
      for (const auto& r : t.rows) line(r);
      return out;
    }
    case Format::md: {
      if (!t.caption.empty()) out += "**" + t.caption + "**\n\n";
      auto line = [&](const std::vector<std::string>& r) {
        out += "|";
        for (const auto& c : r) out += " " + c + " |";
        out += "\n";
      };
      line(t.header);
      out += "|";
      for (size_t i = 0; i < ncol; ++i) out += "---|";
      out += "\n";
      for (const auto& r : t.rows) line(r);
      return out;
    }
    case Format::latex: {
      out += "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{" + std::string(ncol, 'l') + "}\n\\hline\n";
      auto line = [&](const std::vector<std::string>& r) {
        for (size_t i = 0; i < r.size(); ++i) out += (i ? " & " : "") + latex_escape(r[i]);
        out += " \\\\\n";
      };
      line(t.header);
      out += "\\hline\n";
      for (const auto& r : t.rows) line(r);
      out += "\\hline\n\\end{tabular}\n";
      if (!t.caption.empty()) out += "\\caption{" + latex_escape(t.caption) + "}\n";
      out += "\\end{table}\n";
      return out;
    }
    case Format::table: {
      std::vector<size_t> w(ncol, 0);
      for (size_t i = 0; i < ncol; ++i) w[i] = display_width(t.header[i]);
      for (const auto& r : t.rows)
        for (size_t i = 0; i < ncol && i < r.size(); ++i) w[i] = std::max(w[i], display_width(r[i]));
      auto line = [&](const std::vector<std::string>& r) {
        std::string l;
        for (size_t i = 0; i < r.size(); ++i) {
          l += r[i];
          if (i + 1 < r.size()) l += std::string(w[i] - display_width(r[i]) + 2, ' ');
        }
        out += l + "\n";
      };
      if (!t.caption.empty()) out += t.caption + "\n";
      line(t.header);
      for (const auto& r : t.rows) line(r);
      return out;
    }
  }
  return out;
}

void file_write_atomic(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  fs::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw InputError("--out", fmt::format("cannot create directory '{}': {}", p.parent_path().string(), ec.message()));
  }
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!f) throw InputError("--out", fmt::format("cannot write '{}'", tmp.string()));
    f << content;
    if (!f.flush()) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw InputError("--out", fmt::format("cannot write '{}'", tmp.string()));
    }
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw InputError("--out", fmt::format("cannot write '{}'", p.string()));
  }
}

void emit(const CommonOptions& opt, const Json& j, const Table& t, bool precision_line) {
  if (opt.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << table_render(t, opt.parsed_format());
  if (const long bits = json_precision_used(j); precision_line && bits > 0 && opt.parsed_format() == Format::table)
    std::cout << fmt::format("precision used: {} bits\n", bits);
}

}  // namespace critwin::app
