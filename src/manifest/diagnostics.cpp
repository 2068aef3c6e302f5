#include "manifest/diagnostics.hpp"

#include <algorithm>

#include "manifest/quoting.hpp"

namespace fd::manifest {
namespace {

bool isPlainKey(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string entry(std::string_view path, std::string_view what) {
  if (path.empty()) return std::string(what);
  return std::string(path) + ": " + std::string(what);
}

std::string moreLine(std::size_t dropped) {
  return "… and " + std::to_string(dropped) + " more problem" + (dropped == 1 ? "" : "s");
}

}  // namespace

std::string childPath(std::string_view parent, std::string_view key) {
  if (!isPlainKey(key)) return std::string(parent) + "[" + quoted(key, 40) + "]";
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

std::string indexPath(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string prefixed(const std::string& displayPath, std::string_view message) {
  if (displayPath.empty()) return std::string(message);
  return displayPath + ": " + std::string(message);
}

void Diagnostics::error(std::string_view path, std::string_view what) {
  if (++errorCount_ <= kMaxEntries) errors_.push_back(entry(path, what));
}

void Diagnostics::warning(std::string_view path, std::string_view what) {
  if (++warningCount_ <= kMaxEntries) warnings_.push_back(entry(path, what));
}

Error Diagnostics::toError(const std::string& displayPath) const {
  std::string message;
  for (const std::string& line : errors_) {
    if (!message.empty()) message += '\n';
    message += prefixed(displayPath, line);
  }
  if (errorCount_ > errors_.size()) message += "\n" + moreLine(errorCount_ - errors_.size());
  // A typo's "did you mean" is a warning, but it is often the cause of an error: show them too.
  for (const std::string& line : warnings_) {
    message += "\n" + prefixed(displayPath, "warning: " + line);
  }
  return makeError(ErrorCode::InvalidArgument, message);
}

std::vector<std::string> Diagnostics::warnings(const std::string& displayPath) const {
  std::vector<std::string> out;
  out.reserve(warnings_.size() + 1);
  for (const std::string& line : warnings_) out.push_back(prefixed(displayPath, line));
  if (warningCount_ > warnings_.size()) {
    out.push_back(prefixed(displayPath, moreLine(warningCount_ - warnings_.size())));
  }
  return out;
}

}  // namespace fd::manifest
