#include "deploy/smoke_tests.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "deploy/excerpt.hpp"
#include "deploy/http_failure.hpp"
#include "deploy/url_join.hpp"

namespace fd {

namespace {

constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr std::size_t kMaxSmokeBody = 4 << 20;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// Masked first (with a masker), so the cut cannot leave part of a secret.
std::string shown(const std::string& text, const SecretMasker* masker, std::size_t maxChars = 80) {
  return excerpt(masker != nullptr ? masker->mask(text) : text, maxChars);
}

std::string displayName(const SmokeTest& test, const SecretMasker* masker) {
  if (!test.name.empty()) return test.name;
  if (test.isCommand()) return shown(test.command, masker, 60);
  return upper(test.method.empty() ? "GET" : test.method) + " " + test.path;
}

std::string inMs(const HttpResponse& response) {
  return std::to_string(response.elapsed.count()) + " ms";
}

std::string seconds(std::chrono::milliseconds duration) {
  const long long tenths = duration.count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "s";
}

SmokeRow runHttpTest(const SmokeTest& test, const std::string& baseUrl, HttpClient& http,
                     const SecretMasker* masker) {
  SmokeRow row;
  row.test = displayName(test, masker);
  HttpRequest request;
  request.method = upper(test.method.empty() ? "GET" : test.method);
  request.url = joinUrl(baseUrl, test.path.empty() ? "/" : test.path);
  request.timeout = kRequestTimeout;
  request.maxBodyBytes = kMaxSmokeBody;
  const Result<HttpResponse> response = http.send(request);
  if (!response.ok()) {
    const std::string detail = httpFailureDetail(response.error());
    row.notes = request.method + " " + test.path + ": " + httpFailureStatus(response.error()) +
                (detail.empty() ? "" : " (" + detail + ")");
    return row;
  }
  const std::string got = std::to_string(response->status) + " in " + inMs(*response);
  if (response->status != test.expectStatus) {
    row.notes = "expected " + std::to_string(test.expectStatus) + ", got " + got;
    if (auto location = response->header("Location"); location && response->status / 100 == 3) {
      row.notes += ", redirect to " + shown(*location, masker) + " not followed";
    }
    return row;
  }
  const std::string wanted = excerpt(test.expectBodyContains, 60);
  if (!test.expectBodyContains.empty() &&
      response->body.find(test.expectBodyContains) == std::string::npos) {
    row.notes = got + ", but the body does not contain \"" + wanted + "\"";
    return row;
  }
  row.passed = true;
  row.notes = got;
  if (!test.expectBodyContains.empty()) row.notes += ", body contains \"" + wanted + "\"";
  return row;
}

std::string lastLine(const std::vector<std::string>& tail) {
  const auto found = std::find_if(tail.rbegin(), tail.rend(), [](const std::string& line) {
    return line.find_first_not_of(" \t") != std::string::npos;
  });
  return found == tail.rend() ? "" : *found;
}

SmokeRow runCommandTest(const SmokeTest& test, const SmokeCommandRunner& runCommand,
                        const SecretMasker* masker) {
  SmokeRow row;
  row.test = displayName(test, masker);
  const CommandResult result = runCommand(row.test, test.command);
  row.passed = result.succeeded();
  row.notes = describeCommandEnd(result);
  if (!result.timedOut) row.notes += " in " + seconds(result.duration);
  // The tail comes from the pipeline's runner, which masks secrets before they reach it.
  const std::string last = lastLine(result.tail);
  if (!row.passed && !last.empty()) row.notes += ": " + shown(last, masker, 120);
  return row;
}

}  // namespace

SmokeOutcome runSmokeTests(const std::vector<SmokeTest>& tests, const std::string& baseUrl,
                           HttpClient& http, const SmokeCommandRunner& runCommand,
                           const SecretMasker* masker) {
  SmokeOutcome outcome;
  for (const SmokeTest& test : tests) {  // every test runs: the receipt shows all failures
    SmokeRow row = test.isCommand() ? runCommandTest(test, runCommand, masker)
                                    : runHttpTest(test, baseUrl, http, masker);
    outcome.passed = outcome.passed && row.passed;
    outcome.rows.push_back(std::move(row));
  }
  return outcome;
}

}  // namespace fd
