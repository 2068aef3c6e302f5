// makeWorkflowLog: the Log a runner reads. Every line is masked, written whole and flushed.
#include <mutex>
#include <set>

#include "action/action_mode.hpp"
#include "action/workflow_commands.hpp"

namespace fd {

namespace {

// One entry per line; a final newline does not start another (empty) line.
std::vector<std::string_view> splitLines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The masker's own rule (trailing CR and spaces dropped, short values ignored): the runner
// should hide exactly what we hide, and a one-letter "secret" would blank ordinary text.
std::string_view maskableLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return line.size() < SecretMasker::kMinLength ? std::string_view() : line;
}

CommandProperties annotationProperties(const Annotation& where) {
  CommandProperties properties{{"title", where.title}, {"file", where.file}};
  if (!where.file.empty() && where.line > 0)
    properties.emplace_back("line", std::to_string(where.line));
  return properties;
}

class WorkflowLog : public Log {
 public:
  WorkflowLog(Console& console, SecretMasker& masker, Random& random, bool debug)
      : console_(console), masker_(masker), random_(random), debug_(debug) {}

  void beginGroup(std::string_view title) override { command("group", {}, title); }
  void endGroup() override { command("endgroup", {}, ""); }

  void info(std::string_view message) override {
    const std::lock_guard lock(mutex_);
    const std::string masked = masker_.mask(message);
    const auto lines = splitLines(masked);
    // A message quoting a report or a manifest could hold a line the runner would obey.
    if (untrustedToken_.empty() && anyLooksLikeCommand(lines)) {
      const std::string token = random_.hex(32);
      write("::stop-commands::" + token);
      for (const auto line : lines) write(line);
      write("::" + token + "::");
      return;
    }
    for (const auto line : lines) write(line);
  }

  void debug(std::string_view message) override {
    if (debug_) command("debug", {}, message);
  }
  void notice(std::string_view message, const Annotation& where) override {
    command("notice", annotationProperties(where), message);
  }
  void warning(std::string_view message, const Annotation& where) override {
    command("warning", annotationProperties(where), message);
  }
  void error(std::string_view message, const Annotation& where) override {
    command("error", annotationProperties(where), message);
  }

  // Registered before anything could print it: the masker for our own lines, ::add-mask:: for
  // everything the runner shows (including what other steps print).
  void addSecret(std::string_view value) override {
    const std::lock_guard lock(mutex_);
    masker_.add(value);
    for (const auto rawLine : splitLines(value)) {
      const std::string_view line = maskableLine(rawLine);
      if (line.empty() || !registered_.insert(std::string(line)).second) continue;
      resumeCommands();
      write(formatCommand("add-mask", {}, line));
      suspendCommands();
    }
  }

  void beginUntrusted() override {
    const std::lock_guard lock(mutex_);
    if (!untrustedToken_.empty()) return;
    untrustedToken_ = random_.hex(32);
    write("::stop-commands::" + untrustedToken_);
  }

  void untrusted(std::string_view line) override {
    const std::lock_guard lock(mutex_);
    const std::string masked = masker_.mask(line);
    for (const auto part : splitLines(masked)) write(part);
  }

  void endUntrusted() override {
    const std::lock_guard lock(mutex_);
    resumeCommands();
    untrustedToken_.clear();
  }

 private:
  static bool anyLooksLikeCommand(const std::vector<std::string_view>& lines) {
    for (const auto line : lines) {
      if (looksLikeCommand(line)) return true;
    }
    return false;
  }

  // A command issued while child output is being shown: lift the stop for that one line.
  void command(std::string_view name, const CommandProperties& properties, std::string_view data) {
    const std::lock_guard lock(mutex_);
    CommandProperties masked;
    for (const auto& [key, value] : properties) masked.emplace_back(key, masker_.mask(value));
    resumeCommands();
    write(formatCommand(name, masked, masker_.mask(data)));
    suspendCommands();
  }

  void resumeCommands() {
    if (!untrustedToken_.empty()) write("::" + untrustedToken_ + "::");
  }
  void suspendCommands() {
    if (!untrustedToken_.empty()) write("::stop-commands::" + untrustedToken_);
  }

  void write(std::string_view line) {
    std::string text(line);
    text += '\n';
    console_.out(text);
  }

  Console& console_;
  SecretMasker& masker_;
  Random& random_;
  const bool debug_;
  std::mutex mutex_;
  std::string untrustedToken_;  // non-empty while command parsing is stopped
  std::set<std::string> registered_;
};

}  // namespace

std::unique_ptr<Log> makeWorkflowLog(Console& console, SecretMasker& masker, Random& random,
                                     bool debug) {
  return std::make_unique<WorkflowLog>(console, masker, random, debug);
}

}  // namespace fd
