#include "history/jsonl_history.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "receipt/ledger_lines.hpp"

namespace fd {

namespace {

constexpr const char* kLedger = ".factory/deployments.jsonl";

std::optional<long long> seconds(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return std::nullopt;
  return found->value.GetInt64();
}

HistoryEntry entryOf(const rapidjson::Value& line) {
  HistoryEntry entry;
  entry.environment = ledgerText(line, "environment");
  entry.sha = ledgerText(line, "sha");
  entry.status = ledgerText(line, "status");
  entry.time = ledgerText(line, "time");
  entry.kind = ledgerText(line, "kind").empty() ? "deploy" : ledgerText(line, "kind");
  entry.version =
      ledgerText(line, "version").empty() ? entry.sha.substr(0, 7) : ledgerText(line, "version");
  entry.previousVersion = ledgerText(line, "previous_version");
  entry.actor = ledgerText(line, "actor");
  entry.durationS = seconds(line, "duration_s");
  entry.receipt = ledgerText(line, "receipt");
  entry.description = ledgerText(line, "reason");
  return entry;
}

}  // namespace

JsonlHistory::JsonlHistory(FileSystem& fs, Log& log, std::string root)
    : fs_(fs), log_(log), root_(std::move(root)) {}

std::string JsonlHistory::source() const { return kLedger; }

std::vector<HistoryEntry> JsonlHistory::parse(const std::string& content,
                                              std::vector<std::string>& problems) {
  std::vector<HistoryEntry> entries;
  readLedgerLines(content, kLedger, problems,
                  [&entries](const rapidjson::Value& line) { entries.push_back(entryOf(line)); });
  std::reverse(entries.begin(), entries.end());  // appended oldest first
  return entries;
}

Result<std::vector<HistoryEntry>> JsonlHistory::entries(const std::string& environment,
                                                        std::size_t limit) {
  const std::string path = root_ + "/" + kLedger;
  Result<std::string> content = readLedgerFile(fs_, path);
  if (!content) return content.error();
  std::vector<std::string> problems;
  std::vector<HistoryEntry> all = parse(*content, problems);
  for (const std::string& problem : problems) log_.warning(problem, {"Ledger", kLedger, 0});
  fillPreviousVersions(all);
  return selectEntries(all, environment, limit);
}

}  // namespace fd
