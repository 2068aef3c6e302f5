#include "git/libgit2_repository.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "git/git_collision.hpp"
#include "git/git_fixture.hpp"
#include "git/libgit2_api.hpp"
#include "git/libgit2_session.hpp"
#include "git/result_text.hpp"
#include "support/mapped_library.hpp"
#include "support/temp_dir.hpp"

namespace {

using fd::test::codeText;
using fd::test::GitFixture;

std::unique_ptr<fd::GitRepository> open(const std::string& path) {
  auto repo = fd::openGitRepository(path);
  BOOST_TEST_REQUIRE(repo.ok(), (repo.ok() ? "" : repo.message()));
  return std::move(repo).value();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(libgit2_open)

BOOST_AUTO_TEST_CASE(discovers_the_repository_from_a_subdirectory) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("src/app.txt", "v1");
  auto repo = open(fixture.dir().file("src"));
  BOOST_TEST(repo->head().value() == sha);
}

BOOST_AUTO_TEST_CASE(a_directory_outside_any_repository_is_not_found_with_a_clear_message) {
  fd::test::TempDir dir;
  auto repo = fd::openGitRepository(dir.path());
  BOOST_TEST_REQUIRE(!repo.ok());
  BOOST_TEST(codeText(repo) == "not found");
  BOOST_TEST(repo.message() == dir.path() + ": not a git repository (or any parent directory)");
}

BOOST_AUTO_TEST_CASE(opens_a_repository_owned_by_another_user) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("a.txt", "a");
  if (geteuid() == 0) {
    // The Action's situation: root reads a workspace owned by the runner user.
    fd::test::shell("chown -R 4242:4242 '" + fixture.path() + "'");
  }
  auto repo = open(fixture.path());
  BOOST_TEST(repo->head().value() == sha);
}

BOOST_AUTO_TEST_CASE(head_of_a_repository_without_commits_is_not_found) {
  GitFixture fixture;
  auto repo = open(fixture.path());
  auto head = repo->head();
  BOOST_TEST_REQUIRE(!head.ok());
  BOOST_TEST(codeText(head) == "not found");
  BOOST_TEST(contains(head.message(), "no commit yet"));
}

// Debian's libgit2 has mbedTLS parse the whole CA bundle when it starts (56 M instructions);
// factory-deploy never uses libgit2's network code, so Libgit2Session refuses that load. The
// count only moves if libgit2 really called the refusing definition, not mbedTLS's own.
BOOST_AUTO_TEST_CASE(libgit2_starts_without_parsing_the_ca_bundle) {
  BOOST_TEST_REQUIRE(fd::git::loadLibgit2().ok());  // dlopen: mbedTLS is mapped from here on
  if (!std::filesystem::is_regular_file("/etc/ssl/certs/ca-certificates.crt") ||
      fd::test::mappedLibrary("libmbedx509").empty()) {
    BOOST_TEST_MESSAGE("no CA bundle, or a libgit2 without mbedTLS: nothing to refuse");
    return;
  }
  {
    const fd::Libgit2Session session;  // libgit2's first init in this test: no session is alive
    BOOST_TEST(fd::Libgit2Session::caBundleLoadsRefused() >= 1);
    BOOST_TEST(fd::git::lg2().git_error_last() == nullptr);  // the refusal leaves no stale error
  }
  GitFixture fixture;
  fixture.commitFile("a.txt", "a\n", "first");
  BOOST_TEST(open(fixture.path())->head().ok());  // and repositories read as before
}

// libgit2 is opened with dlopen on first use (libgit2_api.hpp): a missing library or one without
// a function the table needs is an error that names it and what to install, never a crash.
BOOST_AUTO_TEST_CASE(a_missing_libgit2_is_unavailable_naming_the_library) {
  auto api = fd::git::openLibgit2("libfd-no-such-git.so.0");
  BOOST_TEST_REQUIRE(!api.ok());
  BOOST_TEST(codeText(api) == "unavailable");
  BOOST_TEST(api.message().rfind("libgit2 (libfd-no-such-git.so.0) cannot be loaded, so no git "
                                 "repository can be read: libfd-no-such-git.so.0: cannot open "
                                 "shared object file",
                                 0) == 0,
             api.message());
  BOOST_TEST(contains(api.message(),
                      "; install the libgit2 this binary was built with (Debian: "
                      "apt-get install libgit2)"));
}

BOOST_AUTO_TEST_CASE(a_library_without_libgit2s_functions_is_refused) {
  auto api = fd::git::openLibgit2("libz.so.1");
  BOOST_TEST_REQUIRE(!api.ok());
  BOOST_TEST(codeText(api) == "unavailable");
  BOOST_TEST(contains(api.message(),
                      "libgit2 (libz.so.1) cannot be loaded, so no git repository "
                      "can be read: it has no function git_libgit2_init;"),
             api.message());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(libgit2_resolve)

BOOST_AUTO_TEST_CASE(resolves_full_abbreviated_and_upper_case_shas) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("a.txt", "a");
  fixture.commitFile("a.txt", "b");
  auto repo = open(fixture.path());
  BOOST_TEST(repo->resolve(sha).value() == sha);
  BOOST_TEST(repo->resolve(sha.substr(0, 7)).value() == sha);
  std::string upper = sha.substr(0, 10);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  BOOST_TEST(repo->resolve(upper).value() == sha);
}

