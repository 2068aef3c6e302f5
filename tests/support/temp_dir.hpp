// A fresh directory under /tmp, removed with everything in it when the test ends.
#pragma once

#include <string>

namespace fd::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& relative) const { return path_ + "/" + relative; }
  // Writes a file (creating parent directories) and returns its absolute path.
  std::string write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;
  bool exists(const std::string& relative) const;

 private:
  std::string path_;
};

// Runs a shell command (for building fixtures such as git repositories); fails the test on error.
std::string shell(const std::string& command);

}  // namespace fd::test
