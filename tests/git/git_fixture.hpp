// A real git repository in a temporary directory, built with the git CLI, for adapter and gate
// tests.
#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace fd::test {

class GitFixture {
 public:
  GitFixture() {
    git("-c init.defaultBranch=main init -q");
    git("config user.name 'Gate Tester'");
    git("config user.email gates@example.invalid");
    git("config commit.gpgsign false");
    git("config tag.gpgsign false");
  }

  const std::string& path() const { return dir_.path(); }
  const TempDir& dir() const { return dir_; }

  // Runs `git <arguments>` in the repository and returns its output without the final newline.
  std::string git(const std::string& arguments) const {
    std::string output = shell("git -C '" + dir_.path() + "' " + arguments);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    return output;
  }

  // Writes a file, stages it, commits, and returns the new commit's full SHA.
  std::string commitFile(const std::string& relative, const std::string& content,
                         const std::string& message = "change") const {
    dir_.write(relative, content);
    git("add -- '" + relative + "'");
    return commit(message);
  }

  // Commits whatever is staged (allowing an empty commit) and returns the full SHA.
  std::string commit(const std::string& message = "change") const {
    git("commit -q --allow-empty -m '" + message + "'");
    return head();
  }

  std::string head() const { return git("rev-parse HEAD"); }

 private:
  TempDir dir_;
};

}  // namespace fd::test
