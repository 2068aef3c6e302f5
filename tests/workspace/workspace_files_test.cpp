// Which of the run's files a symbolic link makes unsafe (FakeFileSystem), and the real disk's
// refusal to write or chown through one (PosixFileSystem). Through the binary:
// tests/bypass/files_test.cpp.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "local/posix_file_system.hpp"
#include "support/fakes.hpp"
#include "support/temp_dir.hpp"
#include "workspace/workspace_files.hpp"

namespace {

using fd::WorkspaceCheck;
using fd::test::FakeFileSystem;

WorkspaceCheck checked(const FakeFileSystem& fs, const fd::Inputs& inputs = {}) {
  return WorkspaceCheck::run(fs, "/repo", fd::filesOfRun(inputs, "/repo"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workspace_files)

BOOST_AUTO_TEST_CASE(plain_files_are_safe) {
  FakeFileSystem fs;
  fs.files["/repo/DEPLOY-RECEIPT.md"] = "old";
  fs.files["/repo/.factory/state.json"] = "{}";
  const WorkspaceCheck check = checked(fs);
  BOOST_TEST(check.refusals().empty());
  BOOST_TEST(check.outside().empty());
  BOOST_TEST(check.safe("/repo/.factory/state.json"));
}

BOOST_AUTO_TEST_CASE(a_bookkeeping_link_is_refused_wherever_it_points) {
  FakeFileSystem fs;
  fs.files["/repo/reports/receipt.md"] = "inside";
  fs.symlinks["/repo/DEPLOY-RECEIPT.md"] = "/repo/reports/receipt.md";
  const WorkspaceCheck check = checked(fs);
  BOOST_TEST(!check.safe("/repo/DEPLOY-RECEIPT.md"));
  BOOST_REQUIRE(check.refusals().size() == 1U);
  BOOST_TEST(check.refusals().front() ==
             "DEPLOY-RECEIPT.md is a symbolic link; the receipt, state, ledger and settings are "
             "never read, written or given an owner through one (a committed link could lead "
             "them outside the workspace): replace it with a regular file (git rm "
             "DEPLOY-RECEIPT.md)");
}

BOOST_AUTO_TEST_CASE(a_linked_factory_directory_makes_every_file_in_it_unsafe_once) {
  FakeFileSystem fs;
  fs.files["/etc/app/state.json"] = "{}";
  fs.files["/etc/app/deploy-config.json"] = "{}";
  fs.symlinks["/repo/.factory"] = "/etc/app";
  const WorkspaceCheck check = checked(fs);
  BOOST_TEST(!check.safe("/repo/.factory/state.json"));
  BOOST_TEST(!check.safe("/repo/.factory/deployments.jsonl"));
  BOOST_TEST(!check.safe("/repo/.factory/deploy-config.json"));
  BOOST_REQUIRE(check.refusals().size() == 2U);  // .factory, and the manifest inside it
  BOOST_TEST(check.refusals().front().find(".factory is a symbolic link;") == 0U);
  BOOST_TEST(check.refusals().front().find("with a regular directory (git rm .factory)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_report_link_may_stay_inside_but_not_leave) {
  FakeFileSystem fs;
  fs.files["/repo/reports/qa-latest.md"] = "# QA";
  fs.symlinks["/repo/QA-REPORT.md"] = "/repo/reports/qa-latest.md";
  fs.files["/root/secret.md"] = "secret";
  fs.symlinks["/repo/SECURITY.md"] = "/root/secret.md";
  const WorkspaceCheck check = checked(fs);
  BOOST_TEST(check.safe("/repo/QA-REPORT.md"));
  BOOST_TEST(!check.safe("/repo/SECURITY.md"));
  BOOST_REQUIRE(check.refusals().size() == 1U);
  BOOST_TEST(check.refusals().front() ==
             "SECURITY.md is a symbolic link (SECURITY.md) that resolves outside the working "
             "directory, to /root/secret.md; it must be a file in the repository");
}

BOOST_AUTO_TEST_CASE(inputs_outside_the_working_directory_are_input_errors) {
  FakeFileSystem fs;
  fd::Inputs inputs;
  inputs.receipt = "../elsewhere/DEPLOY-RECEIPT.md";
  inputs.config = "/etc/deploy.json";
  const WorkspaceCheck check = checked(fs, inputs);
  BOOST_REQUIRE(check.outside().size() == 2U);
  BOOST_TEST(check.outside().front() ==
             "\"../elsewhere/DEPLOY-RECEIPT.md\" is outside the working directory /repo; the "
             "receipt, reports and manifest are files in the repository");
  BOOST_TEST(!check.safe("/elsewhere/DEPLOY-RECEIPT.md"));
}

BOOST_AUTO_TEST_CASE(the_prefix_of_a_subdirectory_in_its_repository) {
  FakeFileSystem fs;
  fs.files["/repo/svc/x"] = "";
  BOOST_TEST(fd::prefixInRepository(fs, "/repo/svc", "/repo") == "svc/");
  BOOST_TEST(fd::prefixInRepository(fs, "/repo", "/repo") == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(posix_no_follow)

BOOST_AUTO_TEST_CASE(append_refuses_a_symbolic_link_and_leaves_its_target_alone) {
  const fd::test::TempDir dir;
  const std::string target = dir.write("outside/ledger", "before\n");
  std::filesystem::create_directories(dir.file("ws"));
  std::filesystem::create_symlink(target, dir.file("ws/ledger.jsonl"));
  fd::PosixFileSystem fs;
  const fd::Status appended = fs.append(dir.file("ws/ledger.jsonl"), "after\n");
  BOOST_TEST(!appended.ok());
  BOOST_TEST(appended.message() ==
             dir.file("ws/ledger.jsonl") + ": is a symbolic link; refusing to write through it");
  BOOST_TEST(dir.read("outside/ledger") == "before\n");
  BOOST_TEST((fs.kindOf(dir.file("ws/ledger.jsonl")) == fd::PathKind::Symlink));
}

BOOST_AUTO_TEST_CASE(match_owner_changes_a_link_never_its_target) {
  if (::geteuid() != 0) return;  // only root gives files away
  const fd::test::TempDir dir;
  const std::string target = dir.write("outside/root-only", "secret\n");
  std::filesystem::create_directories(dir.file("ws"));
  BOOST_REQUIRE(::chown(dir.file("ws").c_str(), 65534, 65534) == 0);
  std::filesystem::create_symlink(target, dir.file("ws/DEPLOY-RECEIPT.md"));
  fd::PosixFileSystem fs;
  BOOST_TEST(fs.matchOwner(dir.file("ws/DEPLOY-RECEIPT.md"), dir.file("ws")).ok());
  struct stat link {};
  struct stat file {};
  BOOST_REQUIRE(::lstat(dir.file("ws/DEPLOY-RECEIPT.md").c_str(), &link) == 0);
  BOOST_REQUIRE(::stat(target.c_str(), &file) == 0);
  BOOST_TEST(link.st_uid == 65534U);
  BOOST_TEST(file.st_uid == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
