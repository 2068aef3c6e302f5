// Fault matrix, the files the program writes: the receipt, .factory/state.json, the local
// ledger .factory/deployments.jsonl and the runner's output and summary files, on a full disk
// and on a read-only one. Simulated with FakeFileSystem::failWrites (every write fails) and
// SelectiveFailFs (one file fails), and made real with an immutable directory or file
// (chattr +i), a read-only bind mount and a tiny tmpfs (real_fs_faults.hpp).
//
// Expected (README "Files it writes", docs/RECEIPT.md, finish_step.cpp): the deploy's status
// and exit code do not depend on these writes; a receipt that cannot be written is printed
// whole to the log ("nothing is lost"); the previous receipt is never destroyed (it is archived
// first, or left in place when it cannot be moved); state.json keeps every other key, or stays
// as it was; the ledger's earlier lines stay intact; each failure is a warning naming the file.
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <filesystem>

#include "core/text.hpp"
#include "faults/checks.hpp"
#include "faults/real_fs_faults.hpp"

namespace fd::test {

namespace {

Outcome success() {
  Outcome outcome;
  outcome.exit = 0;
  outcome.status = "SUCCESS";
  return outcome;
}

// ---- the receipt ------------------------------------------------------------------------

void receiptOnFullFakeDisk(Verdict& verdict) {
  FaultRun run(RunMode::Local, FsKind::Fake);
  run.fakeFs.failWrites = true;  // every write, rename and append fails
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot archive the previous receipt",
                  "could not update .factory/state.json",
                  "could not record the deploy in the ledger"};
  checkOutcome(run, exitCode, expected, verdict);
}

void receiptDiskFull(Verdict& verdict) {
  FaultRun run;
  run.fs.failPathsEndingWith("/DEPLOY-RECEIPT.md");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot write the receipt",
                  "No space left on device", "(the previous one is safe in ",
                  "DEPLOY-RECEIPT-2026-04-03T"};
  checkOutcome(run, exitCode, expected, verdict);
  verdict.expect(contains(run.file(".factory/state.json"), "\"completed\""),
                 "state.json still updated");
}

void receiptReadOnly(Verdict& verdict) {
  FaultRun run;
  run.fs.failPathsEndingWith("/DEPLOY-RECEIPT.md");
  run.fs.readOnly = true;
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot archive the previous receipt",
                  "Read-only file system"};
  checkOutcome(run, exitCode, expected, verdict);
  verdict.expect(contains(run.receipt(), kPreviousReceiptMark), "the previous receipt in place");
}

void receiptRealImmutableDirectory(Verdict& verdict) {
  FaultRun run;
  run.useReceiptPath("deploy/DEPLOY-RECEIPT.md");
  const Immutable locked(run.root() + "/deploy");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot archive the previous receipt",
                  "Operation not permitted"};
  checkOutcome(run, exitCode, expected, verdict);
}

void receiptRealReadOnlyMount(Verdict& verdict) {
  FaultRun run;
  run.useReceiptPath("deploy/DEPLOY-RECEIPT.md");
  const ReadOnlyBind readOnly(run.root() + "/deploy");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot archive the previous receipt",
                  "Read-only file system"};
  checkOutcome(run, exitCode, expected, verdict);
}

void receiptRealFullDisk(Verdict& verdict) {
  FaultRun run;
  const TmpfsMount small(run.root() + "/deploy", 8);  // two pages
  run.useReceiptPath("deploy/DEPLOY-RECEIPT.md");
  fillUp(run.root() + "/deploy");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt: cannot write the receipt",
                  "No space left on device", "(the previous one is safe in "};
  checkOutcome(run, exitCode, expected, verdict);
}

void receiptGithubDiskFull(Verdict& verdict) {
  FaultRun run(RunMode::Github);
  run.withoutOptionalCommands();
  run.fs.failPathsEndingWith("/DEPLOY-RECEIPT.md");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.receiptWritten = false;
  expected.log = {"could not write the receipt"};
  checkOutcome(run, exitCode, expected, verdict);
  const auto artifact = run.results->artifact(kArtifactName);
  verdict.kept(artifact && artifact->finalized, "the receipt, uploaded as the artifact");
  const Result<std::string> summary =
      run.posixFs.read(run.env.values["GITHUB_STEP_SUMMARY"], 1 << 20);
  verdict.kept(summary && contains(*summary, "# Deployment Receipt"),
               "the receipt in the job summary");
  verdict.expect(contains(run.outputs(), "\nSUCCESS\n"), "status output:\n" + run.outputs());
}

