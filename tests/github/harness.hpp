// Everything a GitHub-mode test needs: the fake GitHub on loopback, the real HTTP client, a clock
// that sleeps instantly, and the model objects a gate receives.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/deploy_context.hpp"
#include "core/inputs.hpp"
#include "core/manifest.hpp"
#include "github/github_context.hpp"
#include "github/rest_client.hpp"
#include "net/poco_http_client.hpp"
#include "support/fake_github.hpp"
#include "support/fakes.hpp"

// Requires a Result to be ok, printing its error otherwise (evaluates `expression` once).
#define FD_REQUIRE_OK(expression)                                                               \
  do {                                                                                          \
    const auto& fdResult = (expression);                                                        \
    BOOST_REQUIRE_MESSAGE(fdResult.ok(), (fdResult.ok() ? std::string() : fdResult.message())); \
  } while (false)

namespace fd::test {

inline const std::string kSha = "1111111111111111111111111111111111111111";
inline const std::string kPrHead = "2222222222222222222222222222222222222222";
inline const std::string kRunId = "1000";

// FakeClock that lets a test change the world between polls.
class ScriptedClock : public FakeClock {
 public:
  std::function<void(int sleepNumber)> onSleep;
  int sleepCount = 0;
  bool sleepFor(std::chrono::milliseconds duration) override {
    ++sleepCount;
    if (onSleep) onSleep(sleepCount);
    return FakeClock::sleepFor(duration);
  }
};

struct Harness {
  explicit Harness(const std::string& basePath = "") : fake(basePath) {
    inputs.githubToken = "ghs_secretTokenValue123";
    inputs.ciTimeoutS = 900;
    inputs.ciIntervalS = 10;
    inputs.githubMode = true;
    env.name = "prod";
    env.appName = "shop";
    env.url = "https://shop.fly.dev";
    manifest.platform = "fly.io";
    manifest.projectName = "shop";
    manifest.environments = {env};
    context.apiUrl = fake.apiUrl();
    context.owner = FakeGithub::kOwner;
    context.repo = FakeGithub::kRepo;
    context.sha = kSha;
    context.eventName = "push";
    context.runId = kRunId;
    context.runAttempt = "1";
    context.actor = "carol";
    context.triggeringActor = "carol";
    context.job = "deploy";
  }

  DeployContext deployContext() {
    return DeployContext{inputs, manifest, env, kSha, "/work", git, GateFiles{}, "1111111"};
  }

  github::RestClient& client() {
    if (!rest) {
      github::RestOptions options;
      options.baseUrl = context.apiUrl;
      options.token = inputs.githubToken;
      rest = std::make_unique<github::RestClient>(options, http, clock, random, log);
    }
    return *rest;
  }

  FakeGithub fake;
  PocoHttpClient http;
  ScriptedClock clock;
  FakeRandom random;
  RecordingLog log;
  Inputs inputs;
  Manifest manifest;
  EnvConfig env;
  GithubContext context;
  GitRepository* git = nullptr;  // a test's FakeGitRepository, when the gate needs history
  std::unique_ptr<github::RestClient> rest;
};

// An Actions job's check run in run `runId` (details_url as GitHub sets it).
inline GhCheckRun actionsJob(std::int64_t id, const std::string& name, const std::string& runId,
                             const std::string& status = "completed",
                             const std::string& conclusion = "success") {
  GhCheckRun run;
  run.id = id;
  run.name = name;
  run.status = status;
  run.conclusion = conclusion;
  run.detailsUrl =
      "https://github.com/octo/shop/actions/runs/" + runId + "/job/" + std::to_string(id);
  return run;
}

inline GhCheckRun externalCheck(std::int64_t id, const std::string& name,
                                const std::string& conclusion = "success",
                                const std::string& status = "completed") {
  GhCheckRun run;
  run.id = id;
  run.name = name;
  run.status = status;
  run.conclusion = conclusion;
  return run;
}

}  // namespace fd::test
