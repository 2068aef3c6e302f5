// Golden files: tests/golden/<name> compared byte for byte. FD_UPDATE_GOLDEN=1 (or the test
// argument `-- --update-golden`) rewrites them instead; review the diff before committing.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace fd::test {

inline bool updatingGoldens() {
  if (const char* env = std::getenv("FD_UPDATE_GOLDEN");
      env != nullptr && std::string(env) == "1") {
    return true;
  }
  const auto& suite = boost::unit_test::framework::master_test_suite();
  for (int i = 1; i < suite.argc; ++i) {
    if (std::strcmp(suite.argv[i], "--update-golden") == 0) return true;
  }
  return false;
}

inline std::string goldenPath(const std::string& name) {
  return std::string(FD_SOURCE_DIR) + "/tests/golden/" + name;
}

// The first line where the two texts differ, to make a failure readable.
inline std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected);
  std::istringstream a(actual);
  std::string le;
  std::string la;
  for (int line = 1;; ++line) {
    const bool moreE = static_cast<bool>(std::getline(e, le));
    const bool moreA = static_cast<bool>(std::getline(a, la));
    if (!moreE && !moreA) return "texts differ only in line endings or the final newline";
    if (le != la || moreE != moreA) {
      return "line " + std::to_string(line) + ":\n  golden: " + (moreE ? le : "<end>") +
             "\n  actual: " + (moreA ? la : "<end>");
    }
  }
}

inline void checkGolden(const std::string& name, const std::string& actual) {
  const std::string path = goldenPath(name);
  if (updatingGoldens()) {
    std::ofstream(path, std::ios::binary) << actual;
    BOOST_TEST_MESSAGE("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    BOOST_ERROR(path << " is missing; run the test with FD_UPDATE_GOLDEN=1 to create it");
    return;
  }
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() == actual) return;
  BOOST_ERROR(name << " differs from the golden file (" << firstDifference(expected.str(), actual)
                   << "); if the change is intended, rerun with FD_UPDATE_GOLDEN=1");
}

}  // namespace fd::test
