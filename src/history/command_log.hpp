// The log of `history` and `status`: plain lines on stderr, so that stdout holds only the
// answer (`--json` output stays parseable); secrets such as the token are masked.
#pragma once

#include <memory>

#include "core/ports/console.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"

namespace fd {

class CommandLog {
 public:
  explicit CommandLog(Console& console);
  Log& log() { return *log_; }

 private:
  // Everything the log would print on stdout goes to stderr.
  class ToStderr : public Console {
   public:
    explicit ToStderr(Console& inner) : inner_(inner) {}
    void out(std::string_view text) override { inner_.err(text); }
    void err(std::string_view text) override { inner_.err(text); }
    bool stdoutIsTty() const override { return false; }
    bool stdinIsTty() const override { return inner_.stdinIsTty(); }
    std::optional<std::string> readLine() override { return inner_.readLine(); }

   private:
    Console& inner_;
  };

  ToStderr console_;
  SecretMasker masker_;
  std::unique_ptr<Log> log_;
};

}  // namespace fd
