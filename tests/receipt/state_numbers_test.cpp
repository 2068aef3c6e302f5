// Regressions found by fuzzing the state merger (fuzz/regressions/state/).
#include <boost/test/unit_test.hpp>

#include "receipt/settings.hpp"
#include "receipt/state_store.hpp"
#include "support/fakes.hpp"

namespace {

fd::DeployPhaseUpdate started() {
  fd::DeployPhaseUpdate update;
  update.targetEnvironment = "prod";
  update.time = std::chrono::system_clock::time_point(std::chrono::seconds(1775251800));
  return update;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(state_numbers)

BOOST_AUTO_TEST_CASE(a_number_beyond_a_double_is_refused_not_written_back_cut_off) {
  const std::string state =
      R"({"phases": {"qa": {"status": "completed"}}, "limit": 2e308, "kept": "everything"})";
  const fd::Result<std::string> merged = fd::mergeDeployPhase(state, started());
  BOOST_TEST(!merged.ok());  // the caller backs the file up instead of losing "kept"
}

BOOST_AUTO_TEST_CASE(a_state_file_with_such_a_number_is_backed_up_and_nothing_is_lost) {
  fd::test::FakeFileSystem fs;
  const std::string original = R"({"phases": {}, "limit": 2e308, "kept": "everything"})";
  fs.files["/r/.factory/state.json"] = original;
  std::vector<std::string> warnings;
  BOOST_TEST(fd::updateDeployPhase(fs, "/r/.factory/state.json", started(), warnings).ok());
  bool backedUp = false;
  for (const auto& [path, content] : fs.files) {
    backedUp |= path.find("state.json.corrupt-") != std::string::npos && content == original;
  }
  BOOST_TEST(backedUp);
  BOOST_TEST(!warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_zero_with_a_large_exponent_stays_zero) {
  const fd::Result<std::string> merged = fd::mergeDeployPhase(
      R"({"phases": {"qa": {"coverage": 0e100}}, "threshold": 0.0000e-20})", started());
  BOOST_REQUIRE(merged.ok());
  BOOST_TEST(merged->find("\"coverage\": 0.0") != std::string::npos, *merged);
  BOOST_TEST(merged->find("\"threshold\": 0.0") != std::string::npos, *merged);
}

BOOST_AUTO_TEST_SUITE_END()
