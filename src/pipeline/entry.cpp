#include "pipeline/entry.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/cancellation.hpp"
#include "deploy/posix_process_runner.hpp"
#include "git/libgit2_api.hpp"
#include "git/libgit2_repository.hpp"
#include "git/libgit2_session.hpp"
#include "local/posix_file_system.hpp"
#include "local/system_adapters.hpp"
#include "net/poco_http_client.hpp"
#include "net/proxy_settings.hpp"
#include "pipeline/run.hpp"

namespace fd {

int runMain(int argc, char** argv) {
  Cancellation::installSignalHandlers();  // as PID 1 in a container, unhandled signals are ignored
  // libgit2 is opened and initialised only when a repository is: `--version` and input errors
  // never pay for it (docs/PERFORMANCE.md).
  std::optional<Libgit2Session> git;
  const GitOpener openGit = [&git](const std::string& path) {
    if (!git && git::loadLibgit2()) git.emplace();
    return openGitRepository(path);
  };
  PosixFileSystem fs;
  PosixProcessRunner processes;
  ProcessEnvironment env;
  PocoHttpClient http("", ProxySettings::fromEnvironment(env));  // the runner forwards proxies
  SystemClock clock;
  StdConsole console;
  SystemRandom random;
  std::error_code ignored;
  World world{fs,     processes, http,
              clock,  env,       console,
              random, openGit,   std::filesystem::current_path(ignored).string()};
  const std::vector<std::string> args(argv + 1, argv + argc);
  return runFactoryDeploy(world, args);
}

}  // namespace fd
