// The lines of the local ledger, `.factory/deployments.jsonl`: one JSON object per deploy,
// appended oldest first. Read by the deploy (local/jsonl_ledger) and by history and status
// (history/jsonl_history), each taking the fields it needs.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/ports/file_system.hpp"
#include "core/result.hpp"

namespace fd {

// Most the ledger file may hold: it is read whole.
inline constexpr std::size_t kMaxLedgerBytes = 64 << 20;

// The ledger file's text: "" when there is none. FailedPrecondition for a symbolic link (its
// target may be any file root can read: never followed).
Result<std::string> readLedgerFile(const FileSystem& fs, const std::string& path);

// A string member of a ledger line, or "" when it is missing or not a string.
std::string ledgerText(const rapidjson::Value& line, const char* name);

// Calls `onEntry` for each line that is a JSON object with non-empty `environment`, `sha` and
// `status`, in file order; every other non-blank line is reported in `problems` ("<path>:<n>:
// not a ledger entry …") and skipped.
void readLedgerLines(const std::string& text, const std::string& path,
                     std::vector<std::string>& problems,
                     const std::function<void(const rapidjson::Value&)>& onEntry);

}  // namespace fd
