// The flags of `factory-deploy history` and `factory-deploy status`; every other flag (and the
// INPUT_* variables) is the deploy's own input, read by action/inputs (working-directory,
// config, github-token, ...).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "action/inputs.hpp"
#include "core/result.hpp"

namespace fd {

struct HistoryOptions {
  std::string environment;  // empty: every environment
  std::size_t limit = 20;   // 0: all
  bool json = false;
  bool metrics = false;
  int windowDays = 30;
  bool help = false;
  Inputs inputs;  // the shared inputs
};

// `command` is "history" or "status"; `args` follow it. InvalidArgument naming the flag.
Result<HistoryOptions> parseHistoryOptions(const std::string& command,
                                           const std::vector<std::string>& args,
                                           const Environment& env);

std::string historyHelp(const std::string& command);

}  // namespace fd
