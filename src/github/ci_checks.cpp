#include "github/ci_checks.hpp"

#include <algorithm>

#include "github/ci_tally.hpp"
#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"

namespace fd::github {

namespace {

constexpr std::string_view kRunsPath = "/actions/runs/";

bool newer(const CheckRun& a, const CheckRun& b) {
  if (a.startedAt != b.startedAt) return a.startedAt > b.startedAt;
  return a.id > b.id;
}

// Orders as the text "<app slug>\n<app id>\n<name>" would, without building it.
bool appKeyLess(const CheckRun& a, const CheckRun& b) {
  if (!(a.appSlug == b.appSlug)) return a.appSlug.str() < b.appSlug.str();
  if (a.appId != b.appId) return std::to_string(a.appId) < std::to_string(b.appId);
  return a.name < b.name;
}

bool sameKey(const CheckRun& a, const CheckRun& b) {
  return a.appSlug == b.appSlug && a.appId == b.appId && a.name == b.name;
}

// "https://github.com/o/r/actions/runs/1000": what detailsRun holds when the URL points into it.
std::string runPrefix(const RunIdentity& identity) {
  return identity.serverUrl + "/" + identity.owner + "/" + identity.repo + std::string(kRunsPath) +
         identity.runId;
}

}  // namespace

CheckRun parseCheckRun(const rapidjson::Value& json) {
  CheckRun run;
  run.id = intField(json, "id");
  run.name = stringField(json, "name");
  run.status = Interned(stringField(json, "status"));
  run.conclusion = Interned(stringField(json, "conclusion"));
  run.startedAt = StartTime(stringField(json, "started_at"));
  run.setDetailsUrl(stringField(json, "details_url"));
  const rapidjson::Value& app = objectField(json, "app");
  run.appSlug = Interned(stringField(app, "slug"));
  run.appId = intField(app, "id");
  run.suiteId = intField(objectField(json, "check_suite"), "id");
  return run;
}

std::vector<CheckRun> parseCheckRunPage(const rapidjson::Value& page) {
  const rapidjson::Value& runs = arrayField(page, "check_runs");
  std::vector<CheckRun> parsed;
  parsed.reserve(runs.Size());
  for (const auto& run : runs.GetArray()) parsed.push_back(parseCheckRun(run));
  return parsed;
}

void CheckRun::setDetailsUrl(std::string_view url) {
  detailsRun = Interned();
  const std::size_t path = url.find(kRunsPath);
  if (path == std::string_view::npos) return;
  std::size_t end = path + kRunsPath.size();
  while (end < url.size() && url[end] >= '0' && url[end] <= '9') ++end;
  if (end == path + kRunsPath.size()) return;
  if (end < url.size() && url[end] != '/' && url[end] != '?') return;
  detailsRun = Interned(url.substr(0, end));
}

// The interned fields are shared by every check run that has them: only the name is its own.
std::size_t heldBytes(const CheckRun& run) { return heldBytes(run.name); }

void LatestRuns::add(std::shared_ptr<const std::vector<CheckRun>> page) {
  runs_.reserve(runs_.size() + page->size());
  for (const CheckRun& run : *page) runs_.push_back(&run);
  pages_.push_back(std::move(page));
}

std::vector<const CheckRun*> LatestRuns::latest() const {
  std::vector<const CheckRun*> sorted = runs_;
  // Within a key the first of the newest wins, as when the pages were read in order.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const CheckRun* a, const CheckRun* b) { return appKeyLess(*a, *b); });
  std::vector<const CheckRun*> latest;
  for (const CheckRun* run : sorted) {
    if (!latest.empty() && sameKey(*latest.back(), *run)) {
      if (newer(*run, *latest.back())) latest.back() = run;
      continue;
    }
    latest.push_back(run);
  }
  return latest;
}

std::vector<CheckRun> latestPerName(const std::vector<CheckRun>& runs) {
  LatestRuns latest;
  // Aliasing, not owning: `runs` outlives `latest`.
  latest.add(std::shared_ptr<const std::vector<CheckRun>>(std::shared_ptr<void>(), &runs));
  std::vector<CheckRun> result;
  for (const CheckRun* run : latest.latest()) result.push_back(*run);
  return result;
}

bool belongsToRun(const CheckRun& run, const RunIdentity& identity,
                  const std::set<std::int64_t>& jobIds) {
  if (jobIds.count(run.id) > 0) return true;
  if (identity.runId.empty() || !(run.appSlug == kActionsAppSlug)) return false;
  return !run.detailsRun.empty() && run.detailsRun == runPrefix(identity);
}

CheckItem itemForCheckRun(const CheckRun& run) {
  CheckItem item;
  item.name = run.name;
  if (!(run.status == "completed")) {
    item.detail = run.status.empty() ? "pending" : run.status.str();
    item.state = CheckItem::State::Pending;
    return item;
  }
  item.detail = run.conclusion.empty() ? "no conclusion" : run.conclusion.str();
  const bool green =
      run.conclusion == "success" || run.conclusion == "neutral" || run.conclusion == "skipped";
  item.state = green ? CheckItem::State::Passed : CheckItem::State::Failed;
  item.success = run.conclusion == "success";
  return item;
}

CheckItem itemForStatus(const std::string& context, const std::string& state) {
  CheckItem item;
  item.name = context;
  item.detail = state;
  item.success = state == "success";
  if (state == "success")
    item.state = CheckItem::State::Passed;
  else if (state == "pending" || state.empty())
    item.state = CheckItem::State::Pending;
  else
    item.state = CheckItem::State::Failed;  // failure, error
  return item;
}

CiVerdict evaluate(const CiSnapshot& snapshot, const CheckFilter& filter) {
  CiTally tally(filter);
  for (const CheckItem& item : snapshot.items) tally.add(item);
  for (const std::string& name : snapshot.excludedOwn) tally.excludeOwn(name);
  return tally.verdict();
}

}  // namespace fd::github
