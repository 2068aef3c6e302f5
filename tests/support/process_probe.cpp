#include "support/process_probe.hpp"

#include <csignal>
#include <fstream>
#include <thread>

namespace fd::test {

pid_t readPidFile(const std::string& path) {
  std::ifstream in(path);
  long pid = -1;
  if (!(in >> pid) || pid <= 1) return -1;
  return static_cast<pid_t>(pid);
}

bool processGone(pid_t pid) {
  if (pid <= 1 || ::kill(pid, 0) != 0) return true;
  // /proc/<pid>/stat is "pid (comm) S ...": the state letter follows the last ')'.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos || close + 2 >= text.size()) return true;
  return text[close + 2] == 'Z' || text[close + 2] == 'X';
}

bool waitUntilProcessGone(pid_t pid, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!processGone(pid)) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void killIfAlive(pid_t pid) {
  if (pid > 1 && !processGone(pid)) ::kill(pid, SIGKILL);
}

}  // namespace fd::test
