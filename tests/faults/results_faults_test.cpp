// Fault matrix, the artifact upload: the results service's CreateArtifact and FinalizeArtifact
// (Twirp) and the blob PUTs to the signed URL, each × every fault, in a GitHub-mode prod run
// that otherwise succeeds. Expected (docs/ACTION.md): the toolkit's retry rule (5 attempts on
// 429/5xx, a body that is not JSON, refused connections and timeouts; other 4xx are final;
// blob PUTs retry 429/5xx and transport failures), and an upload that still fails is never
// fatal: a warning, a note in the receipt and the summary, empty artifact outputs, and the
// deploy's status and exit code unchanged.
//
// Answers are injected with FakeResultsService::failNext; refused connections, TLS failures and
// hangs (cut short, see fault_http.hpp) go through the FaultRouter.
#include <boost/test/unit_test.hpp>

#include "faults/checks.hpp"

namespace fd::test {

namespace {

struct Operation {
  std::string id;
  std::string call;
  std::string op;    // FakeResultsService operation name
  std::string path;  // regex for the router
  std::string method = "POST";
  std::string shown;  // how the failure names the call
  bool blob = false;
};

enum class Kind { Inject, Route };
enum class Retry { Persistent, Once, Final };

struct ResultsFault {
  std::string id;
  std::string label;
  Retry retry;
  Kind kind;
  HttpFaultKind route = HttpFaultKind::Serve;
  std::function<ServerResponse(const Operation&)> answer;
  std::string says;
  bool twirpOnly = false;
  bool blobOnly = false;
};

const std::string kTwirp = "/twirp/github.actions.results.api.v1.ArtifactService/";

std::vector<Operation> operations() {
  return {
      {"create_artifact", "results service `CreateArtifact` (Twirp)", "CreateArtifact",
       kTwirp + "CreateArtifact$", "POST", "CreateArtifact", false},
      {"finalize_artifact", "results service `FinalizeArtifact` (Twirp)", "FinalizeArtifact",
       kTwirp + "FinalizeArtifact$", "POST", "FinalizeArtifact", false},
      {"blob_block", "blob upload `PUT <signed URL>&comp=block`", "block", "^/fake-blob/", "PUT",
       "blob upload (block 1)", true},
      {"blob_block_list", "blob upload `PUT <signed URL>&comp=blocklist`", "blocklist",
       "^/fake-blob/", "PUT", "blob upload (block list)", true},
  };
}

ServerResponse twirpError(int code, const std::string& twirpCode, const std::string& message) {
  return status(code, R"({"code":")" + twirpCode + R"(","msg":")" + message + R"("})");
}

ServerResponse azureError(int code, const std::string& azureCode) {
  ServerResponse response = status(code,
                                   "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" +
                                       azureCode + "</Code><Message>fault</Message></Error>",
                                   "application/xml");
  response.headers = {{"x-ms-error-code", azureCode}};
  return response;
}

std::vector<ResultsFault> faults() {
  using K = HttpFaultKind;
  const auto error = [](int code, const char* twirp, const char* azure) {
    return [=](const Operation& op) {
      return op.blob ? azureError(code, azure) : twirpError(code, twirp, "fault");
    };
  };
  return {
      {"connection_refused", "connection refused (every attempt)", Retry::Persistent, Kind::Route,
       K::Refused, nullptr, "connection refused"},
      {"hang", "hang past the request deadline (every attempt)", Retry::Persistent, Kind::Route,
       K::Serve, [](const Operation&) { return hang(); }, "no answer within"},
      {"http_500", "500 (every attempt)", Retry::Persistent, Kind::Inject, K::Serve,
       error(500, "internal", "InternalError"), "http 500"},
      {"http_502_once", "502 with an HTML body, once", Retry::Once, Kind::Inject, K::Serve,
       [](const Operation&) { return FakeGithub::badGateway(); }, ""},
      {"http_503", "503 (every attempt)", Retry::Persistent, Kind::Inject, K::Serve,
       error(503, "unavailable", "ServerBusy"), "http 503"},
      {"http_429_once", "429, once", Retry::Once, Kind::Inject, K::Serve,
       error(429, "resource_exhausted", "ServerBusy"), ""},
      {"http_403", "403 (permission denied; not a rate limit here)", Retry::Final, Kind::Inject,
       K::Serve, error(403, "permission_denied", "AuthenticationFailed"), "http 403"},
      {"truncated_json", "200 with truncated JSON (every attempt)", Retry::Persistent, Kind::Inject,
       K::Serve,
       [](const Operation&) { return status(200, R"({"ok": true, "signed_upload_url": "htt)"); },
       "body not JSON", true},
      {"dropped_connection", "connection dropped before the answer (every attempt)",
       Retry::Persistent, Kind::Inject, K::Serve,
       [](const Operation&) {
         ServerResponse dropped;
         dropped.dropConnection = true;
         return dropped;
       },
       "without a response", false, true},
      {"oversized_body", "17 MiB body (limit 16 MiB)", Retry::Final, Kind::Inject, K::Serve,
       [](const Operation&) { return oversized((16U << 20) + (1U << 20)); },
       "response body larger than 16777216 bytes"},
      {"tls_failure", "TLS: self-signed certificate", Retry::Final, Kind::Route, K::Tls, nullptr,
       "self-signed certificate"},
      {"redirect_loop", "302 to itself", Retry::Final, Kind::Inject, K::Serve,
       [](const Operation& op) { return redirectTo("/redirect-loop/" + op.id); }, "302"},
  };
}

// A 302 whose body is not JSON is retried by the Twirp rule ("a body that is not JSON").
Retry effectiveRetry(const ResultsFault& fault, const Operation& op) {
  if (fault.id == "redirect_loop" && !op.blob) return Retry::Persistent;
  return fault.retry;
}

int expectedRequests(const ResultsFault& fault, const Operation& op) {
  switch (effectiveRetry(fault, op)) {
    case Retry::Persistent:
      return 5;
    case Retry::Once:
      return 2;
    case Retry::Final:
      return 1;
  }
  return 0;
}

std::string retriedText(const ResultsFault& fault, const Operation& op) {
  switch (effectiveRetry(fault, op)) {
    case Retry::Persistent:
      return fault.id == "redirect_loop" ? "yes: 5 attempts (the body is not JSON)"
                                         : "yes: 5 attempts";
    case Retry::Once:
      return "yes: the next attempt succeeds";
    case Retry::Final:
      return "no: 1 request";
  }
  return "";
}

Outcome expectedOutcome(const ResultsFault& fault, const Operation& op) {
  Outcome outcome;
  outcome.exit = 0;
  outcome.status = "SUCCESS";
  if (fault.retry == Retry::Once) {
    outcome.notInReceipt = {"artifact upload failed"};
    return outcome;
  }
  outcome.receipt = {"artifact upload failed: " + op.shown, fault.says};
  outcome.log = {"::warning title=Artifact upload::artifact upload failed"};
  return outcome;
}

std::string receiptText(const ResultsFault& fault, const Operation& op) {
  if (fault.retry == Retry::Once) return "SUCCESS; the artifact is uploaded";
  return "SUCCESS; note `artifact upload failed: " + op.shown + "…" + fault.says +
         "`, a warning annotation, empty `artifact-id`";
}

void runRow(const Operation& op, const ResultsFault& fault, Verdict& verdict) {
  FaultRun run(RunMode::Github);
  run.withoutOptionalCommands();
  std::optional<std::size_t> rule;
  if (fault.kind == Kind::Route) {
    HttpFault routed;
    routed.method = op.method;
    routed.path = op.path;
    routed.kind = fault.route;
    if (fault.answer) routed.response = fault.answer(op);
    rule = run.http.add(routed);
  } else {
    // Each operation is called once per run: this many answers cover every attempt of it.
    run.results->failNext(op.op, fault.answer(op), expectedRequests(fault, op) == 5 ? 5 : 1);
  }
  const int exitCode = run.run();
  const Outcome expected = expectedOutcome(fault, op);
  checkOutcome(run, exitCode, expected, verdict);

  const int requests = rule ? run.http.hits(*rule) : run.results->count(op.op);
  verdict.expect(requests == expectedRequests(fault, op),
                 op.op + " requests: " + std::to_string(requests) + ", expected " +
                     std::to_string(expectedRequests(fault, op)));
  const auto artifact = run.results->artifact(kArtifactName);
  const bool uploaded = artifact && artifact->finalized;
  const std::string outputs = run.outputs();
  if (fault.retry == Retry::Once) {
    verdict.expect(uploaded, "the artifact uploaded after the retry");
  } else {
    verdict.expect(!uploaded, "no artifact");
    verdict.expect(contains(outputs, "artifact-id<<"), "an empty artifact-id output:\n" + outputs);
  }
  verdict.expect(contains(outputs, "\nSUCCESS\n"), "status output SUCCESS:\n" + outputs);
}

std::vector<MatrixCase> cases() {
  std::vector<MatrixCase> all;
  for (const Operation& op : operations()) {
    for (const ResultsFault& fault : faults()) {
      if ((fault.twirpOnly && op.blob) || (fault.blobOnly && !op.blob)) continue;
      // The router cannot tell the block PUT from the block list PUT: route the first only.
      if (fault.kind == Kind::Route && op.op == "blocklist") continue;
      const Outcome outcome = expectedOutcome(fault, op);
      MatrixRow row{op.id + "__" + fault.id,
                    op.call,
                    fault.label,
                    retriedText(fault, op),
                    resultText(outcome),
                    receiptText(fault, op)};
      all.push_back(
          MatrixCase{row, [op, fault](Verdict& verdict) { runRow(op, fault, verdict); }, 0});
    }
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results)

const MatrixRegistrar kResultsRows("results", cases(), __FILE__, __LINE__);

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
