// What is wrong with a manifest: errors fail the load, warnings (unknown keys and the like)
// are returned with it. Each entry names the JSON path, e.g. `environments.prod.url`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd::manifest {

// `parent.key`, or `parent["odd key"]` when the key is not a plain identifier.
std::string childPath(std::string_view parent, std::string_view key);
// `parent[3]`
std::string indexPath(std::string_view parent, std::size_t index);

class Diagnostics {
 public:
  // Enough to fix a manifest in one pass; more would only flood the log (and a fuzzer's memory).
  static constexpr std::size_t kMaxEntries = 20;

  void error(std::string_view path, std::string_view what);
  void warning(std::string_view path, std::string_view what);
  bool hasErrors() const { return errorCount_ > 0; }
  // True once further warnings would only be counted: callers may skip costly advice.
  bool warningsFull() const { return warningCount_ >= kMaxEntries; }

  // InvalidArgument listing every error, one per line, each prefixed with `displayPath: `,
  // then every warning as a `displayPath: warning: …` line (a "did you mean" often explains one).
  Error toError(const std::string& displayPath) const;
  std::vector<std::string> warnings(const std::string& displayPath) const;

 private:
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
  std::size_t errorCount_ = 0;
  std::size_t warningCount_ = 0;
};

// `displayPath: message`, or just the message when there is no path.
std::string prefixed(const std::string& displayPath, std::string_view message);

}  // namespace fd::manifest
