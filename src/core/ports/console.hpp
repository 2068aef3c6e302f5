// The terminal or the runner's log pipe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fd {

class Console {
 public:
  virtual ~Console() = default;
  // Writes the text and flushes (the runner parses stdout line by line).
  virtual void out(std::string_view text) = 0;
  virtual void err(std::string_view text) = 0;
  virtual bool stdoutIsTty() const = 0;
  virtual bool stdinIsTty() const = 0;
  // One line from stdin, without the newline; nullopt at end of input.
  virtual std::optional<std::string> readLine() = 0;
};

}  // namespace fd
