// Fault matrix, verification: the health endpoint and an HTTP smoke test (`/cart`) × every fault,
// in a local prod run. The faulty release stays faulty until the rollback command runs (it
// "restores" the previous version), as when a broken release is deployed. Expected
// (docs/VERIFY.md): the health check retries everything until its deadline (5 s here, with a
// 1 s interval), needs the exact status and, with expect_version, the deployed SHA in the body;
// a redirect is not followed; a smoke test is one request, never retried. A prod verification
// failure rolls back at once and checks health again: ROLLED BACK, exit 3, with every attempt in
// the receipt's tables.
#include <boost/test/unit_test.hpp>

#include "faults/checks.hpp"

namespace fd::test {

namespace {

struct VerifyFault {
  std::string id;
  std::string label;
  HttpFaultKind kind = HttpFaultKind::Serve;
  ServerResponse response;
  bool once = false;
  std::string healthRow;   // how the health table shows an attempt
  std::string smokeNote;   // how the smoke table shows the test
  int healthAttempts = 5;  // faulty attempts before the deadline
};

std::vector<VerifyFault> faults() {
  using K = HttpFaultKind;
  const std::string body = R"({"error":"fault"})";
  return {
      {"connection_refused",
       "connection refused (until the rollback)",
       K::Refused,
       {},
       false,
       "| /health | connection refused — ×5",
       "GET /cart: connection refused",
       5},
      {"connection_refused_once",
       "connection refused, once (the app is still starting)",
       K::Refused,
       {},
       true,
       "| /health | connection refused — attempt 1 |",
       "",
       1},
      {"hang", "hang past the request deadline (until the rollback)", K::Serve, hang(), false,
       "| /health | timeout — attempt 1: no answer within 5s",
       "GET /cart: timeout (no answer within 30s)", 1},
      {"http_500", "500 (until the rollback)", K::Serve, status(500, body), false,
       "| /health | 500 — ×5", "expected 200, got 500", 5},
      {"http_502_once", "502, once", K::Serve, FakeGithub::badGateway(), true,
       "| /health | 502 — attempt 1 |", "expected 200, got 502", 1},
      {"http_503", "503 (until the rollback)", K::Serve, status(503, body), false,
       "| /health | 503 — ×5", "expected 200, got 503", 5},
      {"http_429", "429 (until the rollback)", K::Serve, status(429, body), false,
       "| /health | 429 — ×5", "expected 200, got 429", 5},
      {"http_403", "403 (until the rollback)", K::Serve, status(403, body), false,
       "| /health | 403 — ×5", "expected 200, got 403", 5},
      {"truncated_json", "200 with truncated JSON (until the rollback)", K::Serve,
       status(200, R"({"status":"ok","vers)"), false,
       "| /health | 200 — ×5, attempts 1–5: body is not a JSON object with a \"version\"",
       "but the body does not contain", 5},
      {"oversized_body", "200 with a body over the limit (5 MiB)", K::Serve, oversized(5U << 20),
       false, "| /health | body too large — ×5",
       "GET /cart: body too large (response body larger than 4194304 bytes)", 5},
      {"tls_failure",
       "TLS: self-signed certificate (until the rollback)",
       K::Tls,
       {},
       false,
       "| /health | TLS error — ×5, attempts 1–5: self-signed certificate",
       "GET /cart: TLS error (self-signed certificate)",
       5},
      {"tls_failure_once",
       "TLS: self-signed certificate, once",
       K::Tls,
       {},
       true,
       "| /health | TLS error — attempt 1: self-signed certificate",
       "",
       1},
      {"redirect_loop",
       "302 to itself (until the rollback)",
       K::Serve,
       {},
       false,
       "| /health | 302 — ×5, attempts 1–5: redirect to /health, not followed",
       "expected 200, got 302 in",
       5},
  };
}

ServerResponse answerFor(const VerifyFault& fault, const std::string& path) {
  if (fault.id == "redirect_loop") return redirectTo(path);
  return fault.response;
}

void runRow(const VerifyFault& fault, const std::string& path, Verdict& verdict) {
  FaultRun run;
  HttpFault rule;
  rule.method = "GET";
  rule.path = "^" + path + "$";
  rule.kind = fault.kind;
  rule.response = answerFor(fault, path);
  rule.times = fault.once ? 1 : -1;
  rule.active = [&run] { return !run.rolledBack(); };
  const std::size_t index = run.http.add(rule);
  const int exitCode = run.run();

  const bool health = path == "/health";
  const bool recovers = health && fault.once;
  Outcome expected;
  expected.exit = recovers ? 0 : 3;
  expected.status = recovers ? "SUCCESS" : "ROLLED BACK";
  if (health) {
    expected.receipt = {fault.healthRow};
    if (!recovers) {
      expected.receipt.push_back(
          "**Failure reason**: health check failed: /health did not return 200");
      expected.receipt.push_back("after rollback");
      expected.receipt.push_back("**Rollback performed**: YES");
      // No smoke tests on an unhealthy release.
      expected.receipt.push_back("## Smoke Tests\n\n_(Not run: the health check failed.)_");
    } else {
      expected.receipt.push_back("| cart | PASS |");
    }
  } else {
    expected.receipt = {"| cart | FAIL | ", fault.smokeNote,
                        "**Failure reason**: smoke tests failed: cart",
                        "**Rollback performed**: YES", "after rollback"};
  }
  checkOutcome(run, exitCode, expected, verdict);
  const int hits = run.http.hits(index);
  const int wanted = health ? fault.healthAttempts : 1;
  verdict.expect(hits == wanted, path + " requests that met the fault: " + std::to_string(hits) +
                                     ", expected " + std::to_string(wanted));
  verdict.expect(run.rolledBack() == !recovers, "the rollback ran only for a failed release");
}

std::string healthRetried(const VerifyFault& fault) {
  if (fault.once) return "yes: the next attempt passes";
  if (fault.healthAttempts == 1)
    return "the one attempt uses the whole 5 s (never past the deadline)";
  return "yes: every 1 s until the 5 s deadline (" + std::to_string(fault.healthAttempts) +
         " attempts)";
}

std::vector<MatrixCase> cases() {
  std::vector<MatrixCase> all;
  for (const VerifyFault& fault : faults()) {
    const bool recovers = fault.once;
    all.push_back(MatrixCase{
        {"health__" + fault.id, "health endpoint `GET <url>/health` (prod)", fault.label,
         healthRetried(fault), recovers ? "SUCCESS, exit 0" : "ROLLED BACK, exit 3",
         recovers ? "Health Checks rows: the failed attempt (`" + fault.healthRow +
                        "`), then 200; smoke tests run"
                  : "Health Checks rows `" + fault.healthRow +
                        "` then `200 — after rollback`; failure reason `health check failed: "
                        "/health did not return 200 …`; Rollback performed YES"},
        [fault](Verdict& verdict) { runRow(fault, "/health", verdict); },
        // Once a bug: after an attempt that hung until the deadline, a second attempt started
        // with no time left; the probe now decides from the current time.
        0U});
  }
  for (const VerifyFault& fault : faults()) {
    // One request, never retried: "once" is the same as "every attempt" (one 502 row shows it).
    if (fault.id == "connection_refused_once" || fault.id == "tls_failure_once") continue;
    all.push_back(
        MatrixCase{{"smoke_http__" + fault.id, "smoke test `GET <url>/cart` (prod)", fault.label,
                    "no: 1 request", "ROLLED BACK, exit 3",
                    "Smoke Tests row `| cart | FAIL | " + fault.smokeNote +
                        "…`; failure reason `smoke tests failed: cart`; health after rollback 200"},
                   [fault](Verdict& verdict) { runRow(fault, "/cart", verdict); },
                   0});
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verify)

const MatrixRegistrar kVerifyRows("verify", cases(), __FILE__, __LINE__);

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
