#include "deploy/posix_process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/cancellation.hpp"
#include "deploy/output_collector.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace fd {

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// How long a group gets between SIGTERM and SIGKILL.
constexpr milliseconds kTimeoutGrace{2000};
constexpr milliseconds kCancelGrace{500};  // the whole program must stop within 2 s
// After the shell exits, how long we still read what it left in the pipe. Its background
// processes may hold the pipe open for ever: we read what is buffered, not what they write next.
constexpr milliseconds kDrainWindow{200};
constexpr milliseconds kPollStep{100};
constexpr milliseconds kExitPollStep{10};  // pipe closed, waiting for the shell to be reapable
constexpr int kReadsPerWakeup = 16;        // keep checking deadlines while a child floods us

// The inherited environment with `spec.env` added, later entries overriding earlier ones.
std::vector<std::string> buildEnvironment(const CommandSpec& spec) {
  std::vector<std::string> entries;
  const auto nameOf = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  const auto overridden = [&](const std::string& name) {
    return std::any_of(spec.env.begin(), spec.env.end(),
                       [&](const auto& pair) { return pair.first == name; });
  };
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    if (!overridden(nameOf(text))) entries.push_back(std::move(text));
  }
  for (const auto& variable : spec.env) {
    // Later duplicates in spec.env win: drop an earlier one we already added.
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const std::string& e) { return nameOf(e) == variable.first; }),
                  entries.end());
    std::string entry = variable.first;
    entry += '=';
    entry += variable.second;
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

class SpawnAttributes {
 public:
  SpawnAttributes() { posix_spawnattr_init(&attributes_); }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes_); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_{};
};

