// Child processes: `/bin/sh -c` in their own process group, output line by line.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/secret_masker.hpp"

namespace fd {

struct CommandSpec {
  std::string command;  // run as /bin/sh -c command
  std::string workdir;
  std::vector<std::pair<std::string, std::string>> env;  // added to the inherited environment
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
  // Called for every line as it arrives (without the newline); may be empty.
  std::function<void(std::string_view)> onLine;
  std::size_t tailLines = 40;          // lines kept for the receipt's Diagnostics
  std::size_t captureBytes = 1 << 20;  // bytes of output kept in `output`
  // When set, every line is masked before it is cut for the tail or given to onLine, and an
  // over-long line is never split inside a secret. `output` stays raw (secrets_command needs it)
  // but, when capped, loses its end where a secret may have been cut. Must outlive run().
  const SecretMasker* masker = nullptr;
  // `output` holds stdout alone (an answer the program reads: a version, a CLI's JSON, secret
  // names); stderr still reaches onLine and `tail`, after stdout's lines.
  bool stdoutOnly = false;
};

struct CommandResult {
  int exitCode = -1;  // -1 when killed by a signal or never started
  int signal = 0;     // the signal that ended it, 0 when it exited
  bool timedOut = false;
  bool cancelled = false;
  std::string output;  // stdout+stderr interleaved (stdout alone: stdoutOnly), at most captureBytes
  std::vector<std::string> tail;
  std::chrono::milliseconds duration{0};

  bool succeeded() const { return exitCode == 0 && !timedOut && !cancelled; }
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // An error only when the command could not be started at all; a non-zero exit is a result.
  virtual Result<CommandResult> run(const CommandSpec& spec) = 0;
};

// "exit 3", "killed by signal 9", "timed out after 5s", "cancelled".
std::string describeCommandEnd(const CommandResult& result);

}  // namespace fd
