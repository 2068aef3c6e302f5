// Reads the `## Summary` section of a QA or security report. Pure (text in, Result out) and linear
// in the input, so a fuzzer can call it: no regular expressions, no recursion.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/report_gate.hpp"

namespace fd {

namespace {

constexpr std::string_view kStatusKey = "overall status";
constexpr std::string_view kCommitKey = "tested commit";

bool isBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (isBlank(text.front()) || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (isBlank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool isMarkup(char c) { return c == '*' || c == '_' || c == '`'; }

// "**PASS**" -> "PASS", "`a1b2c3d`" -> "a1b2c3d": emphasis and code marks around a value.
std::string_view stripMarkup(std::string_view text) {
  text = trim(text);
  while (!text.empty() && isMarkup(text.front())) text = trim(text.substr(1));
  while (!text.empty() && isMarkup(text.back())) text = trim(text.substr(0, text.size() - 1));
  return text;
}

// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included).
std::optional<std::size_t> invalidUtf8At(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      const unsigned char min = k == 1 ? low : 0x80;
      const unsigned char max = k == 1 ? high : 0xBF;
      if (next < min || next > max) return i;
    }
    i += length;
  }
  return std::nullopt;
}

Status checkPlausibleText(std::string_view text, std::string_view path) {
  const std::string where(path);
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return makeError(ErrorCode::InvalidArgument, where + ": binary content (NUL byte at offset " +
                                                     std::to_string(nul) +
                                                     "), not a Markdown report");
  }
  if (const auto bad = invalidUtf8At(text)) {
    return makeError(ErrorCode::InvalidArgument, where + ": not valid UTF-8 (byte offset " +
                                                     std::to_string(*bad) +
                                                     "), not a Markdown report");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return makeError(ErrorCode::InvalidArgument, where + ": empty report");
  }
  return okStatus();
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Up to three spaces of indentation, as CommonMark allows for headings and fences.
std::optional<std::string_view> blockStart(std::string_view line) {
  std::size_t spaces = 0;
  while (spaces < line.size() && line[spaces] == ' ') ++spaces;
  if (spaces > 3) return std::nullopt;
  return line.substr(spaces);
}

struct Heading {
  int level = 0;
  std::string_view text;
};

std::optional<Heading> atxHeading(std::string_view line) {
  const auto start = blockStart(line);
  if (!start) return std::nullopt;
  std::string_view rest = *start;
  int level = 0;
  while (level < static_cast<int>(rest.size()) && rest[level] == '#') ++level;
  if (level == 0 || level > 6) return std::nullopt;
  rest.remove_prefix(level);
  if (!rest.empty() && !isBlank(rest.front())) return std::nullopt;  // "#hashtag"
  rest = trim(rest);
  // An optional closing sequence: "## Summary ##".
  std::size_t end = rest.size();
  while (end > 0 && rest[end - 1] == '#') --end;
  if (end == 0 || isBlank(rest[end - 1])) rest = trim(rest.substr(0, end));
  return Heading{level, rest};
}

// "===" or "---" under a paragraph line makes it a level 1 or 2 heading.
int setextLevel(std::string_view line) {
  const auto start = blockStart(line);
  if (!start) return 0;
  const std::string_view rest = trim(*start);
  if (rest.size() < 2) return 0;
  const char mark = rest.front();
  if (mark != '=' && mark != '-') return 0;
  if (!std::all_of(rest.begin(), rest.end(), [mark](char c) { return c == mark; })) return 0;
  return mark == '=' ? 1 : 2;
}

// A fence opener or closer: ``` or ~~~ (three or more), returning the mark and its length.
std::optional<std::pair<char, std::size_t>> fence(std::string_view line) {
  const auto start = blockStart(line);
  if (!start || start->size() < 3) return std::nullopt;
  const char mark = start->front();
  if (mark != '`' && mark != '~') return std::nullopt;
  std::size_t length = 0;
  while (length < start->size() && (*start)[length] == mark) ++length;
  if (length < 3) return std::nullopt;
  return std::make_pair(mark, length);
}

std::string lowerCollapsed(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (isMarkup(c)) continue;
    if (isBlank(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
  return out;
}

bool isSummaryHeading(const Heading& heading) {
  return heading.level == 2 && lowerCollapsed(heading.text) == "summary";
}

// "- ", "* ", "+ ", "1. ", "1) " in front of a list item, after any indentation.
std::string_view stripListMarker(std::string_view line) {
  line = trim(line);
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
      isBlank(line[1])) {
    return trim(line.substr(2));
  }
  std::size_t digits = 0;
  while (digits < line.size() && digits < 9 &&
         std::isdigit(static_cast<unsigned char>(line[digits])))
    ++digits;
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      isBlank(line[digits + 1])) {
    return trim(line.substr(digits + 2));
  }
  return line;
}

bool isListItem(std::string_view line) { return stripListMarker(line).size() != trim(line).size(); }

// Removes `<!-- ... -->` comments; `inComment` carries an unclosed one to the next line.
std::string withoutComments(std::string_view line, bool& inComment) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (inComment) {
      const std::size_t close = line.find("-->", i);
      if (close == std::string_view::npos) return out;
      inComment = false;
      i = close + 3;
      continue;
    }
    const std::size_t open = line.find("<!--", i);
    if (open == std::string_view::npos) {
      out.append(line.substr(i));
      break;
    }
    out.append(line.substr(i, open - i));
    inComment = true;
    i = open + 4;
  }
  return out;
}