struct Child {
  pid_t pid = -1;  // also the process group id
  int outputFd = -1;
  int errorFd = -1;  // stderr's own pipe (stdoutOnly), else -1: stderr shares outputFd
};

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// A pipe whose read end does not block; both ends close on exec.
bool openPipe(int (&fds)[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  return true;
}

// Starts /bin/sh -c in a new process group with stdin from /dev/null and stdout+stderr
// into one pipe (two with stdoutOnly). posix_spawn reports exec and chdir failures as its return
// value.
Result<Child> spawnShell(const CommandSpec& spec) {
  int fds[2] = {-1, -1};
  int errFds[2] = {-1, -1};
  if (!openPipe(fds) || (spec.stdoutOnly && !openPipe(errFds))) {
    const std::string why = strerror(errno);
    for (int fd : {fds[0], fds[1], errFds[0], errFds[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return makeError(ErrorCode::Internal, "cannot create a pipe: " + why);
  }

  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), spec.stdoutOnly ? errFds[1] : fds[1],
                                   STDERR_FILENO);
  if (!spec.workdir.empty()) {
    posix_spawn_file_actions_addchdir_np(actions.get(), spec.workdir.c_str());
  }
  posix_spawn_file_actions_addclosefrom_np(actions.get(), STDERR_FILENO + 1);

  SpawnAttributes attributes;
  sigset_t defaults;
  sigfillset(&defaults);  // handlers and ignored signals (SIGPIPE) revert to default
  sigdelset(&defaults, SIGKILL);
  sigdelset(&defaults, SIGSTOP);
  sigset_t emptyMask;
  sigemptyset(&emptyMask);
  posix_spawnattr_setflags(attributes.get(),
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(attributes.get(), 0);
  posix_spawnattr_setsigdefault(attributes.get(), &defaults);
  posix_spawnattr_setsigmask(attributes.get(), &emptyMask);

  std::vector<std::string> argStrings = {"/bin/sh", "-c", spec.command};
  std::vector<std::string> envStrings = buildEnvironment(spec);
  std::vector<char*> argv = pointersTo(argStrings);
  std::vector<char*> envp = pointersTo(envStrings);

  pid_t pid = -1;
  const int rc =
      ::posix_spawn(&pid, "/bin/sh", actions.get(), attributes.get(), argv.data(), envp.data());
  closeFd(fds[1]);
  closeFd(errFds[1]);
  if (rc != 0) {
    closeFd(fds[0]);
    closeFd(errFds[0]);
    const std::string where = spec.workdir.empty() ? "" : " in " + spec.workdir;
    return makeError(ErrorCode::FailedPrecondition,
                     "cannot start /bin/sh" + where + ": " + strerror(rc));
  }
  return Child{pid, fds[0], errFds[0]};
}

// Watches one child: reads its output, enforces the timeout and cancellation, and makes sure
// nothing of its process group outlives it.
class Supervisor {
 public:
  Supervisor(Child child, const CommandSpec& spec)
      : child_(child),
        collector_(spec.onLine, spec.tailLines, spec.captureBytes, spec.masker),
        errors_(spec.onLine, spec.tailLines, spec.captureBytes, spec.masker),
        tailLines_(spec.tailLines),
        started_(steady_clock::now()),
        deadline_(started_ + spec.timeout) {}

  ~Supervisor() {
    // Only reached early if a callback threw: leave no process behind.
    if (!reaped_) {
      killGroup(SIGKILL);
      int status = 0;
      while (::waitpid(child_.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    closeFd(child_.outputFd);
    closeFd(child_.errorFd);
  }
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  CommandResult run() {
    while (!finished()) {
      const auto now = steady_clock::now();
      if (!exited_) enforceLimits(now);
      waitForOutput(nextWakeup(now));
      if (!exited_ && shellHasExited()) onShellExit();
    }
    closeFd(child_.outputFd);  // a background process writing on gets EPIPE, not our attention
    closeFd(child_.errorFd);
    collector_.finish();
    errors_.finish();
    return result();
  }

 private:
  bool finished() const { return exited_; }

  void enforceLimits(steady_clock::time_point now) {
    if (!cancelled_ && !timedOut_ && Cancellation::requested()) {
      cancelled_ = true;
      terminate(now, kCancelGrace);
    }
    if (!cancelled_ && !timedOut_ && now >= deadline_) {
      timedOut_ = true;
      terminate(now, kTimeoutGrace);
    }
    if (killAt_ && now >= *killAt_) {
      killGroup(SIGKILL);
      killAt_.reset();
    }
  }

  void terminate(steady_clock::time_point now, milliseconds grace) {
    killGroup(SIGTERM);
    killAt_ = now + grace;
  }

  void killGroup(int signal) const { ::kill(-child_.pid, signal); }

  bool reading() const { return child_.outputFd >= 0 || child_.errorFd >= 0; }

  steady_clock::time_point nextWakeup(steady_clock::time_point now) const {
    const milliseconds step = reading() ? kPollStep : kExitPollStep;
    auto wakeup = now + step;
    if (!timedOut_ && !cancelled_) wakeup = std::min(wakeup, deadline_);
    if (killAt_) wakeup = std::min(wakeup, *killAt_);
    return wakeup;
  }

  void waitForOutput(steady_clock::time_point wakeup) {
    const auto wait = std::chrono::duration_cast<milliseconds>(wakeup - steady_clock::now());
    const int timeoutMs = static_cast<int>(std::max<long long>(0, wait.count()));
    // A closed pipe (-1) is ignored by poll: its entry stays, its revents stay 0.
    pollfd entries[2] = {{child_.outputFd, POLLIN, 0}, {child_.errorFd, POLLIN, 0}};
    const int ready = ::poll(entries, reading() ? 2 : 0, timeoutMs);
    if (ready > 0) {
      readAvailable(child_.outputFd, collector_);
      readAvailable(child_.errorFd, errors_);
    }
    // ready < 0 is EINTR (a signal, perhaps the cancellation): the loop re-checks everything.
  }

  static void readAvailable(int& fd, OutputCollector& into) {
    char buffer[64 * 1024];
    for (int i = 0; i < kReadsPerWakeup && fd >= 0; ++i) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) {
        into.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      closeFd(fd);  // end of output, or an error we cannot do anything about
    }
  }

  // Looks without reaping, so the pid (and so the group id) stays reserved until a timed-out or
  // cancelled group is killed.
  bool shellHasExited() {
    siginfo_t info{};
    while (::waitid(P_PID, static_cast<id_t>(child_.pid), &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
      if (errno != EINTR) return true;  // already gone (ECHILD): nothing left to wait for
    }
    return info.si_pid == child_.pid;
  }

  // The shell is done. After a normal exit, what it started in the background (a service
  // started with `nohup app &`) is the user's and stays; after a timeout or a cancellation the
  // whole group goes. Either way we read only what is already in the pipe, then stop.
  void onShellExit() {
    if (timedOut_ || cancelled_) killGroup(SIGKILL);
    int status = 0;
    pid_t rc = 0;
    while ((rc = ::waitpid(child_.pid, &status, 0)) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    exited_ = true;
    if (rc == child_.pid) status_ = status;  // else someone else reaped it: exit unknown (-1)
    killAt_.reset();
    // Each pipe its own window: a background process flooding stdout cannot cost stderr's lines.
    drainBuffered(child_.outputFd, collector_, steady_clock::now() + kDrainWindow);
    drainBuffered(child_.errorFd, errors_, steady_clock::now() + kDrainWindow);
  }

  // Reads until the pipe is empty (or closed), for at most until `until`: a background process
  // that keeps writing cannot keep us here.
  static void drainBuffered(int& fd, OutputCollector& into, steady_clock::time_point until) {
    char buffer[64 * 1024];
    while (fd >= 0 && steady_clock::now() < until) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) {
        into.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      closeFd(fd);
    }
  }

  CommandResult result() const {
    CommandResult result;
    if (status_ && WIFEXITED(*status_)) result.exitCode = WEXITSTATUS(*status_);
    if (status_ && WIFSIGNALED(*status_)) result.signal = WTERMSIG(*status_);
    result.timedOut = timedOut_;
    result.cancelled = cancelled_;
    result.output = collector_.output();
    result.tail = collector_.tail();
    // stderr apart (stdoutOnly): its lines after stdout's, the newest kept.
    const std::vector<std::string> errors = errors_.tail();
    result.tail.insert(result.tail.end(), errors.begin(), errors.end());
    while (result.tail.size() > tailLines_) result.tail.erase(result.tail.begin());
    result.duration = std::chrono::duration_cast<milliseconds>(steady_clock::now() - started_);
    return result;
  }

  Child child_;
  OutputCollector collector_;
  OutputCollector errors_;  // stderr, when it has its own pipe
  std::size_t tailLines_;
  steady_clock::time_point started_;
  steady_clock::time_point deadline_;
  std::optional<steady_clock::time_point> killAt_;
  bool exited_ = false;
  bool reaped_ = false;
  bool timedOut_ = false;
  bool cancelled_ = false;
  std::optional<int> status_;
};

}  // namespace

Result<CommandResult> PosixProcessRunner::run(const CommandSpec& spec) {
  if (spec.command.empty()) return makeError(ErrorCode::InvalidArgument, "empty command");
  Result<Child> child = spawnShell(spec);
  if (!child.ok()) return child.error();
  Supervisor supervisor(*child, spec);
  return supervisor.run();
}

}  // namespace fd
