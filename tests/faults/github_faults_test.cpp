// Fault matrix, GitHub REST API: every endpoint a prod run in GitHub mode calls × every fault.
// The run is the whole program (runFactoryDeploy) against the loopback fake GitHub and results
// service; the FaultRouter diverts the one endpoint under test. Expected behaviour
// (docs/GITHUB.md): connection failures, timeouts, 5xx and 429 are retried with back-off (at
// most 5 attempts, within the CI gate's ci-timeout or 2 minutes for other calls); a primary rate
// limit that resets too late fails at once, naming the reset time; a secondary limit waits and
// retries; a 200 whose JSON is cut off or garbled is retried like a 502; an oversized body, a TLS
// failure and a redirect are final. A POST whose answer was lost (it may have been applied) is
// sent again only after looking for what it created: a deployment or status is never made twice. A
// gate whose call fails FAILs with the endpoint and the reason (exit 1); the jobs list, the
// deployment and its statuses only warn, and the deploy goes on.
#include <boost/test/unit_test.hpp>

#include "faults/checks.hpp"

namespace fd::test {

namespace {

constexpr std::int64_t kClockEpoch = 1775251800;  // FakeClock's start, 2026-04-03T21:30:00Z

struct Endpoint {
  std::string id;
  std::string call;
  std::string method;
  std::string path;   // regex on the request path
  std::string shown;  // how errors name the request
  std::string gate;   // the gate that fails when the call fails; empty: only a warning
  std::string gateStatus = "FAIL";
  std::string notePrefix;   // what the gate's note says before the request's error
  bool ciDeadline = false;  // inside the CI gate: ci-timeout (900 s), not 2 minutes
  int callsWhenFailing = 1;
  std::vector<std::string> warnings;  // log lines when the call fails and the run goes on
  std::string passNote;               // the gate row (or receipt text) when the call recovers
};

enum class Retry { Persistent, Once, Final };

struct GhFault {
  std::string id;
  std::string label;
  Retry retry;
  std::function<HttpFault(const Endpoint&)> make;
  std::string says;      // part of the error message
  std::string wait;      // Once: the wait before the retry, as the log says it
  std::string why;       // Once: why that wait
  bool applied = false;  // the POST reached GitHub and was applied; only its answer was lost
};

const std::string kRepo = "/repos/octo/shop";

std::vector<Endpoint> endpoints() {
  const std::string commit = kRepo + "/commits/" + kSha;
  return {
      {"check_runs",
       "check runs `GET /repos/{o}/{r}/commits/{sha}/check-runs`",
       "GET",
       "/commits/[0-9a-f]{40}/check-runs$",
       "GET " + commit + "/check-runs",
       "CI Checks",
       "FAIL",
       "",
       true,
       1,
       {},
       gateRow("CI Checks", "PASS")},
      {"combined_status",
       "combined status `GET /repos/{o}/{r}/commits/{sha}/status`",
       "GET",
       "/commits/[0-9a-f]{40}/status$",
       "GET " + commit + "/status",
       "CI Checks",
       "FAIL",
       "",
       true,
       1,
       {},
       gateRow("CI Checks", "PASS")},
      {"actions_jobs",
       "this run's jobs `GET …/actions/runs/{id}/attempts/{n}/jobs`",
       "GET",
       "/actions/runs/[0-9]+/attempts/[0-9]+/jobs$",
       "GET " + kRepo + "/actions/runs/1000/attempts/1/jobs",
       "",
       "",
       "",
       true,
       1,
       {"cannot list this run's jobs"},
       "excluded (this job and its matrix legs): deploy"},
      {"approvals",
       "approvals `GET …/actions/runs/{id}/approvals`",
       "GET",
       "/actions/runs/[0-9]+/approvals$",
       "GET " + kRepo + "/actions/runs/1000/approvals",
       "User Confirmation",
       "FAIL",
       "approvals unreadable: ",
       false,
       1,
       {"cannot read this run's approvals"},
       gateRow("User Confirmation", "CONFIRMED")},
      {"blocker_issues",
       "blocker PRs `GET /repos/{o}/{r}/issues?labels=…`",
       "GET",
       "^/repos/octo/shop/issues$",
       "GET " + kRepo + "/issues",
       "Blocker PRs",
       "FAIL",
       "",
       false,
       1,
       {},
       gateRow("Blocker PRs", "PASS")},
      {"repository",
       "default branch `GET /repos/{o}/{r}`",
       "GET",
       "^/repos/octo/shop$",
       "GET " + kRepo + ":",
       "Default Branch",
       "FAIL",
       "",
       false,
       1,
       {},
       gateRow("Default Branch", "PASS")},
      {"compare",
       "compare `GET /repos/{o}/{r}/compare/{main}...{sha}`",
       "GET",
       "/compare/",
       "GET " + kRepo + "/compare/main..." + kSha,
       "Default Branch",
       "FAIL",
       "",
       false,
       1,
       {},
       gateRow("Default Branch", "PASS")},
      {"deployments_list",
       "deployments list `GET /repos/{o}/{r}/deployments`",
       "GET",
       "^/repos/octo/shop/deployments$",
       "GET " + kRepo + "/deployments",
       "Promotion Chain",
       "FAIL",
       "cannot read the staging deployments: ",
       false,
       1,
       {},
       gateRow("Promotion Chain", "PASS")},
      {"deployment_statuses_list",
       "deployment statuses list `GET …/deployments/{id}/statuses`",
       "GET",
       "/deployments/[0-9]+/statuses$",
       "GET " + kRepo + "/deployments/501/statuses",
       "Promotion Chain",
       "FAIL",
       "cannot read the staging deployments: ",
       false,
       1,
       {},
       gateRow("Promotion Chain", "PASS")},
      {"deployment_create",
       "create deployment `POST /repos/{o}/{r}/deployments`",
       "POST",
       "^/repos/octo/shop/deployments$",
       "POST " + kRepo + "/deployments",
       "",
       "",
       "",
       false,
       1,
       {},
       "**GitHub deployment**"},
      {"deployment_status_create",
       "create deployment status `POST …/deployments/{id}/statuses`",
       "POST",
       "/deployments/[0-9]+/statuses$",
       "POST " + kRepo + "/deployments/",
       "",
       "",
       "",
       false,
       2,
       {"could not record the deployment start", "could not record the deploy in the ledger"},
       "**GitHub deployment**"},
  };
}

// The refusal when this run's deployment, its claim, cannot be created.
const std::string kUnclaimed =
    "cannot tell whether another deploy to prod is in progress: this run's deployment, its claim "
    "on prod, could not be created (";

HttpFault rule(const Endpoint& endpoint, HttpFaultKind kind, ServerResponse response = {},
               int times = -1) {
  HttpFault fault;
  fault.method = endpoint.method;
  fault.path = endpoint.path;
  fault.kind = kind;
  fault.response = std::move(response);
  fault.times = times;
  return fault;
}

std::vector<GhFault> faults() {
  using K = HttpFaultKind;
  return {
      {"connection_refused", "connection refused (every attempt)", Retry::Persistent,
       [](const Endpoint& e) { return rule(e, K::Refused); }, "connection refused", "", ""},
      {"hang", "hang past the 30 s request deadline (every attempt)", Retry::Persistent,
       [](const Endpoint& e) { return rule(e, K::Serve, hang()); }, "no answer within 30s", "", ""},
      {"http_500", "500 (every attempt)", Retry::Persistent,
       [](const Endpoint& e) {
         return rule(e, K::Serve, status(500, R"({"message":"Server Error"})"));
       },
       "500 Internal Server Error", "", ""},
      {"http_502_once", "502 with an HTML body, once", Retry::Once,
       [](const Endpoint& e) { return rule(e, K::Serve, FakeGithub::badGateway(), 1); }, "", "1s",
       "back-off 1 s × jitter 0.5–1.5"},
      {"http_503", "503 (every attempt)", Retry::Persistent,
       [](const Endpoint& e) {
         return rule(e, K::Serve, status(503, R"({"message":"Service Unavailable"})"));
       },
       "503 Service Unavailable", "", ""},
      {"http_429_once", "429 without headers (secondary limit), once", Retry::Once,
       [](const Endpoint& e) {
         return rule(e, K::Serve, status(429, R"({"message":"Too Many Requests"})"), 1);
       },
       "", "68s", "a bare 429 is a secondary limit: at least 60 s, plus up to 25 % jitter"},
      {"primary_rate_limit_403", "403 primary rate limit, resets in 1 h", Retry::Final,
       [](const Endpoint& e) {
         return rule(e, K::Serve, FakeGithub::primaryRateLimit(kClockEpoch + 3600));
       },
       "primary rate limit exhausted; it resets at 2026-04-03T22:30:00Z", "", ""},
      {"primary_rate_limit_403_resets_soon_once", "403 primary rate limit resetting in 30 s, once",
       Retry::Once,
       [](const Endpoint& e) {
         return rule(e, K::Serve, FakeGithub::primaryRateLimit(kClockEpoch + 30), 1);
       },
       "", "31s", "until x-ratelimit-reset, + 1 s"},
      {"secondary_rate_limit_403_once", "403 secondary rate limit (retry-after 30), once",
       Retry::Once,
       [](const Endpoint& e) { return rule(e, K::Serve, FakeGithub::secondaryRateLimit(30), 1); },
       "", "30s", "retry-after"},
      {"truncated_json", "200 with truncated JSON (every attempt)", Retry::Persistent,
       [](const Endpoint& e) { return rule(e, K::Serve, FakeGithub::malformedJson()); },
       "with malformed JSON", "", ""},
      {"truncated_json_once", "200 with truncated JSON, once", Retry::Once,
       [](const Endpoint& e) { return rule(e, K::Serve, FakeGithub::malformedJson(), 1); }, "",
       "1s", "back-off 1 s × jitter 0.5–1.5: a broken 200 is retried like a 502"},
      {"applied_then_502_once", "applied by GitHub, but the answer is lost (a 502), once",
       Retry::Once,
       [](const Endpoint& e) { return rule(e, K::AppliedThenLost, FakeGithub::badGateway(), 1); },
       "", "1s", "back-off 1 s × jitter 0.5–1.5", true},
      {"oversized_body", "200 with a 9 MiB body (limit 8 MiB)", Retry::Final,
       [](const Endpoint& e) { return rule(e, K::Serve, oversized((8U << 20) + (1U << 20))); },
       "response body larger than 8388608 bytes", "", ""},
      {"tls_failure", "TLS: self-signed certificate", Retry::Final,
       [](const Endpoint& e) { return rule(e, K::Tls); }, "self-signed certificate", "", ""},
      {"redirect_loop", "302 to itself (a redirect loop if followed)", Retry::Final,
       [](const Endpoint& e) {
         return rule(e, K::Serve, redirectTo("http://127.0.0.1/redirect-loop" + e.id));
       },
       ": 302 ", "", ""},
  };
}

int attemptsPerCall(const GhFault& fault, const Endpoint& endpoint) {
  if (fault.retry == Retry::Once || fault.retry == Retry::Final) return 1;
  // A hang costs 30 s an attempt: the 2-minute budget allows 4 attempts, ci-timeout all 5.
  if (fault.id == "hang" && !endpoint.ciDeadline) return 4;
  return 5;
}

int expectedHits(const GhFault& fault, const Endpoint& endpoint) {
  if (fault.retry == Retry::Once) return 1;
  return attemptsPerCall(fault, endpoint) * endpoint.callsWhenFailing;
}

std::string retriedText(const GhFault& fault, const Endpoint& endpoint) {
  if (fault.applied) {
    const std::string look = endpoint.id == "deployment_create"
                                 ? "GET …/deployments?sha={sha}&environment=prod"
                                 : "GET …/deployments/{id}/statuses";
    return "no: after " + fault.wait + " (" + fault.why + ") it looks for what the lost " +
           "request created (`" + look + "`), finds it and uses it";
  }
  if (fault.retry == Retry::Once) {
    return "yes: waits " + fault.wait + " (" + fault.why + "), then succeeds";
  }
  const int attempts = attemptsPerCall(fault, endpoint);
  std::string text =
      attempts == 1 ? "no: 1 request" : "yes: " + std::to_string(attempts) + " attempts";
  if (endpoint.callsWhenFailing > 1)
    text += " per call, " + std::to_string(endpoint.callsWhenFailing) + " calls";
  if (fault.id == "hang" && attempts == 4) text += " (then the 2-minute budget is spent)";
  return text;
}

Outcome expectedOutcome(const GhFault& fault, const Endpoint& endpoint) {
  Outcome outcome;
  if (fault.retry == Retry::Once) {
    outcome.exit = 0;
    outcome.status = "SUCCESS";
    outcome.receipt = {endpoint.passNote};
    outcome.log = {"waiting " + fault.wait + " before retrying"};
    if (fault.applied) outcome.log.push_back("it was applied; using what it created");
    return outcome;
  }
  if (endpoint.id == "deployment_create") {  // no claim, so no deploy: others could not see it
    outcome.exit = 1;
    outcome.status = "FAILED";
    outcome.receipt = {"- **Failed step**: deploy lock", kUnclaimed + endpoint.shown, fault.says,
                       "**Deployed at**: not deployed"};
    outcome.notInReceipt = {"**GitHub deployment**"};
    outcome.log = {"::error title=Cannot tell whether another deploy is in progress::"};
    return outcome;
  }
  if (endpoint.gate.empty()) {
    outcome.exit = 0;
    outcome.status = "SUCCESS";
    outcome.receipt = {endpoint.passNote};
    if (endpoint.id == "deployment_status_create") outcome.receipt.clear();
    outcome.log = endpoint.warnings;
    outcome.log.push_back(endpoint.shown);
    outcome.log.push_back(fault.says);
    return outcome;
  }
  outcome.exit = 1;
  outcome.status = "FAILED";
  outcome.receipt = {
      gateRow(endpoint.gate, endpoint.gateStatus) + " " + endpoint.notePrefix + endpoint.shown,
      fault.says, "**Deployed at**: not deployed"};
  outcome.log = endpoint.warnings;
  return outcome;
}

// The request as the table shows it: "GET …/commits/{sha}/check-runs".
std::string brief(std::string shown) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{kSha, "{sha}"},
                                 std::pair<std::string, std::string>{kRepo, "…"}}) {
    for (auto at = shown.find(from); at != std::string::npos; at = shown.find(from, at)) {
      shown.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return shown;
}

std::string receiptText(const GhFault& fault, const Endpoint& endpoint) {
  const std::string says = fault.id == "redirect_loop" ? "302 …" : fault.says;
  if (fault.applied && endpoint.id == "deployment_create") {
    return "SUCCESS; one GitHub deployment, not two (its payload carries this attempt's marker)";
  }
  if (fault.applied) return "SUCCESS; the `in_progress` status once, not twice";
  if (fault.retry == Retry::Once) return "SUCCESS; nothing about the retry (the log has it)";
  if (endpoint.id == "actions_jobs") {
    return "SUCCESS; CI Checks PASS, this job still excluded by its details_url; debug line "
           "`CI: cannot list this run's jobs (" +
           brief(endpoint.shown) + "…: " + says + ")`";
  }
  if (endpoint.id == "deployment_create") {
    return "FAILED at deploy lock: `" + kUnclaimed + brief(endpoint.shown) + "…: " + says +
           ")`; not deployed (without its claim, other runs could not see this deploy)";
  }
  if (endpoint.gate.empty()) {
    return "SUCCESS; log: " + joinNeedles(endpoint.warnings) + ": `" + brief(endpoint.shown) +
           "…: " + says + "`";
  }
  const bool last = endpoint.gate == "User Confirmation";  // no gate after it to skip
  return endpoint.gate + " FAIL: `" + endpoint.notePrefix + brief(endpoint.shown) + "…: " + says +
         (last ? "`; not deployed" : "`; later gates SKIPPED; not deployed");
}

void runRow(const Endpoint& endpoint, const GhFault& fault, Verdict& verdict) {
  FaultRun run(RunMode::Github);
  run.withoutOptionalCommands();
  // A failed jobs list is a debug line (the gate then goes by details_url): show debug lines.
  if (endpoint.id == "actions_jobs") run.env.values["RUNNER_DEBUG"] = "1";
  const std::size_t rule = run.http.add(fault.make(endpoint));
  const int exitCode = run.run();
  const Outcome expected = expectedOutcome(fault, endpoint);
  checkOutcome(run, exitCode, expected, verdict);
  const int hits = run.http.hits(rule);
  verdict.expect(hits == expectedHits(fault, endpoint),
                 "requests to the faulty endpoint: " + std::to_string(hits) + ", expected " +
                     std::to_string(expectedHits(fault, endpoint)));
  // Whatever happened, the runner got its outputs and the receipt went up as the artifact.
  verdict.expect(contains(run.outputs(), "\n" + expected.status + "\n"),
                 "status output:\n" + run.outputs());
  const auto artifact = run.results->artifact(kArtifactName);
  verdict.expect(artifact && artifact->finalized, "the receipt uploaded as the artifact");
  if (!fault.applied) return;
  // Looked before re-creating: one deployment of this commit to prod, one in_progress status.
  int prodDeployments = 0;
  int inProgress = 0;
  for (const GhDeployment& deployment : run.github->state().deployments) {
    if (deployment.environment != "prod" || deployment.sha != kSha) continue;  // this run's
    ++prodDeployments;
    for (const GhDeploymentStatus& each : deployment.statuses) {
      if (each.state == "in_progress") ++inProgress;
    }
  }
  verdict.expect(prodDeployments == 1,
                 "prod deployments created: " + std::to_string(prodDeployments) + ", expected 1");
  verdict.expect(inProgress == 1,
                 "in_progress statuses: " + std::to_string(inProgress) + ", expected 1");
}

std::vector<MatrixCase> cases() {
  std::vector<MatrixCase> all;
  for (const Endpoint& endpoint : endpoints()) {
    for (const GhFault& fault : faults()) {
      if (fault.applied && endpoint.method != "POST") continue;  // a GET changes nothing
      const Outcome outcome = expectedOutcome(fault, endpoint);
      MatrixRow row{
          endpoint.id + "__" + fault.id, "GitHub " + endpoint.call, fault.label,
          retriedText(fault, endpoint),  resultText(outcome),       receiptText(fault, endpoint)};
      all.push_back(MatrixCase{
          row, [endpoint, fault](Verdict& verdict) { runRow(endpoint, fault, verdict); }, 0});
    }
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github)

const MatrixRegistrar kGithubRows("github", cases(), __FILE__, __LINE__);

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
