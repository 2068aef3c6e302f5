// Writing the receipt: archive the previous one (never overwriting an archive), then write
// atomically.
#pragma once

#include <chrono>
#include <string>

#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

struct ReceiptWrite {
  std::string archivedTo;  // path of DEPLOY-RECEIPT-<timestamp>.md, or empty
};

// `receiptPath` absolute. With `archive`, an existing receipt is renamed to
// DEPLOY-RECEIPT-2026-04-03T21-30-00Z.md (…-2.md, -3.md if taken) beside it first, the time being
// its own "Deployed at", or `now` when it deployed nothing (receipt_archive.hpp).
Result<ReceiptWrite> writeReceipt(FileSystem& fs, const std::string& receiptPath,
                                  const std::string& markdown, bool archive,
                                  std::chrono::system_clock::time_point now);

}  // namespace fd
