// Whether a report's tested commit still stands for the deployed one (INTERFACE §5.1 policies).
#include <string>
#include <string_view>
#include <vector>

#include "gates/report_gate.hpp"

namespace fd {

namespace {

constexpr std::size_t kListedPaths = 5;

std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "src/a.cpp, src/b.cpp and 3 more"
std::string listPaths(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < kListedPaths; ++i) {
    out += (i == 0 ? "" : ", ") + paths[i];
  }
  if (paths.size() > kListedPaths)
    out += " and " + std::to_string(paths.size() - kListedPaths) + " more";
  return out;
}

// The paths in which `tested` and `deployed` differ that are not gate or receipt files.
Result<std::vector<std::string>> codeChanges(GitRepository& git, const std::string& tested,
                                             const std::string& deployed) {
  Result<std::vector<std::string>> changed = git.changedPaths(tested, deployed);
  if (!changed) return changed.error();
  std::vector<std::string> code;
  for (const std::string& path : *changed) {
    if (!isGateOrReceiptFile(path)) code.push_back(path);
  }
  return code;
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

bool isGateOrReceiptFile(std::string_view path) {
  if (startsWith(path, "deployments/") || startsWith(path, "reports/")) return true;
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!endsWith(name, ".md")) return false;
  return startsWith(name, "QA-REPORT") || startsWith(name, "SECURITY") ||
         startsWith(name, "DEPLOY-RECEIPT");
}

Result<bool> isContentEquivalent(GitRepository& git, const std::string& tested,
                                 const std::string& deployed, ReportPolicy policy,
                                 std::string& whyNot) {
  whyNot.clear();
  if (tested == deployed) return true;
  Result<bool> ancestor = git.isAncestor(tested, deployed);
  if (!ancestor) return ancestor.error();
  if (!*ancestor) {
    Result<std::string> reason = notAncestorReason(git, tested, deployed);
    if (!reason) return reason.error();
    whyNot = *reason;
    return false;
  }
  Result<std::vector<std::string>> code = codeChanges(git, tested, deployed);
  if (!code) return code.error();
  if (policy == ReportPolicy::Exact) {
    whyNot = "tested " + shortSha(tested) + ", not the deployed commit " + shortSha(deployed) +
             " (report-commit-policy: exact)";
    if (code->empty()) {
      whyNot += "; only gate and receipt files changed in between, which policy content accepts";
    }
    return false;
  }
  if (code->empty()) return true;
  whyNot = "tested " + shortSha(tested) + ", but " + std::to_string(code->size()) +
           (code->size() == 1 ? " file" : " files") + " changed before the deployed commit " +
           shortSha(deployed) + ": " + listPaths(*code);
  return false;
}

}  // namespace fd
