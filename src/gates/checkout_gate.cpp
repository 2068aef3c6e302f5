// The Checkout gate: the tree a deploy command would ship is the tree the gates judged.
#include "gates/checkout_gate.hpp"

#include <fnmatch.h>

#include <optional>

#include "core/text.hpp"
#include "gates/report_gate.hpp"

namespace fd {

namespace {

constexpr const char* kGate = "Checkout";
constexpr std::size_t kListed = 10;

std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

// "a (modified), b (untracked) and 3 more"
std::string listChanges(const std::vector<WorkingTreeChange>& changes) {
  std::string out;
  for (std::size_t i = 0; i < changes.size() && i < kListed; ++i) {
    out += (i == 0 ? "" : ", ") + changes[i].path + " (" + changes[i].state + ")";
  }
  if (changes.size() > kListed) out += " and " + std::to_string(changes.size() - kListed) + " more";
  return out;
}

std::string filesWord(std::size_t count) { return count == 1 ? " file" : " files"; }

CheckoutVerdict refuse(std::string notes, std::string rerun) {
  CheckoutVerdict verdict;
  verdict.result.row = GateRow{kGate, true, "FAIL", std::move(notes)};
  verdict.result.rerun = std::move(rerun);
  return verdict;
}

class CheckoutCheck {
 public:
  CheckoutCheck(const CheckoutRequest& request, GitRepository& git)
      : request_(request), git_(git) {}

  CheckoutVerdict run() {
    const Result<std::string> head = git_.head();
    if (!head) return refuse("cannot read HEAD: " + head.message(), "check out the gated commit");
    head_ = *head;
    if (head_ != request_.gatedSha) {
      if (auto refused = compareHead()) return *refused;
    }
    if (auto refused = checkManifestCommitted()) return *refused;
    const Result<std::vector<WorkingTreeChange>> changes = git_.workingTreeChanges();
    if (!changes) {
      return refuse("cannot read the working tree status: " + changes.message(),
                    "make the repository readable, then deploy again");
    }
    sort(*changes);
    if (!dirty_.empty()) return refuseDirty();
    return pass();
  }

 private:
  // Empty when HEAD may stand for the gated commit.
  std::optional<CheckoutVerdict> compareHead() {
    const std::string gated = shortSha(request_.gatedSha);
    const std::string checkedOut = shortSha(head_);
    const std::string fix = "check out " + gated + " (the commit the gates judge) before deploying";
    const std::string notGated = "HEAD " + checkedOut + " is not the gated commit " + gated;
    if (request_.policy == ReportPolicy::Exact) {
      return refuse(notGated + " (report-commit-policy: exact); " + fix, fix);
    }
    const Result<std::vector<std::string>> changed = git_.changedPaths(request_.gatedSha, head_);
    if (!changed) {
      return refuse(notGated + ", and they cannot be compared: " + changed.message() + "; " + fix,
                    fix);
    }
    std::vector<std::string> code;
    for (const std::string& path : *changed) {
      (request_.gateFiles.covers(path) ? equivalentBy_ : code).push_back(path);
    }
    if (!code.empty()) {
      return refuse(notGated + ": " + std::to_string(code.size()) + filesWord(code.size()) +
                        (code.size() == 1 ? " differs: " : " differ: ") + listPaths(code) + "; " +
                        fix,
                    fix);
    }
    return std::nullopt;
  }

  // The manifest decides what runs: one that is ignored or untracked was never gated, unless the
  // workflow names it exactly in allow-untracked (a generated manifest; recorded).
  std::optional<CheckoutVerdict> checkManifestCommitted() {
    if (request_.manifest.empty()) return std::nullopt;
    const Result<bool> tracked = git_.tracksFile(request_.manifest);
    if (tracked && *tracked) return std::nullopt;
    if (tracked && namesManifest()) {
      manifestAllowed_ = true;
      return std::nullopt;
    }
    const std::string fix = "commit " + request_.manifest + ", then deploy again";
    return refuse("the manifest " + request_.manifest + " is not committed in " + shortSha(head_) +
                      (tracked ? " (it is untracked or ignored)" : ": " + tracked.message()) +
                      "; the manifest decides what runs, so the gates must judge it: " + fix +
                      " (or, for a manifest a workflow step generates, name it exactly in "
                      "allow-untracked)",
                  fix);
  }

  // Only the manifest's own path, written out: no pattern or directory covers it.
  bool namesManifest() const {
    for (std::string pattern : request_.allowUntracked) {
      while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();
      if (request_.prefix + pattern == request_.manifest) return true;
    }
    return false;
  }

