#include "deploy/release_evidence.hpp"

#include <algorithm>
#include <cctype>

namespace fd {

namespace {

constexpr std::size_t kMinShaPrefix = 7;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool isHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

}  // namespace

bool sameVersion(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  const std::string x = lower(a);
  const std::string y = lower(b);
  if (x == y) return true;
  const std::string& shorter = x.size() < y.size() ? x : y;
  const std::string& longer = x.size() < y.size() ? y : x;
  return shorter.size() >= kMinShaPrefix && isHex(x) && isHex(y) &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

ReleaseVerdict judgeFailedDeploy(const ReleaseEvidence& e) {
  if (!e.liveAfter.empty() && sameVersion(e.liveAfter, e.deployedSha)) {
    return {true, false,
            "the deploy command failed, yet the live version is now " + e.liveAfter +
                ", the commit being deployed: an unverified release is live"};
  }
  if (!e.liveAfter.empty() && !e.liveBefore.empty() && !sameVersion(e.liveAfter, e.liveBefore)) {
    return {true, false,
            "the deploy command failed, yet the live version changed from " + e.liveBefore +
                " to " + e.liveAfter + ": an unverified release is live"};
  }
  if (!e.healthy) {
    return {true, false, "prod is unhealthy after the failed deploy (" + e.healthProblem + ")"};
  }
  if (!e.liveAfter.empty() && !e.liveBefore.empty()) {
    return {false, true,
            "nothing was released: prod still runs " + e.liveAfter +
                " and passed its health check, so it was not rolled back"};
  }
  const std::string why = !e.unknownWhy.empty()  ? e.unknownWhy
                          : e.liveBefore.empty() ? "the version live before the deploy is unknown"
                                                 : "the live version could not be read";
  return {false, false,
          "could not tell whether anything was released (" + why +
              "); prod passed its health check, so it was left as it is"};
}

}  // namespace fd
