#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace fd::test {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// argv/envp as C arrays, built before fork(): the child may only call async-signal-safe code.
struct CStrings {
  std::vector<std::string> storage;
  std::vector<char*> pointers;
  explicit CStrings(std::vector<std::string> values) : storage(std::move(values)) {
    for (std::string& value : storage) pointers.push_back(value.data());
    pointers.push_back(nullptr);
  }
};

std::vector<std::string> envStrings(const std::map<std::string, std::string>& env) {
  std::vector<std::string> entries;
  entries.reserve(env.size());
  for (const auto& [name, value] : env) {
    std::string entry = name;
    entry += '=';
    entry += value;
    entries.push_back(std::move(entry));
  }
  return entries;
}

[[noreturn]] void execChild(const ChildSpec& spec, CStrings& argv, CStrings& envp, int outFd,
                            int errFd) {
  ::setpgid(0, 0);  // its own group: the test can stop everything it left at the limit
  const int devNull = ::open("/dev/null", O_RDONLY);
  if (devNull >= 0) ::dup2(devNull, STDIN_FILENO);
  ::dup2(outFd, STDOUT_FILENO);
  ::dup2(errFd, STDERR_FILENO);
  if (!spec.workingDirectory.empty() && ::chdir(spec.workingDirectory.c_str()) != 0) _exit(126);
  ::execve(argv.pointers[0], argv.pointers.data(), envp.pointers.data());
  _exit(127);
}

bool fileExists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// Reads what is available; returns false at end of file.
bool drain(int fd, std::string& into) {
  std::array<char, 8192> buffer{};
  const ssize_t n = ::read(fd, buffer.data(), buffer.size());
  if (n > 0) {
    into.append(buffer.data(), static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

void recordExit(int status, ChildRun& run) {
  if (WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
}

}  // namespace

std::map<std::string, std::string> baseEnvironment(const std::string& home) {
  const char* path = std::getenv("PATH");
  return {{"PATH", path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin"},
          {"HOME", home},
          {"LANG", "C.UTF-8"},
          {"TZ", "UTC"}};
}

ChildRun runChild(const ChildSpec& spec) {
  if (spec.argv.empty()) throw std::invalid_argument("runChild: empty argv");
  CStrings argv(spec.argv);
  CStrings envp(envStrings(spec.env));
  std::array<int, 2> out{};
  std::array<int, 2> err{};
  if (::pipe2(out.data(), O_CLOEXEC) != 0 || ::pipe2(err.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error("runChild: pipe failed");
  }
  const Clock::time_point start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("runChild: fork failed");
  if (pid == 0) execChild(spec, argv, envp, out[1], err[1]);
  ::close(out[1]);
  ::close(err[1]);
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  ::fcntl(err[0], F_SETFL, O_NONBLOCK);

  ChildRun run;
  Clock::time_point sigtermAt;
  Clock::time_point lastSignalAt;
  bool outOpen = true;
  bool errOpen = true;
  bool exited = false;
  int status = 0;
  // Runs until the child has exited and both pipes are closed (or, after exit, 2 s more: a
  // stray grandchild holding a pipe must not hang the test — the test checks for strays itself).
  Clock::time_point exitedAt;
  while (!exited || ((outOpen || errOpen) && since(exitedAt) < std::chrono::seconds(2))) {
    std::array<pollfd, 2> fds{pollfd{outOpen ? out[0] : -1, POLLIN, 0},
                              pollfd{errOpen ? err[0] : -1, POLLIN, 0}};
    ::poll(fds.data(), fds.size(), 10);
    if (outOpen && fds[0].revents != 0) outOpen = drain(out[0], run.out);
    if (errOpen && fds[1].revents != 0) errOpen = drain(err[0], run.err);
    if (exited) continue;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      exitedAt = Clock::now();
      continue;
    }
    if (spec.signalWhenExists && !run.signalSent && fileExists(*spec.signalWhenExists)) {
      ::kill(pid, spec.signal);
      run.signalSent = true;
      sigtermAt = Clock::now();
      lastSignalAt = sigtermAt;
    }
    const std::size_t next = run.followUpsSent.size();
    if (run.signalSent && next < spec.followUps.size() &&
        since(lastSignalAt) >= spec.followUps[next].after) {
      const ChildSpec::FollowUp& followUp = spec.followUps[next];
      ::kill(pid, followUp.signal);
      run.followUpsSent.push_back(followUp.signal);
      lastSignalAt = Clock::now();
      if (!followUp.markSent.empty()) ::close(::creat(followUp.markSent.c_str(), 0644));
    }
    if (since(start) > spec.limit) {
      ::kill(-pid, SIGKILL);
      run.killedAtLimit = true;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      exited = true;
      exitedAt = Clock::now();
    }
  }
  ::close(out[0]);
  ::close(err[0]);
  recordExit(status, run);
  run.elapsed = since(start);
  if (run.signalSent) {
    run.afterSignal = std::chrono::duration_cast<std::chrono::milliseconds>(exitedAt - sigtermAt);
  }
  return run;
}

}  // namespace fd::test
