// What the CI gate saw on a commit, and what that means: pass, fail (fast) or keep waiting.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "github/check_filter.hpp"
#include "github/interned.hpp"
#include "github/start_time.hpp"

namespace fd::github {

// GitHub Actions' own app: every job of a workflow run reports as a check run of this app.
inline constexpr const char* kActionsAppSlug = "github-actions";
inline constexpr std::int64_t kActionsAppId = 15368;

// A check run reduced to what the gate reads. The ETag cache keeps one per check run for the
// next poll's 304s, so it is small: repeated texts are shared (Interned), the start time is packed,
// and of the details URL only the workflow run it points into is kept.
struct CheckRun {
  std::int64_t id = 0;
  std::int64_t appId = 0;
  std::int64_t suiteId = 0;  // check_suite.id
  std::string name;
  Interned status;      // queued / in_progress / completed / waiting / requested / pending
  Interned conclusion;  // empty until completed
  Interned appSlug;     // the app that reported it ("github-actions"); empty when GitHub gives none
  StartTime startedAt;  // not started when empty
  // "<server>/<owner>/<repo>/actions/runs/<digits>" when details_url begins so (followed by its
  // end, '/' or '?'); empty otherwise.
  Interned detailsRun;

  void setDetailsUrl(std::string_view url);
};

CheckRun parseCheckRun(const rapidjson::Value& json);
// One page of GET /commits/{sha}/check-runs, reduced to what the gate reads.
std::vector<CheckRun> parseCheckRunPage(const rapidjson::Value& page);
std::size_t heldBytes(const CheckRun& run);

// Re-runs leave several check runs per name: keep the newest (started_at, then id; one that has
// not started yet is newer than any that has). Keyed by app and name: a check of the same name
// from another app is another check, and never hides this one.
std::vector<CheckRun> latestPerName(const std::vector<CheckRun>& runs);

// latestPerName as the pages arrive, without copying a check run: it keeps the pages (shared with
// the ETag cache) and one pointer per check run, and picks the newest per app and name when read.
class LatestRuns {
 public:
  void add(std::shared_ptr<const std::vector<CheckRun>> page);
  // Ordered by app, then name, as latestPerName orders them.
  std::vector<const CheckRun*> latest() const;

 private:
  std::vector<std::shared_ptr<const std::vector<CheckRun>>> pages_;
  std::vector<const CheckRun*> runs_;
};

// Where this workflow run lives, to recognise its jobs among a commit's check runs.
struct RunIdentity {
  std::string serverUrl;  // GITHUB_SERVER_URL, e.g. https://github.com
  std::string owner;
  std::string repo;
  std::string runId;  // empty: no run (local mode), nothing is this run's
};

// Whether a check run is a job of this workflow run: its id is one of the run attempt's job ids
// (the Actions job id is the check run id), or it was reported by GitHub Actions itself (the app,
// not the name) with a details_url on this server inside this run. A third-party check whose URL
// merely points into the run is not this run's. Names play no part.
bool belongsToRun(const CheckRun& run, const RunIdentity& identity,
                  const std::set<std::int64_t>& jobIds);

// One check run or commit status, reduced to what the gate needs.
struct CheckItem {
  std::string name;
  std::string detail;  // the conclusion or state as GitHub spells it: "failure", "in_progress"
  enum class State { Passed, Failed, Pending } state = State::Pending;
  bool success = false;  // concluded exactly `success` (a required check needs that)
};

CheckItem itemForCheckRun(const CheckRun& run);
// A commit status (state success / failure / error / pending).
CheckItem itemForStatus(const std::string& context, const std::string& state);

struct CiSnapshot {
  std::vector<CheckItem> items;
  std::vector<std::string> excludedOwn;  // this job and its matrix legs, by name
};

struct CiVerdict {
  enum class Outcome { Pass, Fail, Pending } outcome = Outcome::Pending;
  std::string notes;  // "12 passed, 1 failed: lint (failure); missing: e2e"
  int passed = 0;
  int failed = 0;
  int pending = 0;
  std::vector<std::string> missing;
};

// Fail as soon as anything failed (or a required check concluded anything but `success`); pass
// when something was found and all of it passed and every required check is there; otherwise
// pending. Zero checks is never a pass.
CiVerdict evaluate(const CiSnapshot& snapshot, const CheckFilter& filter);

}  // namespace fd::github
