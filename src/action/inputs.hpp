// Reads the inputs of INTERFACE §2 from INPUT_* variables and --flags (a flag wins).
#pragma once

#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/ports/environment.hpp"
#include "core/result.hpp"

namespace fd {

struct ParsedCommand {
  enum class Kind { Run, Help, Version };
  Kind kind = Kind::Run;
  Inputs inputs;
};

// InvalidArgument naming the input and its allowed values on any bad input or unknown flag.
Result<ParsedCommand> parseCommand(const std::vector<std::string>& args, const Environment& env);

// The --help text: every input, its flag, its variable and its default.
std::string helpText();

}  // namespace fd
