#include "github/link_header.hpp"

#include <cctype>

namespace fd::github {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

void skipSpaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && isSpace(text[at])) ++at;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Reads `name=value` or `name="value"` up to the next ';' or ',' (outside quotes).
void readParam(std::string_view text, std::size_t& at, std::string& name, std::string& value) {
  const std::size_t nameStart = at;
  while (at < text.size() && text[at] != '=' && text[at] != ';' && text[at] != ',') ++at;
  name = std::string(text.substr(nameStart, at - nameStart));
  while (!name.empty() && isSpace(name.back())) name.pop_back();
  value.clear();
  if (at >= text.size() || text[at] != '=') return;
  ++at;
  skipSpaces(text, at);
  if (at < text.size() && text[at] == '"') {
    ++at;
    while (at < text.size() && text[at] != '"') {
      if (text[at] == '\\' && at + 1 < text.size()) ++at;
      value += text[at++];
    }
    if (at < text.size()) ++at;  // closing quote
    return;
  }
  while (at < text.size() && text[at] != ';' && text[at] != ',') value += text[at++];
  while (!value.empty() && isSpace(value.back())) value.pop_back();
}

bool relListContains(std::string_view list, std::string_view rel) {
  std::size_t at = 0;
  while (at < list.size()) {
    while (at < list.size() && std::isspace(static_cast<unsigned char>(list[at]))) ++at;
    const std::size_t start = at;
    while (at < list.size() && !std::isspace(static_cast<unsigned char>(list[at]))) ++at;
    if (at > start && equalsIgnoreCase(list.substr(start, at - start), rel)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> findLink(std::string_view header, std::string_view rel) {
  std::size_t at = 0;
  while (at < header.size()) {
    skipSpaces(header, at);
    if (at >= header.size()) break;
    if (header[at] != '<') {  // not a link-value: skip to the next one
      while (at < header.size() && header[at] != ',') ++at;
      ++at;
      continue;
    }
    const std::size_t close = header.find('>', at + 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string target(header.substr(at + 1, close - at - 1));
    at = close + 1;
    bool matches = false;
    std::string name;
    std::string value;
    while (at < header.size() && header[at] != ',') {
      if (header[at] != ';') {
        ++at;
        continue;
      }
      ++at;
      skipSpaces(header, at);
      readParam(header, at, name, value);
      if (equalsIgnoreCase(name, "rel") && relListContains(value, rel)) matches = true;
    }
    if (matches && !target.empty()) return target;
    ++at;  // the comma
  }
  return std::nullopt;
}

}  // namespace fd::github
