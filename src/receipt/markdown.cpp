#include "receipt/markdown.hpp"

#include <algorithm>

namespace fd::markdown {
namespace {

constexpr char kEscape = '\x1b';

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Length of the terminal escape sequence starting at text[i] (an ESC), at least 1.
std::size_t escapeSequenceLength(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size() || text[i + 1] != '[') return std::min<std::size_t>(2, text.size() - i);
  std::size_t end = i + 2;
  while (end < text.size() && (text[end] < '@' || text[end] > '~')) ++end;
  return std::min(end + 1, text.size()) - i;
}

std::size_t longestBacktickRun(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string replaceNewlines(std::string_view text, std::string_view with) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n' || text[i] == '\r') {
      out += with;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

std::string plainText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == kEscape) {
      i += escapeSequenceLength(text, i);
      continue;
    }
    const bool control = (static_cast<unsigned char>(c) < 0x20 || c == '\x7f');
    if (!control || c == '\t' || c == '\n' || c == '\r') out += c;
    ++i;
  }
  return out;
}

std::string inlineText(std::string_view text) {
  return std::string(trim(replaceNewlines(plainText(text), " ")));
}

std::string tableCell(std::string_view text) {
  const std::string flat = std::string(trim(replaceNewlines(plainText(text), "<br>")));
  if (flat.empty()) return "—";
  std::string out;
  for (const char c : flat) {
    if (c == '\\' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string codeSpan(std::string_view text) {
  const std::string flat = inlineText(text);
  const std::string fence(longestBacktickRun(flat) + 1, '`');
  // A space keeps a leading or trailing backtick from merging into the fence.
  const bool pad = !flat.empty() && (flat.front() == '`' || flat.back() == '`');
  const std::string space = pad ? " " : "";
  return fence + space + flat + space + fence;
}

std::string italicRemark(std::string_view text) {
  std::string out = "_(";
  for (const char c : inlineText(text)) {
    if (c == '\\' || c == '_' || c == '*' || c == '`') out += '\\';
    out += c;
  }
  if (out.size() > 2 && out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out + ")_";
}

std::string fencedBlock(const std::vector<std::string>& lines, std::string_view info) {
  std::vector<std::string> clean;
  std::size_t longest = 0;
  for (const std::string& line : lines) {
    clean.push_back(plainText(line));
    longest = std::max(longest, longestBacktickRun(clean.back()));
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string out = fence + std::string(info) + "\n";
  for (const std::string& line : clean) out += replaceNewlines(line, "\n") + "\n";
  return out + fence + "\n";
}

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  std::string rule = "|";
  for (const std::string& name : header) {
    out += " " + name + " |";
    rule += std::string(name.size() + 2, '-') + "|";
  }
  out += "\n" + rule + "\n";
  for (const std::vector<std::string>& row : rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + tableCell(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string bullet(std::string_view key, std::string_view value) {
  return "- **" + std::string(key) + "**: " + inlineText(value) + "\n";
}

}  // namespace fd::markdown