// ---- .factory/state.json ------------------------------------------------------------------

void stateDiskFull(Verdict& verdict) {
  FaultRun run;
  run.fs.failPathsEndingWith("/.factory/state.json");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"could not record the deploy as in progress",
                  "could not update .factory/state.json", "No space left on device"};
  checkOutcome(run, exitCode, expected, verdict);
  verdict.expect(!contains(run.file(".factory/state.json"), "\"deploy\""),
                 "state.json left as it was");
}

void stateRealImmutable(Verdict& verdict) {
  FaultRun run;
  const Immutable locked(run.root() + "/.factory/state.json");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"could not record the deploy as in progress",
                  "could not update .factory/state.json", "Operation not permitted"};
  checkOutcome(run, exitCode, expected, verdict);
  verdict.expect(!contains(run.file(".factory/state.json"), "\"deploy\""),
                 "state.json left as it was");
}

// ---- .factory/deployments.jsonl -----------------------------------------------------------

void ledgerDiskFull(Verdict& verdict) {
  FaultRun run;
  run.fs.failPathsEndingWith("/.factory/deployments.jsonl");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"could not record the deploy in the ledger", "No space left on device"};
  checkOutcome(run, exitCode, expected, verdict);
}

void ledgerRealImmutable(Verdict& verdict) {
  FaultRun run;
  const Immutable locked(run.root() + "/.factory/deployments.jsonl");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"could not record the deploy in the ledger", "Operation not permitted"};
  checkOutcome(run, exitCode, expected, verdict);
}

// Valid ledger entries for prod at kSha (a line that does not parse does not count).
int readableProdEntries(const std::string& ledger) {
  int found = 0;
  for (const std::string& line : split(ledger, '\n')) {
    rapidjson::Document entry;
    entry.Parse(line.c_str(), line.size());
    if (entry.HasParseError() || !entry.IsObject()) continue;
    const auto field = [&entry](const char* name) {
      return entry.HasMember(name) && entry[name].IsString() ? std::string(entry[name].GetString())
                                                             : std::string();
    };
    if (field("environment") == "prod" && field("sha") == kSha) ++found;
  }
  return found;
}

// Once a bug: PosixFileSystem::append left the part of a line it managed to write when the disk
// filled up mid-write, and the next deploy's ledger line was glued to that fragment. A failed
// append now cuts the file back to its old size.
void ledgerRealFullDiskThenSpaceFreed(Verdict& verdict) {
  FaultRun run;
  const TmpfsMount small(run.root() + "/.factory", 16);  // four pages
  // Re-plant on the tmpfs, the ledger padded so that its page has 40 bytes left.
  run.put(".factory/state.json",
          R"({"project": "shop", "phases": {"qa": {"status": "completed", "note": ")" + kStateMark +
              R"("}}, "custom": {"keep": true}})");
  run.writeManifest();
  std::vector<std::string> lines = {FaultRun::ledgerLine("alpha", kSha),
                                    FaultRun::ledgerLine("staging", kSha),
                                    FaultRun::ledgerLine("prod", kPreviousSha)};
  std::size_t size = 0;
  for (const std::string& line : lines) size += line.size() + 1;
  const std::string padSha(40, '3');
  const std::size_t bare = FaultRun::ledgerLine("alpha", padSha, "").size() + 1;
  lines.push_back(FaultRun::ledgerLine("alpha", padSha, std::string(4096 - 40 - size - bare, 'p')));
  run.plantLedger(lines);
  const std::string filler = fillUp(run.root() + "/.factory");

  const int first = run.run();
  Outcome expected = success();
  expected.log = {"could not record the deploy in the ledger", "No space left on device"};
  checkOutcome(run, first, expected, verdict);

  std::filesystem::remove(filler);  // someone frees space; the next deploy comes
  const int second = run.run();
  verdict.survive(second == 0,
                  "the deploy after the disk was freed: exit " + std::to_string(second));
  const std::string ledger = run.file(".factory/deployments.jsonl");
  verdict.kept(readableProdEntries(ledger) >= 1,
               "the second deploy's ledger line is readable:\n" +
                   ledger.substr(ledger.size() > 600 ? ledger.size() - 600 : 0));
  verdict.kept(run.keptLedger(), "the planted ledger lines");
}

