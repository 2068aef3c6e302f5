#include "core/secret_masker.hpp"

#include "core/escaping.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace fd {

namespace {

// What a cut leaves behind: excerpt() and manifest::quoted() add "…", output tails " …", the
// job summary and deployment descriptions "...".
constexpr std::array<std::string_view, 2> kCutMarks = {"…", "..."};

bool isControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20U || byte == 0x7FU;
}

std::string hexByte(char c, const char* digits) {
  const auto byte = static_cast<unsigned char>(c);
  return {digits[byte >> 4U], digits[byte & 0x0FU]};
}

// One character as a writer turns it into text. Each mirrors a function named in the header.
using CharRule = void (*)(std::string& out, char c);

void asIs(std::string& out, char c) { out += c; }

// manifest::quoted()
void cQuoted(std::string& out, char c) { appendCEscaped(out, c); }

// RapidJSON's Writer (state, ledger, API bodies): the C-style escapes, except \b and \f by
// name, other control bytes as \u00XX, and DEL as is.
void jsonEscaped(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == '\b') {
    out += "\\b";
  } else if (c == '\f') {
    out += "\\f";
  } else if (byte < 0x20U && c != '\n' && c != '\r' && c != '\t') {
    out += "\\u00" + hexByte(c, "0123456789ABCDEF");
  } else if (byte == 0x7FU) {
    out += c;
  } else {
    appendCEscaped(out, c);
  }
}

// describeJsonValue()
void jsonDescribed(std::string& out, char c) {
  if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c == '\t') {
    out += "\\t";
  } else if (static_cast<unsigned char>(c) < 0x20U) {
    out += '?';
  } else {
    out += c;
  }
}

// excerpt()
void excerpted(std::string& out, char c) {
  out += (isControl(c) || c == '|' || c == '`') ? '?' : c;
}

// markdown::plainText() (and inlineText(), codeSpan(), fencedBlock(), bullet() built on it).
void plain(std::string& out, char c) {
  if (!isControl(c) || c == '\t' || c == '\n' || c == '\r') out += c;
}

// markdown::tableCell()
void tableCell(std::string& out, char c) {
  if (c == '\\' || c == '|') out += '\\';
  plain(out, c);
}

// markdown::italicRemark()
void italic(std::string& out, char c) {
  if (c == '\\' || c == '_' || c == '*' || c == '`') out += '\\';
  plain(out, c);
}

std::string rewrite(std::string_view text, CharRule rule) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) rule(out, c);
  return out;
}

// Every form in which `secret` can stand in text that is masked: as written by one writer, then
// as the receipt renders that. Each rule works character by character, so the start of a form is
// the form of the secret's start: a secret cut before it was escaped is a prefix of its form.
std::vector<std::string> formsOf(std::string_view secret) {
  constexpr std::array<CharRule, 5> kWritten = {asIs, cQuoted, jsonEscaped, jsonDescribed,
                                                excerpted};
  constexpr std::array<CharRule, 4> kRendered = {asIs, plain, tableCell, italic};
  std::vector<std::string> forms;
  for (const CharRule written : kWritten) {
    const std::string once = rewrite(secret, written);
    for (const CharRule rendered : kRendered) {
      std::string form = rewrite(once, rendered);
      if (form.size() < SecretMasker::kMinLength) continue;
      if (std::find(forms.begin(), forms.end(), form) == forms.end()) {
        forms.push_back(std::move(form));
      }
    }
  }
  return forms;
}

void addOne(std::vector<std::string>& secrets, std::string_view value) {
  while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.remove_suffix(1);
  if (value.size() < SecretMasker::kMinLength) return;
  if (std::find(secrets.begin(), secrets.end(), value) != secrets.end()) return;
  secrets.emplace_back(value);
}

void sortLongestFirst(std::vector<std::string>& values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void replaceAll(std::string& text, std::string_view secret) {
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), SecretMasker::kMask);
    pos += SecretMasker::kMask.size();
  }
}

// The shortest piece of `form` worth masking: a few bytes of a long secret say nothing, but
// anything longer tells part of it.
std::size_t minFragment(const std::string& form) {
  return std::max<std::size_t>(1, std::min(SecretMasker::kMinFragment, form.size() - 1));
}

// Length of the longest start of a form (but not all of it) that ends at `end` in `text`.
std::size_t cutStartBefore(const std::string& text, std::size_t end,
                           const std::vector<std::string>& forms) {
  std::size_t best = 0;
  for (const std::string& form : forms) {
    for (std::size_t k = std::min(form.size() - 1, end); k >= minFragment(form) && k > best; --k) {
      if (text.compare(end - k, k, form, 0, k) == 0) {
        best = k;
        break;
      }
    }
  }
  return best;
}

// Length of the longest end of a form (but not all of it) that starts at `start` in `text`.
std::size_t cutEndAfter(const std::string& text, std::size_t start,
                        const std::vector<std::string>& forms) {
  std::size_t best = 0;
  const std::size_t room = text.size() - start;
  for (const std::string& form : forms) {
    for (std::size_t k = std::min(form.size() - 1, room); k >= minFragment(form) && k > best; --k) {
      if (text.compare(start, k, form, form.size() - k, k) == 0) {
        best = k;
        break;
      }
    }
  }
  return best;
}

