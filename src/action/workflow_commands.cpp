#include "action/workflow_commands.hpp"

namespace fd {

namespace {

std::string escape(std::string_view text, bool property) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        escaped += "%25";
        break;
      case '\r':
        escaped += "%0D";
        break;
      case '\n':
        escaped += "%0A";
        break;
      case ':':
        escaped += property ? "%3A" : ":";
        break;
      case ',':
        escaped += property ? "%2C" : ",";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string_view trimmed(std::string_view line) {
  const auto first = line.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = line.find_last_not_of(" \t\r\n");
  return line.substr(first, last - first + 1);
}

}  // namespace

std::string escapeCommandData(std::string_view data) { return escape(data, false); }

std::string escapeCommandProperty(std::string_view value) { return escape(value, true); }

std::string formatCommand(std::string_view name, const CommandProperties& properties,
                          std::string_view data) {
  std::string line = "::";
  line += name;
  bool first = true;
  for (const auto& [key, value] : properties) {
    if (value.empty()) continue;
    line += first ? " " : ",";
    first = false;
    line += key + "=" + escapeCommandProperty(value);
  }
  line += "::";
  line += escapeCommandData(data);
  return line;
}

bool looksLikeCommand(std::string_view line) {
  const std::string_view text = trimmed(line);
  return text.rfind("::", 0) == 0 || text.rfind("##[", 0) == 0;
}

}  // namespace fd