BOOST_AUTO_TEST_CASE(rejects_text_that_is_not_a_sha) {
  GitFixture fixture;
  fixture.commitFile("a.txt", "a");
  auto repo = open(fixture.path());
  for (const std::string& bad : std::vector<std::string>{"", "HEAD", "xyz1234", "abc",
                                                         "a1b2c3d4e5 ", std::string(41, 'a')}) {
    auto resolved = repo->resolve(bad);
    BOOST_TEST_REQUIRE(!resolved.ok(), bad);
    BOOST_TEST(codeText(resolved) == "invalid argument", bad);
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_sha_is_not_found) {
  GitFixture fixture;
  fixture.commitFile("a.txt", "a");
  auto repo = open(fixture.path());
  auto resolved = repo->resolve("0123456789abcdef0123456789abcdef01234567");
  BOOST_TEST_REQUIRE(!resolved.ok());
  BOOST_TEST(codeText(resolved) == "not found");
  BOOST_TEST(contains(resolved.message(), "no such commit"));
}

BOOST_AUTO_TEST_CASE(an_ambiguous_prefix_is_an_invalid_argument) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("a.txt", "a");
  fd::test::addBlobWithPrefix(fixture, sha.substr(0, 4));
  auto repo = open(fixture.path());
  auto resolved = repo->resolve(sha.substr(0, 4));
  BOOST_TEST_REQUIRE(!resolved.ok());
  BOOST_TEST(codeText(resolved) == "invalid argument");
  BOOST_TEST(contains(resolved.message(), "ambiguous"));
  BOOST_TEST(repo->resolve(sha.substr(0, 12)).value() == sha);
}

BOOST_AUTO_TEST_CASE(a_blob_is_not_a_commit_but_an_annotated_tag_peels_to_one) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("a.txt", "a");
  fixture.git("tag -a v1 -m release");
  const std::string tagObject = fixture.git("rev-parse v1");
  const std::string blob = fixture.git("rev-parse HEAD:a.txt");
  auto repo = open(fixture.path());
  BOOST_TEST(repo->resolve(tagObject).value() == sha);
  auto resolved = repo->resolve(blob);
  BOOST_TEST_REQUIRE(!resolved.ok());
  BOOST_TEST(codeText(resolved) == "invalid argument");
  BOOST_TEST(contains(resolved.message(), "not a commit"));
}

