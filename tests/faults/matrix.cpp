#include "faults/matrix.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>

#include "faults/reaper.hpp"

namespace fd::test {

namespace {

struct Entry {
  std::string suite;
  MatrixRow row;
  bool ran = false;
  Verdict verdict;
  std::string skipped;  // why it could not run here; empty when it was not skipped
};

struct Registry {
  std::mutex mutex;
  std::vector<Entry> entries;

  static Registry& get() {
    static Registry registry;
    return registry;
  }
};

// The order of the sections in docs/RELIABILITY.md.
int suiteRank(const std::string& suite) {
  static const std::vector<std::string> kOrder = {"github", "results", "verify", "commands",
                                                  "files"};
  const auto found = std::find(kOrder.begin(), kOrder.end(), suite);
  return static_cast<int>(found - kOrder.begin());
}

std::string suiteTitle(const std::string& suite) {
  static const std::map<std::string, std::string> kTitles = {
      {"github", "GitHub REST API (GitHub mode, prod) — tests `faults/github/<row>`"},
      {"results",
       "Artifact upload: results service and blob storage (GitHub mode, prod) — "
       "tests `faults/results/<row>`"},
      {"verify",
       "Health endpoint and HTTP smoke test (local mode, prod) — tests "
       "`faults/verify/<row>`"},
      {"commands", "Manifest commands (local mode, prod) — tests `faults/commands/<row>`"},
      {"files",
       "Files written: receipt, state, ledger, runner files — tests "
       "`faults/files/<row>`"}};
  const auto found = kTitles.find(suite);
  return found == kTitles.end() ? suite : found->second;
}

std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

void record(const std::string& suite, const std::string& name, const Verdict& verdict) {
  Registry& registry = Registry::get();
  std::lock_guard lock(registry.mutex);
  for (Entry& entry : registry.entries) {
    if (entry.suite == suite && entry.row.name == name) {
      entry.ran = true;
      entry.verdict = verdict;
    }
  }
}

void recordSkip(const std::string& suite, const std::string& name, const std::string& why) {
  Registry& registry = Registry::get();
  std::lock_guard lock(registry.mutex);
  for (Entry& entry : registry.entries) {
    if (entry.suite == suite && entry.row.name == name) entry.skipped = why;
  }
}

// Prints the counts after the last test; writes the table when FD_FAULT_MATRIX names a file.
struct MatrixReport {
  MatrixReport() = default;
  ~MatrixReport() {
    joinDestroyed();
    Registry& registry = Registry::get();
    std::lock_guard lock(registry.mutex);
    std::vector<const Entry*> ran;
    std::vector<const Entry*> shown;  // ran or skipped: the rows of the table
    for (const Entry& entry : registry.entries) {
      if (entry.ran) ran.push_back(&entry);
      if (entry.ran || !entry.skipped.empty()) shown.push_back(&entry);
    }
    const auto skipped = shown.size() - ran.size();
    std::stable_sort(shown.begin(), shown.end(), [](const Entry* a, const Entry* b) {
      return suiteRank(a->suite) < suiteRank(b->suite);
    });
    const auto survived =
        std::count_if(ran.begin(), ran.end(), [](const Entry* e) { return e->verdict.survived(); });
    const auto lost =
        std::count_if(ran.begin(), ran.end(), [](const Entry* e) { return e->verdict.dataLost(); });
    const auto deviations = std::count_if(
        ran.begin(), ran.end(), [](const Entry* e) { return !e->verdict.deviation().empty(); });
    const std::string counts = "faults tried: " + std::to_string(ran.size()) +
                               ", survived: " + std::to_string(survived) +
                               ", data lost: " + std::to_string(lost) +
                               " (deviations from the spec: " + std::to_string(deviations) + ")" +
                               "; skipped here, not counted: " + std::to_string(skipped);
    std::cout << "fault matrix: " << counts << std::endl;
    const char* out = std::getenv("FD_FAULT_MATRIX");
    if (out == nullptr || *out == '\0') return;
    std::ofstream file(out);
    file << "**" << counts << "**\n";
    std::string suite;
    std::string call;
    for (const Entry* entry : shown) {
      const MatrixRow& row = entry->row;
      if (entry->suite != suite) {
        suite = entry->suite;
        call.clear();
        file << "\n### " << suiteTitle(suite) << "\n";
      }
      if (row.call != call) {
        call = row.call;
        file << "\n#### " << call << "\n\n"
             << "| fault | retried | result | the receipt / log says | survived | test |\n"
             << "|---|---|---|---|---|---|\n";
      }
      const Verdict& seen = entry->verdict;
      std::string verdict = seen.dataLost() ? "**DATA LOST**" : seen.survived() ? "yes" : "**NO**";
      if (!seen.deviation().empty()) verdict += " (deviation: " + seen.deviation() + ")";
      if (!entry->ran) verdict = "skipped here: " + entry->skipped;
      file << "| " << cell(row.fault) << " | " << cell(row.retried) << " | " << cell(row.result)
           << " | " << cell(row.receipt) << " | " << cell(verdict) << " | `" << row.name << "` |\n";
    }
  }
};

}  // namespace

void Verdict::survive(bool ok, const std::string& what) {
  BOOST_TEST(ok, what);
  survived_ = survived_ && ok;
}

void Verdict::expect(bool ok, const std::string& what) {
  BOOST_TEST(ok, what);
  if (!ok && deviation_.empty()) deviation_ = what.substr(0, what.find('\n'));
}

void Verdict::kept(bool ok, const std::string& what) {
  BOOST_TEST(ok, "data lost: " + what);
  lost_ = lost_ || !ok;
  survived_ = survived_ && ok;
}

MatrixRegistrar::MatrixRegistrar(const std::string& suite, const std::vector<MatrixCase>& cases,
                                 const char* file, std::size_t line) {
  namespace ut = boost::unit_test;
  for (const MatrixCase& each : cases) {
    {
      Registry& registry = Registry::get();
      std::lock_guard lock(registry.mutex);
      registry.entries.push_back(Entry{suite, each.row, false, {}});
    }
    const std::string name = each.row.name;
    auto body = each.body;
    ut::test_case* test = ut::make_test_case(
        [suite, name, body] {
          Verdict verdict;
          body(verdict);
          record(suite, name, verdict);
        },
        name, file, line);
    if (each.unavailable) {
      // Boost runs the row only when this holds, and reports it as skipped otherwise.
      auto unavailable = each.unavailable;
      ut::decorator::collector_t::instance() *
          ut::precondition([suite, name, unavailable](ut::test_unit_id) {
            const std::string why = unavailable();
            if (why.empty()) return boost::test_tools::assertion_result(true);
            recordSkip(suite, name, why);
            boost::test_tools::assertion_result skip(false);
            skip.message() << "skipped here: " << why;
            return skip;
          });
    }
    // The registrar object only hands the case to the suite being built; it needs no lifetime.
    ut::ut_detail::auto_test_unit_registrar(test, ut::decorator::collector_t::instance(),
                                            each.expectedFailures);
  }
}

BOOST_TEST_GLOBAL_FIXTURE(MatrixReport);

}  // namespace fd::test
