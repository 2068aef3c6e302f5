// fake_services: the loopback fakes of GitHub's REST API, the Actions results service (with its
// blob endpoint) and the deployed app's health endpoint, as one process for the benchmark.
// Each sits behind a Meter that counts requests and bytes per endpoint; the check-run pages are
// composed once before it reports ready (PageCache), so the fake's O(N)-per-page work stays out
// of factory-deploy's wall time. It writes
// <dir>/ready.env (the URLs and the runtime token, as shell assignments) once it listens, and
// <dir>/requests.json and <dir>/requests.tsv when it gets SIGTERM or SIGINT.
//
//   fake_services --dir DIR --sha SHA --previous-sha SHA [--code-sha SHA] [--check-runs N]
//                 [--pending-polls K] [--run-id ID] [--token TOKEN]
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "meter.hpp"
#include "page_cache.hpp"
#include "scenario.hpp"
#include "support/fake_github.hpp"
#include "support/fake_results.hpp"
#include "support/loopback_server.hpp"

namespace fd::bench {

namespace {

struct Options {
  std::string dir;
  Scenario scenario;
};

int usage(const std::string& problem) {
  std::cerr << "fake_services: " << problem
            << "\nusage: fake_services --dir DIR --sha SHA --previous-sha SHA [--code-sha SHA]"
               " [--check-runs N] [--pending-polls K] [--run-id ID] [--token TOKEN]\n";
  return 2;
}

bool parse(int argc, char** argv, Options& options, std::string& problem) {
  std::map<std::string, std::string> values;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) {
      problem = "expected --flag value, got " + flag;
      return false;
    }
    values[flag.substr(2)] = argv[++i];
  }
  for (const char* required : {"dir", "sha", "previous-sha"}) {
    if (values.count(required) == 0) {
      problem = std::string("--") + required + " is required";
      return false;
    }
  }
  options.dir = values["dir"];
  Scenario& s = options.scenario;
  s.sha = values["sha"];
  s.previousSha = values["previous-sha"];
  if (values.count("code-sha")) s.codeSha = values["code-sha"];
  s.token = values.count("token") ? values["token"] : "ghs_benchToken0123456789abcdef";
  if (values.count("run-id")) s.runId = values["run-id"];
  try {
    if (values.count("check-runs")) s.checkRuns = std::stoi(values["check-runs"]);
    if (values.count("pending-polls")) s.pendingPolls = std::stoi(values["pending-polls"]);
  } catch (const std::exception&) {
    problem = "--check-runs and --pending-polls take whole numbers";
    return false;
  }
  if (s.checkRuns < 2 || s.pendingPolls < 0) {
    problem = "--check-runs must be at least 2 and --pending-polls at least 0";
    return false;
  }
  return true;
}

// Written to a temporary name and renamed, so a reader never sees half of it.
void writeAtomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path partial = path.string() + ".partial";
  std::ofstream(partial) << text;
  std::filesystem::rename(partial, path);
}

void writeCounts(rapidjson::PrettyWriter<rapidjson::StringBuffer>& json,
                 const std::map<std::string, EndpointCount>& counts) {
  json.StartObject();
  for (const auto& [endpoint, count] : counts) {
    json.Key(endpoint.c_str());
    json.StartObject();
    json.Key("requests");
    json.Int64(count.requests);
    json.Key("statuses");
    json.StartObject();
    for (const auto& [status, times] : count.statuses) {
      json.Key(std::to_string(status).c_str());
      json.Int64(times);
    }
    json.EndObject();
    json.Key("request_bytes");
    json.Int64(count.requestBytes);
    json.Key("response_bytes");
    json.Int64(count.responseBytes);
    json.EndObject();
  }
  json.EndObject();
}

std::string summaryJson(const Scenario& scenario, const std::vector<const Meter*>& meters) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("check_runs");
  json.Int(scenario.checkRuns);
  json.Key("pages");
  json.Int(scenario.pages());
  json.Key("pending_polls");
  json.Int(scenario.pendingPolls);
  json.Key("check_run_pages_answered_from_cache");
  json.Int64(meters.front()->cacheHits());
  EndpointCount total;
  json.Key("services");
  json.StartObject();
  for (const Meter* meter : meters) {
    const auto counts = meter->counts();
    json.Key(meter->name().c_str());
    writeCounts(json, counts);
    for (const auto& [endpoint, count] : counts) {
      total.requests += count.requests;
      total.requestBytes += count.requestBytes;
      total.responseBytes += count.responseBytes;
    }
  }
  json.EndObject();
  json.Key("total");
  json.StartObject();
  json.Key("requests");
  json.Int64(total.requests);
  json.Key("request_bytes");
  json.Int64(total.requestBytes);
  json.Key("response_bytes");
  json.Int64(total.responseBytes);
  json.EndObject();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// service <TAB> endpoint <TAB> requests <TAB> status×count … <TAB> bytes in <TAB> bytes out
