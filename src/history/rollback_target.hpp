// Where an on-demand rollback goes (`factory-deploy rollback`, docs/HISTORY.md): only to a version
// the ledger shows was live and verified in that environment, so a rollback can never ship a
// commit that did not pass the gates there.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "history/deploy_history.hpp"

namespace fd {

struct RollbackTarget {
  std::string sha;          // the version to return to (full SHA)
  std::string version;      // its label: "v1.4.0 (a1b2c3d)"
  std::string fromSha;      // what the ledger says is live now; empty when nothing is
  std::string fromVersion;  // its label
};

// The tags pointing at a commit (the clone's), to match `--to v1.4.0`.
using TagsAt = std::function<std::vector<std::string>(const std::string& sha)>;

// `entries`: one environment's ledger, newest first. `to` empty: the newest version that was live
// before the live one's deploy (a rollback to the live version is skipped: a second rollback goes
// further back, never to the release the first one left). `to` given: a version that was live
// there, named by full SHA, tag, SHA prefix (7+) or version label (the first of these that names
// any). FailedPrecondition when there is nothing to go back to; InvalidArgument when `to` was
// never live there or names more than one version (it may name the ledger's live one).
Result<RollbackTarget> pickRollbackTarget(const std::vector<HistoryEntry>& entries,
                                          const std::string& to, const TagsAt& tagsAt);

}  // namespace fd