bool isHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view firstWord(std::string_view value) {
  const auto space = std::find_if(value.begin(), value.end(), isBlank);
  return value.substr(0, static_cast<std::size_t>(space - value.begin()));
}

// The SHA in a commit URL ("https://github.com/o/r/commit/a1b2c3d", GitLab's "/-/commit/", a
// "/commits/" page), or empty when `word` is not one.
std::string_view shaOfCommitUrl(std::string_view word) {
  if (word.size() >= 2 && word.front() == '<' && word.back() == '>') {
    word = word.substr(1, word.size() - 2);  // an autolink
  }
  if (word.substr(0, 7) != "http://" && word.substr(0, 8) != "https://") return {};
  for (const std::string_view marker : {"/commit/", "/commits/"}) {
    const std::size_t at = word.rfind(marker);
    if (at == std::string_view::npos) continue;
    const std::string_view rest = word.substr(at + marker.size());
    const auto end = std::find_if(rest.begin(), rest.end(), [](char c) { return !isHexDigit(c); });
    const std::string_view sha = rest.substr(0, static_cast<std::size_t>(end - rest.begin()));
    const std::string_view after = rest.substr(sha.size());
    // Only what a commit page's URL may carry after the SHA: a path, a query or a fragment.
    if (!sha.empty() &&
        (after.empty() || std::string_view("/?#").find(after.front()) != std::string_view::npos)) {
      return sha;
    }
  }
  return {};
}

// The SHA text of a `Tested commit` value: its first word, unwrapped from code marks, a link or
// a commit URL ("`a1b2c3d` (main)" -> "a1b2c3d", "[a1b2c3d](https://…)" -> "a1b2c3d",
// "https://github.com/o/r/commit/a1b2c3d" -> "a1b2c3d", "[commit](…/commit/a1b2c3d)" -> "a1b2c3d").
std::string_view commitToken(std::string_view value) {
  value = stripMarkup(value);
  std::string_view target;
  if (!value.empty() && value.front() == '[') {
    const std::size_t close = value.find(']');
    if (close != std::string_view::npos) {
      if (value.substr(close + 1, 1) == "(") {
        const std::size_t end = value.find(')', close);
        if (end != std::string_view::npos) target = value.substr(close + 2, end - close - 2);
      }
      value = stripMarkup(value.substr(1, close - 1));
    }
  }
  const std::string_view word = stripMarkup(firstWord(value));
  if (const std::string_view sha = shaOfCommitUrl(word); !sha.empty()) return sha;
  const bool hex = !word.empty() && std::all_of(word.begin(), word.end(), isHexDigit);
  if (!hex) {  // "[the tested commit](https://github.com/o/r/commit/a1b2c3d)"
    if (const std::string_view sha = shaOfCommitUrl(stripMarkup(firstWord(target))); !sha.empty())
      return sha;
  }
  return word;
}

struct Field {
  std::string value;
  int line = 0;
};

struct Fields {
  std::optional<Field> status;
  std::optional<Field> commit;
};

// Records `key: value` when the key is one we want. A repeated key must repeat its value.
Status takeField(std::string_view line, int lineNumber, std::string_view path, Fields& fields) {
  const std::string_view item = stripListMarker(line);
  const std::size_t colon = item.find(':');
  if (colon == std::string_view::npos) return okStatus();
  const std::string key = lowerCollapsed(item.substr(0, colon));
  const bool isStatus = key == kStatusKey;
  if (!isStatus && key != kCommitKey) return okStatus();
  const std::string_view raw = stripMarkup(item.substr(colon + 1));
  const std::string value(isStatus ? raw : commitToken(raw));
  const char* label = isStatus ? "Overall status" : "Tested commit";
  if (value.empty()) {
    return makeError(
        ErrorCode::InvalidArgument,
        std::string(path) + ":" + std::to_string(lineNumber) + ": " + label + " is empty");
  }
  std::optional<Field>& slot = isStatus ? fields.status : fields.commit;
  if (slot && slot->value != value) {
    return makeError(ErrorCode::InvalidArgument,
                     std::string(path) + ":" + std::to_string(lineNumber) + ": " + label + " " +
                         quoteReportValue(value) + " contradicts " + quoteReportValue(slot->value) +
                         " on line " + std::to_string(slot->line));
  }
  if (!slot) slot = Field{value, lineNumber};
  return okStatus();
}