std::string summaryTable(const std::vector<const Meter*>& meters) {
  std::string table;
  for (const Meter* meter : meters) {
    for (const auto& [endpoint, count] : meter->counts()) {
      std::string statuses;
      for (const auto& [status, times] : count.statuses) {
        if (!statuses.empty()) statuses += ' ';
        statuses += std::to_string(status) + "x" + std::to_string(times);
      }
      for (const std::string& cell : {meter->name(), endpoint, std::to_string(count.requests),
                                      statuses, std::to_string(count.requestBytes)}) {
        table.append(cell).append("\t");
      }
      table.append(std::to_string(count.responseBytes)).append("\n");
    }
  }
  return table;
}

// The deployed app: every path answers 200 with the deployed version.
test::ServerResponse appAnswer(const std::string& sha) {
  test::ServerResponse response;
  response.body = "{\"status\":\"ok\",\"version\":\"" + sha + "\"}";
  return response;
}

int run(const Options& options) {
  // Threads started from here on inherit the mask: only sigwait below sees these signals.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  for (const int signal : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stopSignals, signal);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  const std::filesystem::path dir(options.dir);
  std::filesystem::create_directories(dir);
  // The fake GitHub keeps every body it serves as an OpenAPI fixture; keep them in the run's
  // directory (it empties that directory on start).
  ::setenv("FD_GITHUB_FIXTURES", (dir / "github-fixtures").c_str(), 1);

  const Scenario& scenario = options.scenario;
  test::FakeGithub github;
  seedGithub(github, scenario);
  PageCache pages;
  PendingCheck pending(github, scenario, pages);
  test::FakeResultsService results;
  test::LoopbackServer app(
      [sha = scenario.sha](const test::ServerRequest&) { return appAnswer(sha); });

  Meter githubMeter(
      "github", github.apiUrl(),
      [&pending](const test::ServerRequest& request, int status) { pending(request, status); });
  githubMeter.useCache(pages, "/check-runs");
  for (const std::string& uri : checkRunPages(scenario)) {
    const test::ServerResponse answer =
        githubMeter.warm(uri, {{"Authorization", "Bearer " + scenario.token}});
    if (answer.status != 200) {
      throw std::runtime_error("the fake GitHub answered " + std::to_string(answer.status) +
                               " to " + uri);
    }
  }
  Meter resultsMeter("results", results.resultsUrl());
  Meter appMeter("app", app.url());

  writeAtomically(dir / "ready.env", "FD_BENCH_API_URL=" + githubMeter.url() +
                                         "\nFD_BENCH_RESULTS_URL=" + resultsMeter.url() +
                                         "/\nFD_BENCH_RUNTIME_TOKEN=" + results.token() +
                                         "\nFD_BENCH_APP_URL=" + appMeter.url() +
                                         "\nFD_BENCH_PAGES=" + std::to_string(scenario.pages()) +
                                         "\nFD_BENCH_PID=" + std::to_string(::getpid()) + "\n");

  int received = 0;
  sigwait(&stopSignals, &received);

  const std::vector<const Meter*> meters{&githubMeter, &resultsMeter, &appMeter};
  writeAtomically(dir / "requests.json", summaryJson(scenario, meters));
  writeAtomically(dir / "requests.tsv", summaryTable(meters));
  for (const std::string& rejection : results.rejections()) {
    std::cerr << "fake_services: the results service refused " << rejection << "\n";
  }
  return results.rejections().empty() ? 0 : 1;
}

}  // namespace

}  // namespace fd::bench

int main(int argc, char** argv) {
  fd::bench::Options options;
  std::string problem;
  if (!fd::bench::parse(argc, argv, options, problem)) return fd::bench::usage(problem);
  try {
    return fd::bench::run(options);
  } catch (const std::exception& error) {
    std::cerr << "fake_services: " << error.what() << "\n";
    return 1;
  }
}
