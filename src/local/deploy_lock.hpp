// Local mode's guard against two deploys to one environment at once: `.factory/deploy-<env>.lock`,
// created without replacing an existing one, naming who holds it, removed when the deploy ends.
// A lock left by a process that no longer runs on this host (a crash, a kill -9) is taken over
// with a warning; one held by a live process, or from another host, refuses the deploy.
#pragma once

#include <functional>
#include <string>

#include "core/ports/clock.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/log.hpp"
#include "core/result.hpp"

namespace fd {

struct LockOwner {
  long pid = 0;
  std::string host;
};

class DeployLock {
 public:
  using ProcessAlive = std::function<bool(long pid)>;
  DeployLock(FileSystem& fs, Log& log, Clock& clock, std::string directory, LockOwner self,
             ProcessAlive alive);
  // Aborted naming the holder when another deploy to `environment` holds the lock.
  Status acquire(const std::string& environment, const std::string& sha);
  // Removes the lock this process holds; nothing when it holds none.
  void release();

  std::string pathFor(const std::string& environment) const;

 private:
  Status create(const std::string& path, const std::string& content);

  FileSystem& fs_;
  Log& log_;
  Clock& clock_;
  std::string directory_;
  LockOwner self_;
  ProcessAlive alive_;
  std::string held_;  // the path of the lock this process holds
};

// This process, and whether a pid is alive on this host (kill(pid, 0)).
LockOwner currentProcess();
bool processAlive(long pid);

}  // namespace fd
