// The process environment (INPUT_*, GITHUB_*, RUNNER_*).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fd {

class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(const std::string& name) const = 0;
  virtual std::vector<std::pair<std::string, std::string>> all() const = 0;
};

}  // namespace fd
