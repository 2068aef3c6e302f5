// In-memory fakes for every port, so the whole pipeline runs in a test without the outside world.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/ports/clock.hpp"
#include "core/ports/console.hpp"
#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/process_runner.hpp"
#include "core/ports/random.hpp"
#include "core/secret_masker.hpp"

namespace fd::test {

class FakeFileSystem : public FileSystem {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> owners;  // path -> reference it was matched to
  // path -> target: a symbolic link. Reads follow it like the kernel; appends refuse it.
  std::map<std::string, std::string> symlinks;
  std::set<std::string> executables;  // paths written by writeExecutable
  bool failWrites = false;            // simulates a full or read-only disk
  // When set and true for a path, reading it fails (an unreadable file, an I/O error).
  std::function<bool(const std::string& path)> failRead;
  // Called with the destination before a rename is applied: a test may request a cancellation
  // at that moment (the deploy lock is placed by a rename).
  std::function<void(const std::string& to)> beforeRename;

  bool exists(const std::string& path) const override;
  PathKind kindOf(const std::string& path) const override;
  Result<std::string> canonical(const std::string& path) const override;
  Result<std::string> read(const std::string& path, std::size_t maxBytes) const override;
  Status writeAtomic(const std::string& path, std::string_view content) override;
  Status writeExecutable(const std::string& path, std::string_view content) override;
  Status append(const std::string& path, std::string_view content) override;
  Status renameNoReplace(const std::string& from, const std::string& to) override;
  Status makeDirs(const std::string& path) override;
  Status matchOwner(const std::string& path, const std::string& reference) override;
  std::vector<std::string> list(const std::string& directory) const override;
  Status remove(const std::string& path) override;
};

// Answers each command from a script: the first rule whose `contains` is part of the command.
class FakeProcessRunner : public ProcessRunner {
 public:
  struct Rule {
    std::string contains;
    CommandResult result;
    std::vector<std::string> lines;  // streamed to onLine before returning
  };
  std::vector<Rule> rules;
  std::vector<CommandSpec> calls;
  // Called before each command is answered: a test may change `rules` (a deploy that changes
  // what the platform reports as live) or request a cancellation.
  std::function<void(const CommandSpec&)> beforeEach;
  CommandResult fallback{0, 0, false, false, "", {}, std::chrono::milliseconds(1)};

  void on(const std::string& contains, int exitCode, std::vector<std::string> lines = {});
  Result<CommandResult> run(const CommandSpec& spec) override;
  bool ran(const std::string& contains) const;
};

class FakeHttpClient : public HttpClient {
 public:
  std::function<Result<HttpResponse>(const HttpRequest&)> handler;
  std::vector<HttpRequest> requests;
  Result<HttpResponse> send(const HttpRequest& request) override;
};

// Time stands still until someone sleeps; sleeping advances it instantly.
class FakeClock : public Clock {
 public:
  std::chrono::system_clock::time_point wall = std::chrono::system_clock::time_point(
      std::chrono::seconds(1775251800));  // 2026-04-03T21:30:00Z
  std::chrono::steady_clock::time_point mono{};
  std::vector<std::chrono::milliseconds> sleeps;

  std::chrono::system_clock::time_point now() override { return wall; }
  std::chrono::steady_clock::time_point steady() override { return mono; }
  bool sleepFor(std::chrono::milliseconds duration) override;
  void advance(std::chrono::milliseconds duration);
};

class FakeEnvironment : public Environment {
 public:
  std::map<std::string, std::string> values;
  std::optional<std::string> get(const std::string& name) const override;
  std::vector<std::pair<std::string, std::string>> all() const override;
};

class FakeConsole : public Console {
 public:
  std::string stdoutText;
  std::string stderrText;
  bool ttyOut = false;
  bool ttyIn = false;
  std::deque<std::string> input;

  void out(std::string_view text) override { stdoutText += text; }
  void err(std::string_view text) override { stderrText += text; }
  bool stdoutIsTty() const override { return ttyOut; }
  bool stdinIsTty() const override { return ttyIn; }
  std::optional<std::string> readLine() override;
};

class FakeRandom : public Random {
 public:
  std::string nextHex = "0123456789abcdef0123456789abcdef";
  double nextUnit = 0.5;
  std::string hex(std::size_t chars) override;
  double unit() override { return nextUnit; }
};

// Keeps every message with its kind ("info", "warning", ...), masked like a real log.
class RecordingLog : public Log {
 public:
  struct Entry {
    std::string kind;
    std::string text;
    Annotation where;
  };
  std::vector<Entry> entries;
  SecretMasker masker;

  void beginGroup(std::string_view title) override { add("group", title); }
  void endGroup() override { add("endgroup", ""); }
  void info(std::string_view message) override { add("info", message); }
  void debug(std::string_view message) override { add("debug", message); }
  void notice(std::string_view message, const Annotation& where) override;
  void warning(std::string_view message, const Annotation& where) override;
  void error(std::string_view message, const Annotation& where) override;
  void addSecret(std::string_view value) override { masker.add(value); }
  void beginUntrusted() override { add("begin-untrusted", ""); }
  void untrusted(std::string_view line) override { add("untrusted", line); }
  void endUntrusted() override { add("end-untrusted", ""); }

  std::string text() const;  // every entry, one per line
  bool contains(std::string_view needle) const;

 private:
  void add(std::string kind, std::string_view text, Annotation where = {});
};

}  // namespace fd::test
