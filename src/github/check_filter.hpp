// The `ignore-checks` and `required-checks` inputs: exact names, or /regex/ patterns.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace fd::github {

class CheckPattern {
 public:
  // "/lint-.*/" is a regular expression (ECMAScript, matched anywhere in the name unless
  // anchored); anything else is an exact, case-sensitive name.
  static Result<CheckPattern> parse(const std::string& text, const std::string& input);
  bool matches(const std::string& name) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool isRegex_ = false;
  std::regex regex_;
};

struct CheckFilter {
  std::vector<CheckPattern> ignore;
  std::vector<CheckPattern> required;

  // InvalidArgument naming the input and the pattern when a /regex/ does not compile.
  static Result<CheckFilter> parse(const std::vector<std::string>& ignoreChecks,
                                   const std::vector<std::string>& requiredChecks);
  // A required check is never ignored.
  bool ignored(const std::string& name) const;
};

}  // namespace fd::github
