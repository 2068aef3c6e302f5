// evaluate() as the items arrive: counts, the first names it lists, and which required patterns
// were seen — never the items themselves, so a poll's memory does not grow with the check count.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "github/ci_checks.hpp"

namespace fd::github {

class CiTally {
 public:
  explicit CiTally(const CheckFilter& filter);
  void add(const CheckItem& item);
  void excludeOwn(const std::string& name);  // this job and its matrix legs
  CiVerdict verdict() const;

 private:
  // The first names of a list (what the notes show) and how many there are.
  struct Listing {
    std::vector<std::string> first;
    std::size_t total = 0;
    void add(const std::string& name);
    std::string text() const;
  };
  const CheckFilter& filter_;
  int passed_ = 0;
  Listing failed_;
  Listing pending_;
  Listing ignored_;
  std::vector<bool> requiredSeen_;
  std::set<std::string> excludedOwn_;
};

}  // namespace fd::github
