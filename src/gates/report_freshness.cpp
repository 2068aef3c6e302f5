// Whether a report's tested commit still stands for the deployed one (INTERFACE §5.1 policies).
#include <string>
#include <string_view>
#include <vector>

#include "gates/report_gate.hpp"

namespace fd {

namespace {

constexpr std::size_t kListedPaths = 5;

std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

struct Changes {
  std::vector<std::string> code;   // may change what ships
  std::vector<std::string> gates;  // gate, receipt and bookkeeping files
};

Result<Changes> changesBetween(GitRepository& git, const std::string& tested,
                               const std::string& deployed, const GateFiles& files) {
  Result<std::vector<std::string>> changed = git.changedPaths(tested, deployed);
  if (!changed) return changed.error();
  Changes changes;
  for (const std::string& path : *changed) {
    (files.covers(path) ? changes.gates : changes.code).push_back(path);
  }
  return changes;
}

// Why an ancestor check failed, in the words a user needs.
Result<std::string> notAncestorReason(GitRepository& git, const std::string& tested,
                                      const std::string& deployed) {
  Result<bool> newer = git.isAncestor(deployed, tested);
  if (!newer) return newer.error();
  if (*newer) {
    return "tested " + shortSha(tested) + ", a later commit than the deployed " +
           shortSha(deployed);
  }
  return "tested " + shortSha(tested) + ", which is not an ancestor of the deployed commit " +
         shortSha(deployed) + " (another branch, or rewritten history)";
}

}  // namespace

std::string listPaths(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < kListedPaths; ++i) {
    out += (i == 0 ? "" : ", ") + paths[i];
  }
  if (paths.size() > kListedPaths)
    out += " and " + std::to_string(paths.size() - kListedPaths) + " more";
  return out;
}

bool isGateOrReceiptFile(std::string_view path) { return GateFiles{}.covers(path); }

Result<ContentComparison> compareContent(GitRepository& git, const std::string& tested,
                                         const std::string& deployed, ReportPolicy policy,
                                         const GateFiles& files) {
  ContentComparison result;
  if (tested == deployed) {
    result.equivalent = true;
    return result;
  }
  Result<bool> ancestor = git.isAncestor(tested, deployed);
  if (!ancestor) return ancestor.error();
  if (!*ancestor) {
    Result<std::string> reason = notAncestorReason(git, tested, deployed);
    if (!reason) return reason.error();
    result.whyNot = *reason;
    return result;
  }
  Result<Changes> changes = changesBetween(git, tested, deployed, files);
  if (!changes) return changes.error();
  if (policy == ReportPolicy::Exact) {
    result.whyNot = "tested " + shortSha(tested) + ", not the deployed commit " +
                    shortSha(deployed) + " (report-commit-policy: exact)";
    if (changes->code.empty()) {
      result.whyNot +=
          "; only gate, receipt and bookkeeping files changed in between, which policy content "
          "accepts";
    }
    return result;
  }
  if (!changes->code.empty()) {
    const std::size_t count = changes->code.size();
    result.whyNot = "tested " + shortSha(tested) + ", but " + std::to_string(count) +
                    (count == 1 ? " file" : " files") + " changed before the deployed commit " +
                    shortSha(deployed) + ": " + listPaths(changes->code);
    return result;
  }
  result.equivalent = true;
  result.changed = std::move(changes->gates);
  return result;
}

Result<bool> isContentEquivalent(GitRepository& git, const std::string& tested,
                                 const std::string& deployed, ReportPolicy policy,
                                 const GateFiles& files, std::string& whyNot) {
  Result<ContentComparison> compared = compareContent(git, tested, deployed, policy, files);
  if (!compared) return compared.error();
  whyNot = compared->whyNot;
  return compared->equivalent;
}

}  // namespace fd
