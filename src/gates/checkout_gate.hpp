// The Checkout gate (INTERFACE §9, "what ships is what was gated"): before any deploy command
// runs, for every target and in a dry run, the working tree must be the gated commit:
// - HEAD is the gated commit, or (report-commit-policy content) its tree differs from it only in
//   gate, receipt and bookkeeping files — the receipt then names both;
// - no tracked file is modified, staged or deleted and no untracked file is left that is not
//   ignored, outside those files; untracked build outputs may be allowed by name
//   (`allow-untracked`), never the manifest, and what was allowed is recorded;
// - none of the files this tool reads and writes is a symbolic link it must not follow.
#pragma once

#include <string>
#include <vector>

#include "core/deploy_record.hpp"
#include "core/gate_files.hpp"
#include "core/inputs.hpp"
#include "core/ports/git_repository.hpp"

namespace fd {

struct CheckoutRequest {
  std::string gatedSha;  // full: the commit the other gates judge
  ReportPolicy policy = ReportPolicy::Content;
  GateFiles gateFiles;
  std::string prefix;                       // the working directory in the repository: "" or "svc/"
  std::string manifest;                     // repository-relative: never allowed when untracked
  std::vector<std::string> allowUntracked;  // patterns relative to the working directory
  std::vector<std::string> unsafeFiles;     // WorkspaceCheck::refusals()
  std::string root;                         // for messages
};

struct CheckoutVerdict {
  GateResult result;                    // the "Checkout" row
  std::vector<std::string> deviations;  // what the receipt must record on a pass
};

// `git` may be null (no repository): that is a failure, nothing can say what would ship.
CheckoutVerdict checkCheckout(const CheckoutRequest& request, GitRepository* git);

// Whether an `allow-untracked` pattern allows `path` (both repository-relative): fnmatch(3)
// without FNM_PATHNAME, as git pathspecs match (`*` crosses '/': "*.log" allows "a/b.log"),
// or the pattern names a directory the path is in ("dist" and "dist/" allow "dist/app.js").
bool allowsUntracked(const std::string& pattern, const std::string& path);

}  // namespace fd