  // The factory's skills create and rewrite an untracked .factory/settings.json on a laptop
  // (their preferences, never code). Committed, it is judged like any file.
  bool isSkillSettings(const WorkingTreeChange& change) const {
    return change.state == "untracked" && change.path == request_.prefix + ".factory/settings.json";
  }

  bool isAllowed(const WorkingTreeChange& change) const {
    if (change.state != "untracked") return false;
    if (change.path == request_.manifest) return manifestAllowed_;
    for (const std::string& pattern : request_.allowUntracked) {
      if (allowsUntracked(request_.prefix + pattern, change.path)) return true;
    }
    return false;
  }

  void sort(const std::vector<WorkingTreeChange>& changes) {
    for (const WorkingTreeChange& change : changes) {
      if (request_.gateFiles.covers(change.path) || isSkillSettings(change)) continue;
      if (isAllowed(change)) {
        allowed_.push_back(change.path);
      } else {
        dirty_.push_back(change);
      }
    }
  }

  CheckoutVerdict refuseDirty() const {
    bool manifest = false;
    for (const WorkingTreeChange& change : dirty_) manifest |= change.path == request_.manifest;
    std::string notes = "the working tree is not the commit " + shortSha(head_) + ": " +
                        std::to_string(dirty_.size()) + filesWord(dirty_.size()) +
                        " changed: " + listChanges(dirty_) +
                        "; commit or discard them (git status shows them)";
    notes += manifest ? "; the manifest decides what runs, so it is never exempt"
                      : ", or name untracked build outputs in allow-untracked";
    return refuse(notes, "commit or discard the changed files (git status), then deploy again");
  }

  CheckoutVerdict pass() const {
    CheckoutVerdict verdict;
    GateRow& row = verdict.result.row;
    row = GateRow{kGate, true, "PASS", ""};
    verdict.result.passed = true;
    if (head_ == request_.gatedSha) {
      row.notes = "HEAD is the gated commit " + shortSha(head_);
    } else {
      // An empty commit (or a merge that changes nothing) differs in no file at all.
      const bool same = equivalentBy_.empty();
      row.notes = "HEAD " + shortSha(head_) +
                  (same ? " has the same tree as the gated commit " + shortSha(request_.gatedSha)
                        : " differs from the gated commit " + shortSha(request_.gatedSha) +
                              " only in gate, receipt and bookkeeping files (" +
                              listPaths(equivalentBy_) + ")");
      verdict.deviations.push_back(
          "Deployed tree: HEAD " + head_ + ", content-equivalent to the gated commit " +
          request_.gatedSha +
          (same ? " (the same tree)" : " (only " + listPaths(equivalentBy_) + " differ)"));
    }
    row.notes += "; the working tree is clean";
    if (!allowed_.empty()) {
      const std::string what = std::to_string(allowed_.size()) + " untracked" +
                               filesWord(allowed_.size()) + " allowed by allow-untracked (" +
                               join(request_.allowUntracked, ", ") + "): " + listPaths(allowed_);
      row.notes += " but for " + what;
      verdict.deviations.push_back("Shipped " + what);
    }
    if (manifestAllowed_) {
      verdict.deviations.push_back("The manifest " + request_.manifest +
                                   " is not committed; allowed by name in allow-untracked");
    }
    return verdict;
  }

  const CheckoutRequest& request_;
  GitRepository& git_;
  std::string head_;
  std::vector<std::string> equivalentBy_;  // gate files in which HEAD differs from the gated
  std::vector<std::string> allowed_;
  std::vector<WorkingTreeChange> dirty_;
  bool manifestAllowed_ = false;  // untracked, and named exactly in allow-untracked
};

}  // namespace

bool allowsUntracked(const std::string& pattern, const std::string& path) {
  std::string trimmed = pattern;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  if (trimmed.empty()) return false;
  if (::fnmatch(trimmed.c_str(), path.c_str(), 0) == 0) return true;
  // A directory the path is in: each leading part of it.
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (::fnmatch(trimmed.c_str(), path.substr(0, slash).c_str(), 0) == 0) return true;
  }
  return false;
}

CheckoutVerdict checkCheckout(const CheckoutRequest& request, GitRepository* git) {
  if (!request.unsafeFiles.empty()) {
    return refuse(join(request.unsafeFiles, "; "),
                  "replace the symbolic links with regular files, commit, then deploy again");
  }
  if (git == nullptr) {
    return refuse("no git repository at " + request.root +
                      ": nothing tells what a deploy would ship; check out the repository "
                      "(actions/checkout) before this step",
                  "check out the repository before deploying");
  }
  return CheckoutCheck(request, *git).run();
}

}  // namespace fd
