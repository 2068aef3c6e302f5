// What the fake GitHub holds for one benchmark run of `factory-deploy --environment prod`:
// N check runs on the commit (one of them this run's own unfinished job, which the CI gate
// excludes), one commit status, this run's jobs, an approved review for prod, no blocker pull
// requests, the commit on the default branch, a successful staging deployment of the commit and
// an older prod deployment (the previous version).
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "meter.hpp"
#include "page_cache.hpp"
#include "support/fake_github.hpp"

namespace fd::bench {

struct Scenario {
  int checkRuns = 1000;
  std::string sha;          // the deployed commit
  std::string previousSha;  // what prod ran before
  // The tested commit the reports name, when it is not `sha` (the reports were committed after
  // it): the CI gate lists its check runs too, so its pages are pre-composed as well.
  std::string codeSha;
  std::string runId = "7001";
  std::string token;  // requests without "Bearer <token>" get 401
  // The last ordinary check run stays in_progress until the check runs have been listed this
  // many times (polls); 0: everything has finished from the start.
  int pendingPolls = 0;

  int pages() const { return (checkRuns + 99) / 100; }  // the client reads per_page=100
};

void seedGithub(test::FakeGithub& github, const Scenario& scenario);

// The check-runs pages the client will read, as it asks for them (per_page=100, then Link), for
// `sha` and, when set, `codeSha`.
std::vector<std::string> checkRunPages(const Scenario& scenario);

// Finishes the pending check run right after the last page of poll `pendingPolls` was answered
// (a poll lists every page of both commits), so poll pendingPolls+1 sees it completed (and
// forgets the pre-composed pages). Install as the GitHub meter's observer.
class PendingCheck {
 public:
  PendingCheck(test::FakeGithub& github, const Scenario& scenario, PageCache& pages);
  void operator()(const test::ServerRequest& request, int status);
  int listings() const { return listings_.load(); }  // check-runs requests seen

 private:
  test::FakeGithub& github_;
  PageCache& pages_;
  int finishAfter_ = 0;  // check-runs requests; 0: nothing pending
  std::atomic<int> listings_{0};
};

}  // namespace fd::bench
