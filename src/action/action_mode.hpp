// How the program speaks on a runner (workflow commands, outputs, summary, artifact) and locally.
#pragma once

#include <memory>

#include "core/inputs.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/console.hpp"
#include "core/ports/environment.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "core/ports/random.hpp"
#include "core/secret_masker.hpp"

namespace fd {

// Workflow commands (::group::, ::error title=…::, ::add-mask::, ::stop-commands::), flushed
// after every line; masks with `masker`. `debug`: RUNNER_DEBUG=1.
std::unique_ptr<Log> makeWorkflowLog(Console& console, SecretMasker& masker, Random& random,
                                     bool debug);
// Plain readable lines, coloured only on a TTY; masks with `masker`.
std::unique_ptr<Log> makeConsoleLog(Console& console, SecretMasker& masker);

// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the artifact upload.
std::unique_ptr<Publisher> makeGithubPublisher(FileSystem& fs, HttpClient& http, Clock& clock,
                                               Random& random, Log& log, SecretMasker& masker,
                                               const Environment& env, const Inputs& inputs);
// Local mode: tells where the receipt is.
std::unique_ptr<Publisher> makeLocalPublisher(Log& log);

}  // namespace fd
