// makeConsoleLog: the Log a person reads in a terminal. No workflow syntax; colour only on a TTY.
#include <cctype>
#include <mutex>

#include "action/action_mode.hpp"

namespace fd {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// "QA Report: message (QA-REPORT.md:12)"; a title the message already starts with is not
// repeated ("Health check failed: health check failed: …").
std::string describe(std::string_view message, const Annotation& where) {
  std::string text;
  if (!where.title.empty() && !startsWithIgnoringCase(message, where.title)) {
    text += where.title + ": ";
  }
  text += message;
  if (where.file.empty()) return text;
  text += " (" + where.file;
  if (where.line > 0) text += ":" + std::to_string(where.line);
  return text + ")";
}

class ConsoleLog : public Log {
 public:
  ConsoleLog(Console& console, SecretMasker& masker)
      : console_(console), masker_(masker), colour_(console.stdoutIsTty()) {}

  void beginGroup(std::string_view title) override { out(paint(kBold, "==> "), title, kBold); }
  void endGroup() override {}
  void info(std::string_view message) override { out("", message); }
  void debug(std::string_view /*message*/) override {}  // a runner-only channel
  void notice(std::string_view message, const Annotation& where) override {
    out(paint(kCyan, "note: "), describe(message, where));
  }
  // A message that is already a "WARNING: …" (the seed's settings warning) gets no second label.
  void warning(std::string_view message, const Annotation& where) override {
    const bool labelled = startsWithIgnoringCase(message, "warning:");
    err(labelled ? std::string() : paint(kYellow, "warning: "), describe(message, where));
  }
  void error(std::string_view message, const Annotation& where) override {
    err(paint(kRed, "error: "), describe(message, where));
  }
  void addSecret(std::string_view value) override {
    const std::lock_guard lock(mutex_);
    masker_.add(value);
  }
  void beginUntrusted() override {}
  // Child output, indented and dimmed so it reads apart from the program's own lines.
  void untrusted(std::string_view line) override { out("    ", line, kDim); }
  void endUntrusted() override {}

 private:
  std::string paint(std::string_view colour, std::string_view text) const {
    if (!colour_) return std::string(text);
    return std::string(colour) + std::string(text) + std::string(kReset);
  }
  // The body is masked before it is painted, so no escape sequence can split a secret.
  void out(std::string_view prefix, std::string_view body, std::string_view colour = {}) {
    const std::lock_guard lock(mutex_);
    console_.out(line(prefix, body, colour));
  }
  void err(std::string_view prefix, std::string_view body) {
    const std::lock_guard lock(mutex_);
    console_.err(line(prefix, body, {}));
  }
  std::string line(std::string_view prefix, std::string_view body, std::string_view colour) const {
    const std::string masked = masker_.mask(body);
    return std::string(prefix) + (colour.empty() ? masked : paint(colour, masked)) + "\n";
  }

  Console& console_;
  SecretMasker& masker_;
  const bool colour_;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Log> makeConsoleLog(Console& console, SecretMasker& masker) {
  return std::make_unique<ConsoleLog>(console, masker);
}

}  // namespace fd
