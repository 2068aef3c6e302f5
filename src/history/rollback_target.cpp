#include "history/rollback_target.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace fd {

namespace {

constexpr std::size_t kMinPrefix = 7;

bool isHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

bool names(const HistoryEntry& entry, const std::string& to, const TagsAt& tagsAt) {
  const std::string lower = toLower(to);
  if (lower.size() >= kMinPrefix && isHex(lower) && startsWith(toLower(entry.sha), lower)) {
    return true;
  }
  if (entry.version == to || startsWith(entry.version, to + " (")) return true;
  const std::vector<std::string> tags = tagsAt ? tagsAt(entry.sha) : std::vector<std::string>{};
  return std::find(tags.begin(), tags.end(), to) != tags.end();
}

std::string labelOf(const HistoryEntry& entry) {
  return entry.version.empty() ? shortSha(entry.sha) : entry.version;
}

}  // namespace

Result<RollbackTarget> pickRollbackTarget(const std::vector<HistoryEntry>& entries,
                                          const std::string& to, const TagsAt& tagsAt) {
  std::vector<const HistoryEntry*> live;  // entries that put a version live, newest first
  for (const HistoryEntry& entry : entries) {
    if (putLive(entry) && !entry.sha.empty()) live.push_back(&entry);
  }
  if (live.empty()) {
    return makeError(ErrorCode::FailedPrecondition,
                     "records no verified version here, so there is nothing known to go back to");
  }
  RollbackTarget target;
  target.fromSha = live.front()->sha;
  target.fromVersion = labelOf(*live.front());
  const auto older = std::find_if(live.begin(), live.end(), [&](const HistoryEntry* entry) {
    if (entry->sha == target.fromSha) return false;
    return to.empty() || names(*entry, to, tagsAt);
  });
  if (older == live.end()) {
    if (to.empty()) {
      return makeError(ErrorCode::FailedPrecondition,
                       "records no earlier verified version than the live one (" +
                           target.fromVersion + "), so there is nothing known to go back to");
    }
    const bool isLive = names(*live.front(), to, tagsAt);
    return makeError(ErrorCode::InvalidArgument,
                     isLive ? "--to " + to + " is what is live now (" + target.fromVersion + ")"
                            : "--to " + to +
                                  ": no verified deploy of it here among the entries read; a "
                                  "rollback only returns to a version that was live here");
  }
  target.sha = (*older)->sha;
  target.version = labelOf(**older);
  return target;
}

}  // namespace fd