// ---- the runner's files (GitHub mode) -------------------------------------------------------

void runnerFilesDiskFull(Verdict& verdict) {
  FaultRun run(RunMode::Github);
  run.withoutOptionalCommands();
  run.fs.failPathsEndingWith("/runner/output");
  run.fs.failPathsEndingWith("/runner/summary");
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"::warning::job summary (",
                  "::warning::step outputs: ", "No space left on device"};
  checkOutcome(run, exitCode, expected, verdict);
  const auto artifact = run.results->artifact(kArtifactName);
  verdict.expect(artifact && artifact->finalized, "the receipt still uploaded as the artifact");
}

// Whether a GITHUB_OUTPUT file is something the runner accepts: `name=value` lines, and
// `name<<DELIMITER` blocks closed by their delimiter.
bool runnerAccepts(const std::string& outputs) {
  const std::vector<std::string> lines = split(outputs, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) continue;
    const auto heredoc = line.find("<<");
    if (heredoc == std::string::npos) {
      if (line.find('=') == std::string::npos) return false;
      continue;
    }
    const std::string delimiter = line.substr(heredoc + 2);
    std::size_t end = i + 1;
    while (end < lines.size() && lines[end] != delimiter) ++end;
    if (end == lines.size()) return false;
    i = end;
  }
  return true;
}

// Once a bug (same cause as the ledger's): a GITHUB_OUTPUT append cut short by a full
// disk left half a heredoc in the file, which the runner then refused ("Matching delimiter
// not found"), failing the step although the deploy succeeded. Fixed with the ledger.
void runnerOutputRealFullDiskMidWrite(Verdict& verdict) {
  FaultRun run(RunMode::Github);
  run.withoutOptionalCommands();
  const std::string output = run.env.values["GITHUB_OUTPUT"];
  const std::string runner = output.substr(0, output.rfind('/'));
  const TmpfsMount small(runner, 8);  // two pages
  const std::string earlier = "earlier=" + std::string(4096 - 40 - 10, 'x') + "\n";
  (void)run.posixFs.writeAtomic(output, earlier);  // an earlier step's output: 40 bytes left
  fillUp(runner);
  const int exitCode = run.run();
  Outcome expected = success();
  expected.log = {"::warning::step outputs: ", "No space left on device"};
  checkOutcome(run, exitCode, expected, verdict);
  const Result<std::string> written = run.posixFs.read(output, 1 << 20);
  verdict.kept(written && written->rfind(earlier, 0) == 0, "the earlier step's output");
  verdict.expect(written && runnerAccepts(*written),
                 "GITHUB_OUTPUT is left in a form the runner accepts\n" +
                     (written ? written->substr(earlier.size()) : std::string()));
}

struct FileRow {
  MatrixRow row;
  void (*body)(Verdict&);
  bool real = false;
  unsigned expectedFailures = 0;
};

