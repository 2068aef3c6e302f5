// flyctl's JSON, read the way flyctl writes it (superfly/flyctl, internal/command/status and
// apps/releases.go, secrets/list.go; types from superfly/fly-go): `fly status --json`,
// `fly releases --json` and `fly secrets list --json`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fd::fly {

// One machine of `fly status --json` ("Machines": fly.Machine, snake_case keys).
struct Machine {
  std::string id;
  std::string state;
  int release = 0;     // config.metadata.fly_release_version; 0 when absent or not a number
  std::string image;   // registry/repository:tag[@digest], as flyctl's FullImageRef
  std::string commit;  // image_ref.labels.GH_SHA when it is a full commit SHA
};

// `fly status --json`: the app and its current release ("Version": 0 when none).
struct Status {
  std::string name;
  bool deployed = false;
  int version = 0;
  std::vector<Machine> machines;
};

// One entry of `fly releases --json` (fly.Release, no JSON tags: PascalCase keys).
struct Release {
  int version = 0;
  std::string status;  // complete, failed, interrupted, running (flyctl's deploy sets these)
  bool stable = false;
  std::string imageRef;
  std::string description;
  std::string createdAt;
};

// The JSON document in a command's output: flyctl may print notices (on stderr, which the
// output interleaves) before or after it. InvalidArgument naming what was expected.
Result<Status> parseStatus(std::string_view output);
// Newest first, as flyctl sorts them.
Result<std::vector<Release>> parseReleases(std::string_view output);
// `fly secrets list --json`: the secrets' names (each entry's "name"; values are never listed).
Result<std::vector<std::string>> parseSecretNames(std::string_view output);

// A fly.json app config's top-level "app" ("" when it is not JSON or has none).
std::string configApp(std::string_view json);

}  // namespace fd::fly
