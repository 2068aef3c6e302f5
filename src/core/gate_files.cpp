#include "core/gate_files.hpp"

#include <filesystem>

namespace fd {

namespace {

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view baseName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool isReportOrReceiptName(std::string_view name) {
  return endsWith(name, ".md") && (startsWith(name, "QA-REPORT") || startsWith(name, "SECURITY") ||
                                   startsWith(name, "DEPLOY-RECEIPT"));
}

// Markdown under deployments/ or reports/ directly below `root` ("" or "svc/").
bool isMarkdownUnder(std::string_view path, std::string_view root) {
  if (!startsWith(path, root)) return false;
  const std::string_view rest = path.substr(root.size());
  return (startsWith(rest, "deployments/") || startsWith(rest, "reports/")) &&
         endsWith(rest, ".md");
}

// "a/./b.md" -> "a/b.md"; empty when the path leaves its base ("../x"), is absolute or is not
// Markdown (a misconfigured input must never turn code into a gate file).
std::string markdownInside(const std::string& relative) {
  const std::filesystem::path path(relative);
  if (relative.empty() || path.is_absolute() || !endsWith(relative, ".md")) return "";
  std::string normal = path.lexically_normal().generic_string();
  if (normal == "." || normal == ".." || startsWith(normal, "../")) return "";
  return normal;
}

// The state file if it may be bookkeeping: a .json file inside .factory/ whose name says state
// ("" otherwise), so a setting can never exempt code, the manifest or the settings themselves.
std::string bookkeepingStateFile(const std::string& relative) {
  const std::filesystem::path path(relative);
  if (relative.empty() || path.is_absolute()) return "";
  std::string normal = path.lexically_normal().generic_string();
  if (!startsWith(normal, ".factory/") || !endsWith(normal, ".json")) return "";
  if (baseName(normal).find("state") == std::string_view::npos) return "";
  return normal;
}

}  // namespace

GateFiles::GateFiles(std::string prefix, const std::vector<std::string>& reports,
                     const std::string& receipt, const std::string& stateFile)
    : prefix_(std::move(prefix)), stateFile_(bookkeepingStateFile(stateFile)) {
  if (!prefix_.empty() && prefix_.back() != '/') prefix_ += '/';
  for (const std::string& report : reports) {
    if (const std::string path = markdownInside(report); !path.empty())
      exact_.push_back(prefix_ + path);
  }
  const std::string receiptPath = markdownInside(receipt);
  if (receiptPath.empty()) return;
  exact_.push_back(prefix_ + receiptPath);
  const std::filesystem::path parsed(prefix_ + receiptPath);
  archiveExtension_ = parsed.extension().string();
  const std::string full = parsed.generic_string();
  archiveStem_ = full.substr(0, full.size() - archiveExtension_.size()) + "-";
}

bool GateFiles::isBookkeeping(std::string_view path) const {
  if (!startsWith(path, prefix_)) return false;
  const std::string_view rest = path.substr(prefix_.size());
  const bool state = !stateFile_.empty() && (rest == stateFile_ || rest == stateFile_ + ".bak" ||
                                             startsWith(rest, stateFile_ + ".corrupt-"));
  return state || rest == ".factory/deployments.jsonl" ||
         (startsWith(rest, ".factory/deploy-") && endsWith(rest, ".lock"));  // a local deploy's
}

bool GateFiles::isConfigured(std::string_view path) const {
  for (const std::string& exact : exact_) {
    if (path == exact) return true;
  }
  return !archiveStem_.empty() && startsWith(path, archiveStem_) &&
         endsWith(path, archiveExtension_) &&
         path.size() > archiveStem_.size() + archiveExtension_.size();
}

bool GateFiles::covers(std::string_view path) const {
  if (isReportOrReceiptName(baseName(path))) return true;
  if (isMarkdownUnder(path, "") || isMarkdownUnder(path, prefix_)) return true;
  return isBookkeeping(path) || isConfigured(path);
}

}  // namespace fd
