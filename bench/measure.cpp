// measure: runs a command and appends one line about it to a file:
//   wall_us=… user_us=… sys_us=… maxrss_kb=… exit=…
// CPU and peak RSS come from wait4's rusage of the child, in microseconds (GNU time rounds to
// 10 ms, too coarse for a 50 ms budget). They include the child's own reaped children (for
// factory-deploy: the `sh -c` of its commands); peak RSS is the largest of them, not a sum.
// Exits with the command's exit code (128 + signal when killed).
//
//   measure OUT -- COMMAND [ARGS…]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

long long micros(const timeval& time) {
  return static_cast<long long>(time.tv_sec) * 1000000LL + time.tv_usec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || std::string(argv[2]) != "--") {
    std::cerr << "usage: measure OUT -- COMMAND [ARGS...]\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child < 0) {
    std::cerr << "measure: fork: " << std::strerror(errno) << "\n";
    return 2;
  }
  if (child == 0) {
    execvp(argv[3], argv + 3);
    std::fprintf(stderr, "measure: %s: %s\n", argv[3], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::cerr << "measure: wait4: " << std::strerror(errno) << "\n";
      return 2;
    }
  }
  const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  const int exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ofstream(argv[1], std::ios::app)
      << "wall_us=" << wall.count() << " user_us=" << micros(usage.ru_utime)
      << " sys_us=" << micros(usage.ru_stime) << " maxrss_kb=" << usage.ru_maxrss
      << " exit=" << exitCode << "\n";
  return exitCode;
}
