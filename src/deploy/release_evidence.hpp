// After a deploy command failed on prod: was anything released? The answer decides whether prod
// is rolled back, so it is taken from evidence (the live version before and after, and health),
// never assumed: a build that failed before its release must not move a healthy prod one
// release back, and a release that went out must not stay unverified.
#pragma once

#include <string>

namespace fd {

struct ReleaseEvidence {
  std::string liveBefore;   // what was live before the deploy; empty when unknown
  std::string liveAfter;    // what is live now; empty when unknown
  std::string unknownWhy;   // why liveAfter is unknown ("no current_version_command …")
  std::string deployedSha;  // the commit the failed command was deploying
  bool healthy = false;
  std::string healthProblem;  // why the health check failed
};

struct ReleaseVerdict {
  bool rollBack = false;
  bool knownUnreleased = false;  // the live version proves nothing was released
  std::string why;               // one sentence for the receipt
};

// Rolls back when the live version changed (or is the deployed commit) or prod is unhealthy.
// When the live version cannot be read, a healthy prod is left alone: the same health check
// is what proves a rollback worked, so it is the evidence prod is not broken (docs/VERIFY.md).
ReleaseVerdict judgeFailedDeploy(const ReleaseEvidence& evidence);

// The same version in two spellings: equal (any case), or commit SHAs of at least 7 hex digits
// where one is a prefix of the other.
bool sameVersion(const std::string& a, const std::string& b);

}  // namespace fd
