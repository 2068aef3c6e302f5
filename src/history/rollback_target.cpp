#include "history/rollback_target.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text.hpp"

namespace fd {

namespace {

constexpr std::size_t kMinPrefix = 7;

bool isHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

std::string labelOf(const HistoryEntry& entry) {
  return entry.version.empty() ? shortSha(entry.sha) : entry.version;
}

using Live = std::vector<const HistoryEntry*>;

// The SHAs among `live` that `to` names, by the first rule that names any: the full SHA, a SHA
// prefix (7+ hex: a tag cannot borrow a commit's name), a tag of the clone, the version label.
// Git's tags come before the ledger's own labels, which anyone who can write the ledger could
// choose.
std::set<std::string> named(const Live& live, const std::string& to, const TagsAt& tagsAt) {
  const std::string lower = toLower(to);
  const std::vector<std::function<bool(const HistoryEntry&)>> rules = {
      [&](const HistoryEntry& e) { return toLower(e.sha) == lower; },
      [&](const HistoryEntry& e) {
        return lower.size() >= kMinPrefix && isHex(lower) && startsWith(toLower(e.sha), lower);
      },
      [&](const HistoryEntry& e) {
        const std::vector<std::string> tags = tagsAt ? tagsAt(e.sha) : std::vector<std::string>{};
        return std::find(tags.begin(), tags.end(), to) != tags.end();
      },
      [&](const HistoryEntry& e) { return e.version == to || startsWith(e.version, to + " ("); },
  };
  for (const auto& rule : rules) {
    std::set<std::string> shas;
    for (const HistoryEntry* entry : live) {
      if (rule(*entry)) shas.insert(entry->sha);
    }
    if (!shas.empty()) return shas;
  }
  return {};
}

// Where the live version's deploy started: the newest *deploy* that put it live. Entries after
// it (older) are what was live before; a rollback that went back to the live version does not
// count, so rolling back twice never returns to the release the first rollback left.
std::size_t originOfLive(const Live& live) {
  for (std::size_t i = 0; i < live.size(); ++i) {
    if (live[i]->sha == live.front()->sha && live[i]->kind != "rollback") return i;
  }
  return 0;
}

}  // namespace

Result<RollbackTarget> pickRollbackTarget(const std::vector<HistoryEntry>& entries,
                                          const std::string& to, const TagsAt& tagsAt) {
  Live live;  // entries that put a version live, newest first
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
  const HistoryEntry* chosen = nullptr;
  if (to.empty()) {
    const auto older =
        std::find_if(live.begin() + static_cast<long>(originOfLive(live)), live.end(),
                     [&](const HistoryEntry* entry) { return entry->sha != target.fromSha; });
    if (older == live.end()) {
      return makeError(ErrorCode::FailedPrecondition,
                       "records no earlier verified version than the live one (" +
                           target.fromVersion + "), so there is nothing known to go back to");
    }
    chosen = *older;
  } else {
    const std::set<std::string> shas = named(live, to, tagsAt);
    if (shas.size() > 1) {
      return makeError(ErrorCode::InvalidArgument,
                       "--to " + to + " names " + std::to_string(shas.size()) +
                           " different verified versions here; give the full SHA");
    }
    if (shas.empty()) {
      return makeError(ErrorCode::InvalidArgument,
                       "--to " + to +
                           ": no verified deploy of it here among the entries read; a rollback "
                           "only returns to a version that was live here");
    }
    // The live one itself is left to the caller: the platform may say something else is live.
    chosen = *std::find_if(live.begin(), live.end(),
                           [&](const HistoryEntry* entry) { return entry->sha == *shas.begin(); });
  }
  target.sha = chosen->sha;
  target.version = labelOf(*chosen);
  return target;
}

}  // namespace fd
