#include "github/ci_tally.hpp"

#include <algorithm>

namespace fd::github {

namespace {

constexpr std::size_t kMaxListed = 10;

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

}  // namespace

void CiTally::Listing::add(const std::string& name) {
  if (first.size() < kMaxListed) first.push_back(name);
  ++total;
}

std::string CiTally::Listing::text() const {
  std::string text;
  for (std::size_t i = 0; i < first.size(); ++i) text += (i == 0 ? "" : ", ") + first[i];
  if (total > first.size()) text += " and " + std::to_string(total - first.size()) + " more";
  return text;
}

CiTally::CiTally(const CheckFilter& filter)
    : filter_(filter), requiredSeen_(filter.required.size(), false) {}

void CiTally::add(const CheckItem& seen) {
  if (filter_.ignored(seen.name)) {
    ignored_.add(seen.name);
    return;
  }
  for (std::size_t i = 0; i < filter_.required.size(); ++i) {
    if (filter_.required[i].matches(seen.name)) requiredSeen_[i] = true;
  }
  const CheckItem item = demoteUnsuccessfulRequired(seen, filter_);
  if (item.state == CheckItem::State::Passed) ++passed_;
  if (item.state == CheckItem::State::Failed) failed_.add(item.name + " (" + item.detail + ")");
  if (item.state == CheckItem::State::Pending) pending_.add(item.name + " (" + item.detail + ")");
}

void CiTally::excludeOwn(const std::string& name) { excludedOwn_.insert(name); }

CiVerdict CiTally::verdict() const {
  CiVerdict verdict;
  verdict.passed = passed_;
  verdict.failed = static_cast<int>(failed_.total);
  verdict.pending = static_cast<int>(pending_.total);
  for (std::size_t i = 0; i < filter_.required.size(); ++i) {
    if (!requiredSeen_[i]) verdict.missing.push_back(filter_.required[i].text());
  }
  Listing missing;
  for (const std::string& pattern : verdict.missing) missing.add(pattern);
  Listing excluded;
  for (const std::string& name : excludedOwn_) excluded.add(name);

  std::string notes = std::to_string(passed_) + " passed";
  if (failed_.total > 0)
    notes += ", " + std::to_string(failed_.total) + " failed: " + failed_.text();
  if (pending_.total > 0)
    notes += ", " + std::to_string(pending_.total) + " pending: " + pending_.text();
  if (missing.total > 0) notes += "; missing: " + missing.text();
  if (ignored_.total > 0) notes += "; ignored: " + ignored_.text();
  if (excluded.total > 0) notes += "; excluded (this job and its matrix legs): " + excluded.text();
  verdict.notes = notes;

  const bool relevant = passed_ > 0 || failed_.total > 0 || pending_.total > 0;
  if (failed_.total > 0)
    verdict.outcome = CiVerdict::Outcome::Fail;
  else if (pending_.total == 0 && verdict.missing.empty() && relevant)
    verdict.outcome = CiVerdict::Outcome::Pass;
  else
    verdict.outcome = CiVerdict::Outcome::Pending;
  return verdict;
}

}  // namespace fd::github
