// The job summary: a one-line verdict a person sees first, then the receipt, under the runner's
// 1 MiB limit (over it the runner drops the whole summary).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/deploy_record.hpp"

namespace fd {

constexpr std::size_t kSummaryLimitBytes = std::size_t{1} << 20;

// "### ✅ factory/deploy: SUCCESS — prod a1b2c3d", "### ❌ factory/deploy: FAILED — prod a1b2c3d
// (gate: QA Report stale)", "### ↩️ … ROLLED BACK …", "### 🚨 … ROLLBACK FAILED …".
// One line.
std::string verdictLine(const DeployRecord& record);

// The receipt cut to at most `budget` bytes: the `## Diagnostics` section loses its tail first,
// with a note saying so; the sections before it (the gate table) are kept whole when they fit.
std::string fitReceipt(std::string_view receipt, std::size_t budget);

// verdict, `notes` as a quote (what happened while publishing, e.g. a failed upload), receipt;
// at most `limit` bytes. Pure: the caller masks its inputs.
std::string renderSummary(const DeployRecord& record, std::string_view receipt,
                          const std::vector<std::string>& notes,
                          std::size_t limit = kSummaryLimitBytes);

}  // namespace fd