struct SummaryScan {
  int headingLine = 0;  // 0: no Summary section
  Fields fields;
  int errorLine = 0;
};

// Walks the lines once: finds the level-2 "Summary" heading outside code fences and comments,
// and collects the fields until the next heading of level 1 or 2. A second Summary heading is an
// error. On a bad field or heading, `scan.errorLine` is its line.
Status scanSummary(const std::vector<std::string_view>& lines, std::string_view path,
                   SummaryScan& scan) {
  bool inSummary = false;
  bool inComment = false;
  std::optional<std::pair<char, std::size_t>> openFence;
  bool previousIsParagraph = false;  // a setext underline needs a paragraph line above it
  std::string previousText;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::string line = withoutComments(lines[i], inComment);
    if (openFence) {
      const auto closer = fence(line);
      if (closer && closer->first == openFence->first && closer->second >= openFence->second &&
          trim(std::string_view(line)).find_first_not_of(closer->first) == std::string::npos) {
        openFence.reset();
      }
      previousIsParagraph = false;
      continue;
    }
    if (const auto opener = fence(line)) {
      openFence = opener;
      previousIsParagraph = false;
      continue;
    }
    std::optional<Heading> heading = atxHeading(line);
    int headingLine = number;
    if (!heading && previousIsParagraph) {
      if (const int level = setextLevel(line)) {
        heading = Heading{level, previousText};
        headingLine = number - 1;
      }
    }
    if (heading) {
      if (inSummary && heading->level <= 2) inSummary = false;
      if (isSummaryHeading(*heading)) {
        // Reports stitched from several authors: which summary counts is nobody's guess.
        if (scan.headingLine != 0) {
          scan.errorLine = headingLine;
          return makeError(ErrorCode::InvalidArgument,
                           std::string(path) + ":" + std::to_string(headingLine) +
                               ": a second \"## Summary\" section (the first is on line " +
                               std::to_string(scan.headingLine) +
                               "); a report has one Summary: keep one, or split the report");
        }
        inSummary = true;
        scan.headingLine = headingLine;
      }
      previousIsParagraph = false;
      continue;
    }
    const std::string_view text = trim(line);
    previousIsParagraph = !text.empty() && !isListItem(text) && text.find(':') == std::string::npos;
    previousText = std::string(text);
    if (!inSummary) continue;
    if (Status taken = takeField(text, number, path, scan.fields); !taken) {
      scan.errorLine = number;
      return taken;
    }
  }
  return okStatus();
}

Error missingFields(const SummaryScan& scan, std::string_view path) {
  std::string missing;
  if (!scan.fields.status && !scan.fields.commit) {
    missing = "neither an \"Overall status\" nor a \"Tested commit\" field";
  } else if (!scan.fields.status) {
    missing = "no \"Overall status\" field";
  } else {
    missing = "no \"Tested commit\" field";
  }
  return makeError(ErrorCode::InvalidArgument,
                   std::string(path) + ":" + std::to_string(scan.headingLine) +
                       ": the ## Summary section has " + missing +
                       " (expected bullets like \"- **Overall status**: PASS\" and "
                       "\"- **Tested commit**: a1b2c3d\")");
}

}  // namespace

std::string quoteReportValue(std::string_view value) {
  constexpr std::size_t kMaxQuoted = 80;
  if (value.size() <= kMaxQuoted) return "\"" + std::string(value) + "\"";
  std::size_t cut = kMaxQuoted;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(value.substr(0, cut)) + "…\"";
}

Result<ReportSummary> parseReportSummary(std::string_view markdown, std::string_view displayPath,
                                         int& errorLine) {
  errorLine = 0;
  if (Status plausible = checkPlausibleText(markdown, displayPath); !plausible) {
    return plausible.error();
  }
  if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);  // byte order mark
  SummaryScan scan;
  if (Status scanned = scanSummary(splitLines(markdown), displayPath, scan); !scanned) {
    errorLine = scan.errorLine;
    return scanned.error();
  }
  if (scan.headingLine == 0) {
    return makeError(ErrorCode::InvalidArgument,
                     std::string(displayPath) +
                         ": no \"## Summary\" section (expected a \"## Summary\" heading with "
                         "\"Overall status\" and \"Tested commit\" bullets)");
  }
  if (!scan.fields.status || !scan.fields.commit) {
    errorLine = scan.headingLine;
    return missingFields(scan, displayPath);
  }
  ReportSummary summary;
  summary.overallStatus = scan.fields.status->value;
  summary.statusLine = scan.fields.status->line;
  summary.testedCommit = scan.fields.commit->value;
  summary.commitLine = scan.fields.commit->line;
  return summary;
}

Result<ReportSummary> parseReportSummary(std::string_view markdown, std::string_view displayPath) {
  int ignored = 0;
  return parseReportSummary(markdown, displayPath, ignored);
}

}  // namespace fd