using Span = std::pair<std::size_t, std::size_t>;  // [begin, end)

// Pieces of secrets next to cut marks: before "…" or " …", after "…" or "… ".
std::vector<Span> cutPieces(const std::string& text, const std::vector<std::string>& forms) {
  std::vector<Span> spans;
  for (const std::string_view mark : kCutMarks) {
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + 1)) {
      std::vector<std::size_t> ends = {at};
      if (at > 0 && text[at - 1] == ' ') ends.push_back(at - 1);
      for (const std::size_t end : ends) {
        if (const std::size_t k = cutStartBefore(text, end, forms); k > 0) {
          spans.emplace_back(end - k, end);
        }
      }
      // A run of marks (a row of dots) is one cut: looked at once, from its end.
      std::size_t after = at + mark.size();
      while (text.compare(after, mark.size(), mark) == 0) after += mark.size();
      while (mark == "..." && after < text.size() && text[after] == '.') ++after;
      at = after - 1;
      std::vector<std::size_t> starts = {after};
      if (after < text.size() && text[after] == ' ') starts.push_back(after + 1);
      for (const std::size_t start : starts) {
        if (const std::size_t k = cutEndAfter(text, start, forms); k > 0) {
          spans.emplace_back(start, start + k);
        }
      }
    }
  }
  return spans;
}

void maskSpans(std::string& text, std::vector<Span> spans) {
  if (spans.empty()) return;
  std::sort(spans.begin(), spans.end());
  std::vector<Span> merged = {spans.front()};
  for (const Span& span : spans) {
    if (span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  std::reverse(merged.begin(), merged.end());  // from the end, so positions stay valid
  for (const auto& [begin, end] : merged) text.replace(begin, end - begin, SecretMasker::kMask);
}

bool endsAuthority(char c) {
  return c == '/' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
         static_cast<unsigned char>(c) <= 0x20U;
}

// Where the passwords of "scheme://user:password@host" URLs stand in `text`. The user info ends
// at the authority's last '@': a password with a literal '@' (not percent-encoded, as people
// write them) is masked whole, not up to its own '@'.
std::vector<Span> urlPasswordSpans(std::string_view text) {
  std::vector<Span> spans;
  for (std::size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
    const std::size_t start = at + 3;
    std::size_t end = std::string_view::npos;
    for (std::size_t i = start; i < text.size() && !endsAuthority(text[i]); ++i) {
      if (text[i] == '@') end = i;
    }
    if (end == std::string_view::npos) continue;
    const std::size_t colon = text.find(':', start);
    if (colon >= end || colon + 1 == end) continue;
    if (text.substr(colon + 1, end - colon - 1) == SecretMasker::kMask) continue;
    spans.emplace_back(colon + 1, end);
  }
  return spans;
}

}  // namespace

std::vector<std::string> urlPasswordsIn(std::string_view text) {
  std::vector<std::string> passwords;
  for (const auto& [begin, end] : urlPasswordSpans(text)) {
    passwords.emplace_back(text.substr(begin, end - begin));
  }
  return passwords;
}

void SecretMasker::add(std::string_view secret) {
  const std::size_t before = secrets_.size();
  addOne(secrets_, secret);
  std::size_t start = 0;
  while (start < secret.size()) {
    std::size_t end = secret.find('\n', start);
    if (end == std::string_view::npos) end = secret.size();
    addOne(secrets_, secret.substr(start, end - start));
    start = end + 1;
  }
  for (std::size_t i = before; i < secrets_.size(); ++i) {
    for (std::string& form : formsOf(secrets_[i])) {
      if (std::find(forms_.begin(), forms_.end(), form) == forms_.end()) {
        forms_.push_back(std::move(form));
      }
    }
  }
  sortLongestFirst(secrets_);
  sortLongestFirst(forms_);
}

std::string SecretMasker::mask(std::string_view text) const {
  std::string result(text);
  // URL passwords wherever they turn up — a manifest command as the log echoes it, a command's
  // output — even when nobody registered them as secrets.
  maskSpans(result, urlPasswordSpans(result));
  if (forms_.empty()) return result;
  for (const std::string& form : forms_) replaceAll(result, form);
  maskSpans(result, cutPieces(result, forms_));
  return result;
}

std::size_t SecretMasker::safeCut(std::string_view text, std::size_t at) const {
  const std::size_t keep = longest() > 0 ? longest() - 1 : 0;
  if (text.size() <= keep) return 0;
  std::size_t cut = std::min(at, text.size() - keep);
  // Moving the cut to the start of a secret it splits may split another one: repeat until none.
  for (bool moved = true; moved && cut > 0;) {
    moved = false;
    for (const std::string& form : forms_) {
      const std::size_t from = cut >= form.size() ? cut - form.size() + 1 : 0;
      const std::string_view window = text.substr(from, cut - from + form.size() - 1);
      const std::size_t found = window.find(form);
      if (found != std::string_view::npos) {  // it starts before the cut and ends after it
        cut = from + found;
        moved = true;
      }
    }
  }
  return cut;
}

}  // namespace fd