std::vector<FileRow> rows() {
  const std::string inLog =
      "SUCCESS (the deploy's own status); error `could not write the receipt: …; here it is in "
      "full so nothing is lost:` and the whole receipt in the log";
  return {
      {{"receipt__disk_full_every_write", "write `DEPLOY-RECEIPT.md` (and everything else)",
        "disk full: every write fails (FakeFileSystem::failWrites)", "no", "SUCCESS, exit 0",
        inLog + "; the previous receipt stays in place (it could not be archived); state and "
                "ledger warnings; nothing changed on disk"},
       receiptOnFullFakeDisk},
      {{"receipt__disk_full", "write `DEPLOY-RECEIPT.md`", "disk full (ENOSPC on the receipt)",
        "no", "SUCCESS, exit 0",
        inLog + "; the previous receipt is archived first and the error says where it is safe"},
       receiptDiskFull},
      {{"receipt__read_only", "write `DEPLOY-RECEIPT.md`", "read-only (EROFS on the receipt)", "no",
        "SUCCESS, exit 0", inLog + "; the previous receipt stays in place"},
       receiptReadOnly},
      {{"receipt__real_immutable_directory", "write `deploy/DEPLOY-RECEIPT.md`",
        "real: the directory is immutable (`chattr +i`, EPERM)", "no", "SUCCESS, exit 0",
        inLog + "; the previous receipt stays in place"},
       receiptRealImmutableDirectory,
       true},
      {{"receipt__real_read_only_mount", "write `deploy/DEPLOY-RECEIPT.md`",
        "real: read-only bind mount (EROFS)", "no", "SUCCESS, exit 0",
        inLog + "; the previous receipt stays in place"},
       receiptRealReadOnlyMount,
       true},
      {{"receipt__real_full_disk", "write `deploy/DEPLOY-RECEIPT.md`",
        "real: a full 8 KiB tmpfs (ENOSPC)", "no", "SUCCESS, exit 0",
        inLog + "; the previous receipt is archived (a rename needs no space)"},
       receiptRealFullDisk,
       true},
      {{"receipt__github_disk_full", "write `DEPLOY-RECEIPT.md` (GitHub mode)",
        "disk full (ENOSPC on the receipt)", "no", "SUCCESS, exit 0",
        "the receipt in the log, and still in the job summary and the uploaded artifact"},
       receiptGithubDiskFull},
      {{"state__disk_full", "write `.factory/state.json`", "disk full (ENOSPC on the state)", "no",
        "SUCCESS, exit 0",
        "receipt written; warnings `could not record the deploy as in progress` and `could not "
        "update .factory/state.json: …`; the file stays as it was"},
       stateDiskFull},
      {{"state__real_immutable", "write `.factory/state.json`",
        "real: the file is immutable (`chattr +i`: the atomic rename fails)", "no",
        "SUCCESS, exit 0", "receipt written; the same warnings; the file stays as it was"},
       stateRealImmutable,
       true},
      {{"ledger__disk_full", "append to `.factory/deployments.jsonl`",
        "disk full (ENOSPC on the ledger)", "no", "SUCCESS, exit 0",
        "receipt written; warning `could not record the deploy in the ledger: …`; earlier lines "
        "intact"},
       ledgerDiskFull},
      {{"ledger__real_immutable", "append to `.factory/deployments.jsonl`",
        "real: the file is immutable (`chattr +i`, EPERM)", "no", "SUCCESS, exit 0",
        "receipt written; the same warning; earlier lines intact"},
       ledgerRealImmutable,
       true},
      {{"ledger__real_full_disk_mid_line_then_freed", "append to `.factory/deployments.jsonl`",
        "real: the tmpfs fills up in the middle of the line; space is freed; the next deploy", "no",
        "SUCCESS, exit 0 (both runs)",
        "first run: the warning, earlier lines intact, no fragment of the line left in the "
        "file; the next deploy's line is whole and read"},
       ledgerRealFullDiskThenSpaceFreed,
       true},
      {{"runner_files__disk_full", "append to `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY`",
        "disk full (ENOSPC on both)", "no", "SUCCESS, exit 0",
        "warnings `job summary (…): …` and `step outputs: …`; the receipt is written and uploaded"},
       runnerFilesDiskFull},
      {{"runner_files__real_full_disk_mid_write", "append to `GITHUB_OUTPUT`",
        "real: the tmpfs fills up in the middle of the outputs", "no", "SUCCESS, exit 0",
        "warning `step outputs: …`; the receipt is written and uploaded; no half heredoc is "
        "left in GITHUB_OUTPUT"},
       runnerOutputRealFullDiskMidWrite,
       true},
  };
}

std::vector<MatrixCase> cases() {
  std::vector<MatrixCase> all;
  for (const FileRow& each : rows()) {
    const FileRow row = each;
    MatrixCase matrixCase{row.row, [row](Verdict& verdict) { row.body(verdict); },
                          row.expectedFailures};
    // Where real faults cannot be made, the row is reported as skipped, not as passed.
    if (row.real) matrixCase.unavailable = [] { return realFaultsUnavailable(); };
    all.push_back(std::move(matrixCase));
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(files)

const MatrixRegistrar kFileRows("files", cases(), __FILE__, __LINE__);

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fd::test
