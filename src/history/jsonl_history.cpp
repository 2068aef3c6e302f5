#include "history/jsonl_history.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "core/text.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxLedgerBytes = 64 << 20;
constexpr const char* kLedger = ".factory/deployments.jsonl";

std::string text(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) return "";
  return found->value.GetString();
}

std::optional<long long> seconds(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return std::nullopt;
  return found->value.GetInt64();
}

HistoryEntry entryOf(const rapidjson::Value& line) {
  HistoryEntry entry;
  entry.environment = text(line, "environment");
  entry.sha = text(line, "sha");
  entry.status = text(line, "status");
  entry.time = text(line, "time");
  entry.kind = text(line, "kind").empty() ? "deploy" : text(line, "kind");
  entry.version = text(line, "version").empty() ? entry.sha.substr(0, 7) : text(line, "version");
  entry.previousVersion = text(line, "previous_version");
  entry.actor = text(line, "actor");
  entry.durationS = seconds(line, "duration_s");
  entry.receipt = text(line, "receipt");
  entry.description = text(line, "reason");
  return entry;
}

}  // namespace

JsonlHistory::JsonlHistory(FileSystem& fs, Log& log, std::string root)
    : fs_(fs), log_(log), root_(std::move(root)) {}

std::string JsonlHistory::source() const { return kLedger; }

std::vector<HistoryEntry> JsonlHistory::parse(const std::string& content,
                                              std::vector<std::string>& problems) {
  std::vector<HistoryEntry> entries;
  int number = 0;
  for (const std::string& line : split(content, '\n')) {
    ++number;
    if (trim(line).empty()) continue;
    rapidjson::Document document;
    document.Parse(line.c_str(), line.size());
    HistoryEntry entry;
    if (!document.HasParseError() && document.IsObject()) entry = entryOf(document);
    if (entry.environment.empty() || entry.sha.empty() || entry.status.empty()) {
      problems.push_back(std::string(kLedger) + ":" + std::to_string(number) +
                         ": not a ledger entry (expected a JSON object with environment, sha, "
                         "status); line skipped");
      continue;
    }
    entries.push_back(std::move(entry));
  }
  std::reverse(entries.begin(), entries.end());  // appended oldest first
  return entries;
}

Result<std::vector<HistoryEntry>> JsonlHistory::entries(const std::string& environment,
                                                        std::size_t limit) {
  const std::string path = root_ + "/" + kLedger;
  if (fs_.kindOf(path) == PathKind::Symlink) {  // the same refusal as the ledger's own
    return makeError(ErrorCode::FailedPrecondition,
                     path + ": is a symbolic link; refusing to follow it");
  }
  if (!fs_.exists(path)) return std::vector<HistoryEntry>{};
  Result<std::string> content = fs_.read(path, kMaxLedgerBytes);
  if (!content) return content.error();
  std::vector<std::string> problems;
  std::vector<HistoryEntry> all = parse(*content, problems);
  for (const std::string& problem : problems) log_.warning(problem, {"Ledger", kLedger, 0});
  fillPreviousVersions(all);
  return selectEntries(all, environment, limit);
}

}  // namespace fd
