// Every outside system the pipeline touches, as ports: real in main, fakes in tests.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/ports/clock.hpp"
#include "core/ports/console.hpp"
#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/git_repository.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/process_runner.hpp"
#include "core/ports/random.hpp"
#include "core/result.hpp"

namespace fd {

using GitOpener = std::function<Result<std::unique_ptr<GitRepository>>(const std::string& path)>;

struct World {
  FileSystem& fs;
  ProcessRunner& processes;
  HttpClient& http;
  Clock& clock;
  Environment& env;
  Console& console;
  Random& random;
  GitOpener openGit;
  std::string currentDirectory;  // relative working-directory inputs are taken from here
};

}  // namespace fd
