#include "receipt/ledger_lines.hpp"

#include "core/text.hpp"

namespace fd {

Result<std::string> readLedgerFile(const FileSystem& fs, const std::string& path) {
  if (fs.kindOf(path) == PathKind::Symlink) {
    return makeError(ErrorCode::FailedPrecondition,
                     path + ": is a symbolic link; refusing to follow it");
  }
  if (!fs.exists(path)) return std::string();
  return fs.read(path, kMaxLedgerBytes);
}

std::string ledgerText(const rapidjson::Value& line, const char* name) {
  const auto found = line.FindMember(name);
  if (found == line.MemberEnd() || !found->value.IsString()) return "";
  return found->value.GetString();
}

void readLedgerLines(const std::string& text, const std::string& path,
                     std::vector<std::string>& problems,
                     const std::function<void(const rapidjson::Value&)>& onEntry) {
  int number = 0;
  for (const std::string& line : split(text, '\n')) {
    ++number;
    if (trim(line).empty()) continue;
    rapidjson::Document document;
    document.Parse(line.c_str(), line.size());
    const bool entry = !document.HasParseError() && document.IsObject() &&
                       !ledgerText(document, "environment").empty() &&
                       !ledgerText(document, "sha").empty() &&
                       !ledgerText(document, "status").empty();
    if (!entry) {
      problems.push_back(path + ":" + std::to_string(number) +
                         ": not a ledger entry (expected a JSON object with environment, sha, "
                         "status); line skipped");
      continue;
    }
    onEntry(document);
  }
}

}  // namespace fd
