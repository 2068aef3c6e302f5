// The state merger: the first byte picks the update (status, target, whether the run's start is
// known), the rest is .factory/state.json as found on disk.
#include <rapidjson/document.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "receipt/state_store.hpp"

namespace {

fd::DeployPhaseUpdate updateFrom(std::uint8_t choice) {
  using std::chrono::seconds;
  fd::DeployPhaseUpdate update;
  update.status = static_cast<fd::PhaseStatus>(choice % 3);
  update.time = std::chrono::system_clock::time_point(seconds(1775251800));
  constexpr const char* kTargets[] = {"prod", "staging", "alpha", ""};
  update.targetEnvironment = kTargets[(choice >> 2) % 4];
  if ((choice & 0x10) != 0) update.startedAt = update.time - seconds(90);
  if ((choice & 0x20) != 0) update.outputs = {"DEPLOY-RECEIPT.md"};
  if ((choice & 0x40) != 0) update.failureReason = "health check failed: \"/health\" -> 503";
  return update;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fd::DeployPhaseUpdate update = updateFrom(data[0]);
  const std::string_view state = fd::fuzz::asText(data + 1, size - 1);
  const fd::Result<std::string> merged = fd::mergeDeployPhase(state, update);
  if (!merged.ok()) return 0;

  rapidjson::Document written;
  written.Parse(merged->data(), merged->size());
  FD_FUZZ_CHECK(!written.HasParseError() && written.IsObject());
  FD_FUZZ_CHECK(written.HasMember("phases") && written["phases"].IsObject());
  FD_FUZZ_CHECK(written["phases"].HasMember("deploy"));
  // What the merger writes, it reads back; with the start known, merging again changes nothing.
  const fd::Result<std::string> again = fd::mergeDeployPhase(*merged, update);
  FD_FUZZ_CHECK(again.ok());
  if (update.status == fd::PhaseStatus::InProgress || update.startedAt) {
    FD_FUZZ_CHECK(*again == *merged);
  }
  return 0;
}
