#include "github/ci_checks.hpp"

#include <algorithm>

#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"

namespace fd::github {

namespace {

constexpr std::size_t kMaxListed = 10;

bool newer(const CheckRun& a, const CheckRun& b) {
  const std::string aStart = a.startedAt.empty() ? "~" : a.startedAt;  // '~' sorts after digits
  const std::string bStart = b.startedAt.empty() ? "~" : b.startedAt;
  if (aStart != bStart) return aStart > bStart;
  return a.id > b.id;
}

std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
    text += (i == 0 ? "" : ", ") + names[i];
  }
  if (names.size() > kMaxListed)
    text += " and " + std::to_string(names.size() - kMaxListed) + " more";
  return text;
}

bool requiredPresent(const CheckPattern& pattern, const std::vector<CheckItem>& items) {
  return std::any_of(items.begin(), items.end(),
                     [&](const CheckItem& item) { return pattern.matches(item.name); });
}

bool isRequired(const CheckFilter& filter, const std::string& name) {
  return std::any_of(filter.required.begin(), filter.required.end(),
                     [&](const CheckPattern& pattern) { return pattern.matches(name); });
}

// A required check that was skipped or neutral did not run: it is no evidence, and fails.
CheckItem demoteUnsuccessfulRequired(CheckItem item, const CheckFilter& filter) {
  if (item.state != CheckItem::State::Passed || item.success || !isRequired(filter, item.name))
    return item;
  item.state = CheckItem::State::Failed;
  item.detail += "; a required check must conclude success";
  return item;
}

// Orders as the text "<app slug>\n<app id>\n<name>" would, without building it.
bool appKeyLess(const CheckRun& a, const CheckRun& b) {
  if (a.appSlug != b.appSlug) return a.appSlug < b.appSlug;
  if (a.appId != b.appId) return std::to_string(a.appId) < std::to_string(b.appId);
  return a.name < b.name;
}

// "https://github.com/o/r/actions/runs/1000" followed by the end, '/' or '?'.
bool pointsIntoRun(const std::string& url, const RunIdentity& identity) {
  const std::string prefix = identity.serverUrl + "/" + identity.owner + "/" + identity.repo +
                             "/actions/runs/" + identity.runId;
  if (url.compare(0, prefix.size(), prefix) != 0) return false;
  return url.size() == prefix.size() || url[prefix.size()] == '/' || url[prefix.size()] == '?';
}

}  // namespace

CheckRun parseCheckRun(const rapidjson::Value& json) {
  CheckRun run;
  run.id = intField(json, "id");
  run.name = stringField(json, "name");
  run.status = stringField(json, "status");
  run.conclusion = stringField(json, "conclusion");
  run.startedAt = stringField(json, "started_at");
  run.detailsUrl = stringField(json, "details_url");
  const rapidjson::Value& app = objectField(json, "app");
  run.appSlug = stringField(app, "slug");
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

std::size_t heldBytes(const CheckRun& run) {
  return heldBytes(run.name) + heldBytes(run.status) + heldBytes(run.conclusion) +
         heldBytes(run.startedAt) + heldBytes(run.detailsUrl) + heldBytes(run.appSlug);
}

bool LatestRuns::ByAppAndName::operator()(const CheckRun* a, const CheckRun* b) const {
  return appKeyLess(*a, *b);
}

void LatestRuns::add(std::shared_ptr<const std::vector<CheckRun>> page) {
  for (const CheckRun& run : *page) {
    auto [slot, inserted] = latest_.insert(&run);
    if (inserted || !newer(run, **slot)) continue;
    slot = latest_.erase(slot);  // same key: the newer run takes its place
    latest_.insert(slot, &run);
  }
  pages_.push_back(std::move(page));
}

std::vector<const CheckRun*> LatestRuns::latest() const { return {latest_.begin(), latest_.end()}; }

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
  if (identity.runId.empty() || run.appSlug != kActionsAppSlug) return false;
  return pointsIntoRun(run.detailsUrl, identity);
}

CheckItem itemForCheckRun(const CheckRun& run) {
  CheckItem item;
  item.name = run.name;
  if (run.status != "completed") {
    item.detail = run.status.empty() ? "pending" : run.status;
    item.state = CheckItem::State::Pending;
    return item;
  }
  item.detail = run.conclusion.empty() ? "no conclusion" : run.conclusion;
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
  CiVerdict verdict;
  std::vector<CheckItem> relevant;
  std::vector<std::string> ignored;
  for (const CheckItem& item : snapshot.items) {
    if (filter.ignored(item.name))
      ignored.push_back(item.name);
    else
      relevant.push_back(demoteUnsuccessfulRequired(item, filter));
  }
  std::vector<std::string> failed;
  std::vector<std::string> pending;
  for (const CheckItem& item : relevant) {
    if (item.state == CheckItem::State::Passed) ++verdict.passed;
    if (item.state == CheckItem::State::Failed)
      failed.push_back(item.name + " (" + item.detail + ")");
    if (item.state == CheckItem::State::Pending)
      pending.push_back(item.name + " (" + item.detail + ")");
  }
  for (const CheckPattern& pattern : filter.required) {
    if (!requiredPresent(pattern, relevant)) verdict.missing.push_back(pattern.text());
  }
  verdict.failed = static_cast<int>(failed.size());
  verdict.pending = static_cast<int>(pending.size());

  std::string notes = std::to_string(verdict.passed) + " passed";
  if (!failed.empty()) notes += ", " + std::to_string(failed.size()) + " failed: " + listed(failed);
  if (!pending.empty())
    notes += ", " + std::to_string(pending.size()) + " pending: " + listed(pending);
  if (!verdict.missing.empty()) notes += "; missing: " + listed(verdict.missing);
  if (!ignored.empty()) notes += "; ignored: " + listed(ignored);
  if (!snapshot.excludedOwn.empty())
    notes += "; excluded (this job and its matrix legs): " + listed(snapshot.excludedOwn);
  verdict.notes = notes;

  if (!failed.empty())
    verdict.outcome = CiVerdict::Outcome::Fail;
  else if (pending.empty() && verdict.missing.empty() && !relevant.empty())
    verdict.outcome = CiVerdict::Outcome::Pass;
  else
    verdict.outcome = CiVerdict::Outcome::Pending;
  return verdict;
}

}  // namespace fd::github