BOOST_AUTO_TEST_CASE(a_commit_missing_from_a_shallow_clone_says_so) {
  GitFixture fixture;
  const std::string first = fixture.commitFile("a.txt", "a");
  fixture.commitFile("a.txt", "b");
  fd::test::TempDir clone;
  fd::test::shell("git clone -q --depth 1 'file://" + fixture.path() + "' '" + clone.path() +
                  "/c'");
  auto repo = open(clone.path() + "/c");
  auto resolved = repo->resolve(first);
  BOOST_TEST_REQUIRE(!resolved.ok());
  BOOST_TEST(codeText(resolved) == "not found");
  BOOST_TEST(contains(resolved.message(), "fetch-depth: 0"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(libgit2_history)

BOOST_AUTO_TEST_CASE(ancestry_counts_equal_commits_and_rejects_other_branches) {
  GitFixture fixture;
  const std::string base = fixture.commitFile("a.txt", "a");
  const std::string next = fixture.commitFile("a.txt", "b");
  fixture.git("checkout -q -b side " + base);
  const std::string side = fixture.commitFile("b.txt", "side");
  auto repo = open(fixture.path());
  BOOST_TEST(repo->isAncestor(base, next).value());
  BOOST_TEST(repo->isAncestor(next, next).value());
  BOOST_TEST(!repo->isAncestor(next, base).value());
  BOOST_TEST(!repo->isAncestor(side, next).value());
  BOOST_TEST(repo->isAncestor(base.substr(0, 8), side).value());
}

BOOST_AUTO_TEST_CASE(changed_paths_name_both_sides_of_renames_and_deletes) {
  GitFixture fixture;
  fixture.dir().write("keep.txt", "same");
  fixture.dir().write("edit.txt", "one");
  fixture.dir().write("gone.txt", "bye");
  fixture.dir().write("old/name.txt", "moved content that is long enough to be a rename");
  fixture.git("add -A");
  const std::string from = fixture.commit("base");
  fixture.dir().write("edit.txt", "two");
  fixture.git("rm -q gone.txt");
  fixture.git("mv old/name.txt new-name.txt");
  fixture.dir().write("added/file.txt", "new");
  fixture.git("add -A");
  const std::string to = fixture.commit("changes");
  auto repo = open(fixture.path());
  const std::vector<std::string> expected{"added/file.txt", "edit.txt", "gone.txt", "new-name.txt",
                                          "old/name.txt"};
  BOOST_TEST(repo->changedPaths(from, to).value() == expected, boost::test_tools::per_element());
  BOOST_TEST(repo->changedPaths(to, from).value() == expected, boost::test_tools::per_element());
  BOOST_TEST(repo->changedPaths(to, to).value().empty());
}

BOOST_AUTO_TEST_CASE(tags_at_a_commit_include_lightweight_and_annotated_sorted) {
  GitFixture fixture;
  const std::string first = fixture.commitFile("a.txt", "a");
  fixture.git("tag old");
  const std::string second = fixture.commitFile("a.txt", "b");
  fixture.git("tag v2-light");
  fixture.git("tag -a v1.9-annotated -m 'annotated'");
  fixture.git("tag release/nested");
  fixture.git("tag blob-tag HEAD:a.txt");
  auto repo = open(fixture.path());
  const std::vector<std::string> expected{"release/nested", "v1.9-annotated", "v2-light"};
  BOOST_TEST(repo->tagsAt(second).value() == expected, boost::test_tools::per_element());
  BOOST_TEST(repo->tagsAt(first).value() == std::vector<std::string>{"old"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(on_branch_checks_local_and_origin_branches) {
  GitFixture fixture;
  const std::string base = fixture.commitFile("a.txt", "a");
  const std::string tip = fixture.commitFile("a.txt", "b");
  fixture.git("checkout -q -b feature");
  const std::string feature = fixture.commitFile("f.txt", "f");
  fixture.git("update-ref refs/remotes/origin/release " + tip);
  auto repo = open(fixture.path());
  BOOST_TEST(repo->isOnBranch(base, "main").value());
  BOOST_TEST(repo->isOnBranch(tip, "main").value());
  BOOST_TEST(!repo->isOnBranch(feature, "main").value());
  BOOST_TEST(repo->isOnBranch(base, "release").value());
  BOOST_TEST(!repo->isOnBranch(feature, "release").value());
  auto missing = repo->isOnBranch(base, "nope");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(codeText(missing) == "not found");
  BOOST_TEST(contains(missing.message(), "refs/remotes/origin/nope"));
}

BOOST_AUTO_TEST_CASE(remotes_are_read_from_the_config_sorted_by_name) {
  GitFixture fixture;
  fixture.commitFile("a.txt", "a");
  auto repo = open(fixture.path());
  BOOST_TEST(repo->remotes().value().empty());
  fixture.git("remote add origin https://github.com/octo/shop.git");
  fixture.git("remote add fork git@github.com:me/shop.git");
  fixture.git("config remote.origin.pushurl /srv/elsewhere.git");  // the fetch URL is the one
  auto reopened = open(fixture.path());
  const auto remotes = reopened->remotes();
  BOOST_TEST_REQUIRE(remotes.ok());
  BOOST_TEST_REQUIRE(remotes->size() == 2U);
  BOOST_TEST((*remotes)[0].name == "fork");
  BOOST_TEST((*remotes)[0].url == "git@github.com:me/shop.git");
  BOOST_TEST((*remotes)[1].name == "origin");
  BOOST_TEST((*remotes)[1].url == "https://github.com/octo/shop.git");
}

BOOST_AUTO_TEST_CASE(on_remote_means_reachable_from_a_tracking_branch_of_that_remote) {
  GitFixture fixture;
  const std::string base = fixture.commitFile("a.txt", "a");
  const std::string pushed = fixture.commitFile("a.txt", "b");
  const std::string local = fixture.commitFile("a.txt", "c");
  fixture.git("update-ref refs/remotes/origin/feature/x " + pushed);
  fixture.git("symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/feature/x");
  fixture.git("update-ref refs/remotes/fork/main " + local);
  auto repo = open(fixture.path());
  BOOST_TEST(repo->isOnRemote(base, "origin").value());
  BOOST_TEST(repo->isOnRemote(pushed, "origin").value());
  BOOST_TEST(!repo->isOnRemote(local, "origin").value());
  BOOST_TEST(repo->isOnRemote(local, "fork").value());
  BOOST_TEST(!repo->isOnRemote(base, "upstream").value());  // no such remote: nothing pushed
}

BOOST_AUTO_TEST_CASE(default_branch_prefers_origin_head_then_main_then_master) {
  GitFixture fixture;
  const std::string sha = fixture.commitFile("a.txt", "a");
  auto repo = open(fixture.path());
  BOOST_TEST(repo->defaultBranch().value() == "main");

  fixture.git("update-ref refs/remotes/origin/trunk " + sha);
  fixture.git("symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/trunk");
  BOOST_TEST(open(fixture.path())->defaultBranch().value() == "trunk");

  GitFixture legacy;
  legacy.commitFile("a.txt", "a");
  legacy.git("branch -m main master");
  BOOST_TEST(open(legacy.path())->defaultBranch().value() == "master");

  legacy.git("branch -m master develop");
  auto none = open(legacy.path())->defaultBranch();
  BOOST_TEST_REQUIRE(!none.ok());
  BOOST_TEST(codeText(none) == "not found");
}

BOOST_AUTO_TEST_SUITE_END()
