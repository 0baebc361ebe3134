#include "app/output.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "samplers/distributed.hpp"

namespace critwin::app {

std::string number_text(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string cell(const Estimate& e) {
  estimate_require_not_nan(e, "a value of this table");
  if (e.infinite) return "inf";
  switch (e.guarantee) {
    case Guarantee::exact: return number_text(e.value);
    case Guarantee::certified:
    case Guarantee::estimated: {
      double err = std::max(e.hi - e.value, e.value - e.lo);
      return fmt::format("{} ±{:.1e}{}", number_text(e.value), err, e.guarantee == Guarantee::estimated ? " (est.)" : "");
    }
    case Guarantee::monte_carlo: return fmt::format("{:.6g} [{:.6g}, {:.6g}] (MC)", e.value, e.lo, e.hi);
  }
  return "?";
}

std::string nonempty_cell(bool nonempty, bool certain) {
  return std::string(nonempty ? "yes" : "no") + (certain ? "" : " (enclosures overlap)");
}

std::string cell(const OptionalTime& e) { return e ? cell(*e) : "none"; }

std::string short_time_cell(const OptionalTime& e) {
  if (!e) return "undefined";
  if (e->infinite) return "inf";
  return fmt::format("{:.6g}", e->value);
}

std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

namespace {
// Text-mode LaTeX that compiles with pdflatex and no extra packages: ASCII specials are escaped and the
// non-ASCII symbols critwin prints and Greek letters are set in math mode; any other non-ASCII character becomes
// [U+XXXX] rather than stopping pdflatex.
std::string latex_escape(const std::string& s) {
  static const std::pair<const char*, const char*> kSymbols[] = {
      {"±", "$\\pm$"}, {"≤", "$\\le$"}, {"≥", "$\\ge$"}, {"⊆", "$\\subseteq$"}, {"⊊", "$\\subset$"},
      {"∞", "$\\infty$"}, {"ε", "$\\varepsilon$"}, {"θ", "$\\theta$"}, {"Θ", "$\\Theta$"}, {"Δ", "$\\Delta$"},
      {"√", "$\\surd$"}, {"T̂", "$\\hat T$"}, {"–", "--"}, {"—", "---"}, {"·", "$\\cdot$"}, {"×", "$\\times$"},
      {"≈", "$\\approx$"}, {"∖", "$\\setminus$"}, {"′", "$'$"}, {"…", "\\dots{}"}, {"⁻", "$^{-}$"},
      {"²", "$^2$"}, {"∈", "$\\in$"}, {"→", "$\\to$"}, {"§", "\\S{}"}, {"−", "$-$"}, {"½", "$\\frac12$"},
      {"Λ", "$\\Lambda$"}, {"Σ", "$\\Sigma$"}, {"φ", "$\\varphi$"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '_': case '%': case '&': case '#': case '$': case '{': case '}': out += '\\'; out += static_cast<char>(c); break;
        case '\\': out += "\\textbackslash{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '~': out += "\\textasciitilde{}"; break;
        case '<': out += "\\textless{}"; break;
        case '>': out += "\\textgreater{}"; break;
        case '|': out += "\\textbar{}"; break;
        // Braced: a cell that starts with '[' right after a row's \\ would be read as \\[<length>].
        case '[': out += "{[}"; break;
        case ']': out += "{]}"; break;
        default: out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    bool known = false;
    for (const auto& [utf8, tex] : kSymbols) {
      const size_t n = std::char_traits<char>::length(utf8);
      if (s.compare(i, n, utf8) == 0) {
        out += tex;
        i += n;
        known = true;
        break;
      }
    }
    if (known) continue;
    // Decode one code point: Greek letters (labels and alphabets are often Greek) in math mode, anything else
    // as a placeholder.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    static const char* const kLower[] = {"\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon", "\\zeta", "\\eta",
                                         "\\theta", "\\iota", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi", "o",
                                         "\\pi", "\\rho", "\\varsigma", "\\sigma", "\\tau", "\\upsilon", "\\phi",
                                         "\\chi", "\\psi", "\\omega"};
    static const char* const kUpper[] = {"A", "B", "\\Gamma", "\\Delta", "E", "Z", "H", "\\Theta", "I", "K", "\\Lambda",
                                         "M", "N", "\\Xi", "O", "\\Pi", "P", nullptr, "\\Sigma", "T", "\\Upsilon",
                                         "\\Phi", "X", "\\Psi", "\\Omega"};
    if (cp >= 0x3B1 && cp <= 0x3C9) {
      out += fmt::format("${}$", kLower[cp - 0x3B1]);
    } else if (cp >= 0x391 && cp <= 0x3A9 && kUpper[cp - 0x391]) {
      out += fmt::format("$\\mathrm{{{}}}$", kUpper[cp - 0x391]);
    } else {
      out += fmt::format("[U+{:04X}]", cp);
    }
    i += static_cast<size_t>(len);
  }
  return out;
}
// A Markdown table cell: a literal '|' would end the cell.
std::string md_escape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
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
        for (const auto& c : r) out += " " + md_escape(c) + " |";
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

void files_write_atomic(const std::vector<std::pair<std::string, std::string>>& files, const std::string& field) {
  namespace fs = std::filesystem;
  // Under mpirun every rank gets here with the same files: all first agree that none has failed, then rank 0
  // alone writes (a failure it meets then reaches the others in main's final agreement).
  dist::agree();
  if (!dist::is_root()) return;
  // Each file goes to its own unique temporary name in its target folder (mkstemp: concurrent runs never
  // share one), and only when all are complete are they renamed over their targets, one after another.
  std::vector<std::pair<std::string, fs::path>> written;  // temporary, target
  auto discard = [&] {
    std::error_code ec;
    for (const auto& [tmp, target] : written) fs::remove(tmp, ec);
  };
  for (const auto& [path, content] : files) {
    if (path.empty()) throw InputError(field, "must name a file or folder (got an empty path)");
    fs::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) {
      fs::create_directories(p.parent_path(), ec);
      if (ec) {
        discard();
        throw InputError(field, fmt::format("cannot create directory '{}': {}", p.parent_path().string(), ec.message()));
      }
    }
    std::string tmpl = (p.has_parent_path() ? p.parent_path() / ("." + p.filename().string()) : fs::path("." + path)).string() + ".XXXXXX";
    const int fd = mkstemp(tmpl.data());
    bool ok = fd >= 0;
    if (ok) {
      written.emplace_back(tmpl, p);
      size_t done = 0;
      while (ok && done < content.size()) {
        const ssize_t w = ::write(fd, content.data() + done, content.size() - done);
        ok = w > 0;
        if (ok) done += static_cast<size_t>(w);
      }
      ok = (::fsync(fd) == 0) && ok;
      ok = (::close(fd) == 0) && ok;
      // mkstemp creates 0600; give the file the permissions an ordinary write would.
      fs::permissions(tmpl, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read, ec);
    }
    if (!ok) {
      discard();
      throw InputError(field, fmt::format("cannot write '{}'", p.string()));
    }
  }
  for (size_t i = 0; i < written.size(); ++i) {
    std::error_code ec;
    fs::rename(written[i].first, written[i].second, ec);
    if (ec) {
      for (size_t j = i; j < written.size(); ++j) fs::remove(written[j].first, ec);
      throw InputError(field, fmt::format("cannot write '{}'", written[i].second.string()));
    }
  }
}

void output_folder_check(const std::string& dir, const std::string& field) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(dir.empty() ? "." : dir), ec);
  // The nearest ancestor that exists must be a folder we may write into; anything below it is created later.
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  if (!fs::is_directory(p, ec))
    throw InputError(field, fmt::format("cannot create directory '{}': '{}' is not a directory", dir, p.string()));
  if (::access(p.c_str(), W_OK) != 0)
    throw InputError(field, fmt::format("cannot write into '{}' (no permission)", p.string()));
}

void file_write_atomic(const std::string& path, const std::string& content, const std::string& field) {
  files_write_atomic({{path, content}}, field);
}

Json*& emit_capture() {
  thread_local Json* sink = nullptr;
  return sink;
}

void emit(const CommonOptions& opt, const Json& j, const Table& t, bool precision_line) {
  dist::agree();  // under mpirun: no rank prints its result while another has failed
  if (Json* sink = emit_capture()) {
    *sink = j;
    return;
  }
  if (opt.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << table_render(t, opt.parsed_format());
  if (const long bits = json_precision_used(j); precision_line && bits > 0 && opt.parsed_format() == Format::table)
    std::cout << fmt::format("precision used: {} bits\n", bits);
}

}  // namespace critwin::app
