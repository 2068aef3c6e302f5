// What the program tells the person watching: workflow commands on a runner, plain text locally.
#pragma once

#include <string>
#include <string_view>

namespace fd {

// Where a problem is, for `::error file=…,line=…` annotations.
struct Annotation {
  std::string title;
  std::string file;
  int line = 0;
};

class Log {
 public:
  virtual ~Log() = default;
  virtual void beginGroup(std::string_view title) = 0;
  virtual void endGroup() = 0;
  virtual void info(std::string_view message) = 0;
  virtual void debug(std::string_view message) = 0;
  virtual void notice(std::string_view message, const Annotation& where = {}) = 0;
  virtual void warning(std::string_view message, const Annotation& where = {}) = 0;
  virtual void error(std::string_view message, const Annotation& where = {}) = 0;
  // Registers a secret: masked in everything printed from now on (and on a runner, ::add-mask::).
  virtual void addSecret(std::string_view value) = 0;
  // Output of a child process: shown, but never interpreted as workflow commands.
  virtual void beginUntrusted() = 0;
  virtual void untrusted(std::string_view line) = 0;
  virtual void endUntrusted() = 0;
};

}  // namespace fd
