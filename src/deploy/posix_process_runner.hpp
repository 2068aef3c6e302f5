// The real ProcessRunner: fork/exec /bin/sh -c in a new process group, poll() the output pipe,
// kill the whole group on timeout or cancellation.
#pragma once

#include "core/ports/process_runner.hpp"

namespace fd {

class PosixProcessRunner : public ProcessRunner {
 public:
  Result<CommandResult> run(const CommandSpec& spec) override;
};

}  // namespace fd
