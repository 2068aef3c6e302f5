// What an `Overall status` value means for the QA and security gates (INTERFACE §5.1).
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "gates/report_gate.hpp"

namespace fd {

namespace {

struct Meaning {
  std::string_view words;
  const char* status;
  bool passed;
  bool blocked;
};

// Longest first, so "PASS WITH WARNINGS" is not read as "PASS" followed by a comment.
constexpr std::array<Meaning, 3> kQa{{
    {"PASS WITH WARNINGS", "WARN", true, false},
    {"PASS", "PASS", true, false},
    {"FAIL", "FAIL", false, false},
}};
constexpr std::array<Meaning, 3> kSecurity{{
    {"WARNINGS", "WARN", true, false},
    {"BLOCKED", "FAIL", false, true},
    {"CLEAR", "CLEAR", true, false},
}};

bool isAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Upper case, emphasis and code marks dropped, runs of blanks collapsed to one space.
std::string normalized(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '*' || c == '_' || c == '`') continue;
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// An emoji or other non-ASCII symbol word ("✅ PASS", "PASS ✅") carries no meaning of its own.
std::string_view skipSymbolWord(std::string_view text) {
  const std::size_t end = text.find(' ');
  const std::string_view word = text.substr(0, end);
  if (word.empty()) return text;
  for (const char c : word) {
    if (static_cast<unsigned char>(c) < 0x80) return text;
  }
  return end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
}

// After the status words only a comment may follow: "(3 warnings)", "- see below", "✅".
bool isComment(std::string_view rest) {
  while (true) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return true;
    if (std::string_view("([,;:.-").find(rest.front()) != std::string_view::npos) return true;
    if (rest.substr(0, 3) == "\xE2\x80\x94" || rest.substr(0, 3) == "\xE2\x80\x93") return true;
    const std::string_view next = skipSymbolWord(rest);
    if (next.size() == rest.size()) return false;
    rest = next;
  }
}

// The status words of a report kind, for "no second status in the comment".
constexpr std::array<std::string_view, 2> kQaWords{{"PASS", "FAIL"}};
constexpr std::array<std::string_view, 3> kSecurityWords{{"CLEAR", "WARNINGS", "BLOCKED"}};

// The first of `words` that stands as a whole word in `text` (upper case), or empty.
template <std::size_t N>
std::string_view statusWordIn(std::string_view text, const std::array<std::string_view, N>& words) {
  std::string_view first;
  std::size_t firstAt = std::string_view::npos;
  for (const std::string_view word : words) {
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1)) {
      const bool startOk = at == 0 || !isAsciiAlnum(text[at - 1]);
      const std::size_t end = at + word.size();
      const bool endOk = end == text.size() || !isAsciiAlnum(text[end]);
      if (startOk && endOk) {
        if (at < firstAt) {
          first = word;
          firstAt = at;
        }
        break;
      }
    }
  }
  return first;
}

template <std::size_t N, std::size_t W>
StatusVerdict classify(const std::array<Meaning, N>& meanings,
                       const std::array<std::string_view, W>& words, std::string_view value) {
  const std::string text = normalized(value);
  const std::string_view subject = skipSymbolWord(text);
  for (const Meaning& meaning : meanings) {
    if (subject.substr(0, meaning.words.size()) != meaning.words) continue;
    const std::string_view rest = subject.substr(meaning.words.size());
    if (!rest.empty() && isAsciiAlnum(rest.front())) continue;  // "PASSED" is not "PASS"
    if (!isComment(rest)) continue;
    // "CLEAR, BLOCKED", "WARNINGS (BLOCKED: CVE-…)", "PASS, FAIL": a comment may not name
    // another status of this kind; the report contradicts itself.
    if (const std::string_view other = statusWordIn(rest, words);
        meaning.passed && !other.empty()) {
      StatusVerdict verdict{"FAIL", false, false, "", "", ""};
      verdict.contradiction = std::string(other);
      verdict.leading = std::string(meaning.words);
      return verdict;
    }
    return StatusVerdict{
        meaning.status, meaning.passed, meaning.blocked, std::string(meaning.words), "", ""};
  }
  return StatusVerdict{"FAIL", false, false, "", "", ""};
}

}  // namespace

StatusVerdict classifyOverallStatus(ReportKind kind, std::string_view value) {
  return kind == ReportKind::Qa ? classify(kQa, kQaWords, value)
                                : classify(kSecurity, kSecurityWords, value);
}

}  // namespace fd
