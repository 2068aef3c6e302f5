#include "workspace/workspace_files.hpp"

#include <algorithm>

#include "core/paths.hpp"
#include "core/target.hpp"

namespace fd {

namespace {

bool isInside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  return path == root || path.rfind(root + "/", 0) == 0;
}

// "/repo/.factory/state.json" under "/repo" -> ".factory/state.json".
std::string relativeTo(const std::string& path, const std::string& root) {
  if (path == root) return ".";
  return path.substr(root == "/" ? 1 : root.size() + 1);
}

// The first directory or file from `root` down to `path` that is a symbolic link, or empty.
std::string firstLink(const FileSystem& fs, const std::string& root, const std::string& path) {
  const std::string relative = relativeTo(path, root);
  std::string current = root == "/" ? "" : root;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    current += "/" + relative.substr(start, end - start);
    const PathKind kind = fs.kindOf(current);
    if (kind == PathKind::Symlink) return current;
    if (kind == PathKind::Missing) return "";  // nothing further exists: we create real files
    start = end + 1;
  }
  return "";
}

// Why `file` may not be used, or empty.
std::string problemWith(const FileSystem& fs, const std::string& root, const std::string& realRoot,
                        const WorkspaceFile& file) {
  const std::string link = firstLink(fs, root, file.path);
  if (link.empty()) return "";
  const std::string linkName = relativeTo(link, root);
  if (file.use == FileUse::Bookkeeping) {
    const Result<std::string> target = fs.canonical(link);
    const bool directory =
        link != file.path || (target && fs.kindOf(*target) == PathKind::Directory);
    return linkName +
           " is a symbolic link; the receipt, state, ledger and settings are never read, written "
           "or given an owner through one (a committed link could lead them outside the "
           "workspace): replace it with a regular " +
           (directory ? "directory" : "file") + " (git rm " + linkName + ")";
  }
  const Result<std::string> resolved = fs.canonical(file.path);
  if (!resolved) return "";  // a dangling link reads as a missing file: the gate says so
  if (isInside(*resolved, realRoot)) return "";
  return file.name + " is a symbolic link (" + linkName + ") that resolves outside the working " +
         "directory, to " + *resolved + "; it must be a file in the repository";
}

}  // namespace

std::vector<WorkspaceFile> filesOfRun(const Inputs& inputs, const std::string& root,
                                      const std::string& stateFile) {
  const auto at = [&root](const std::string& relative) { return resolvePath(root, relative); };
  const std::string lockFile =
      ".factory/deploy-" + std::string(targetName(inputs.environment)) + ".lock";
  return {
      {inputs.receipt, at(inputs.receipt), FileUse::Bookkeeping},
      {".factory", at(".factory"), FileUse::Bookkeeping},
      {stateFile, at(stateFile), FileUse::Bookkeeping},
      {".factory/deployments.jsonl", at(".factory/deployments.jsonl"), FileUse::Bookkeeping},
      {lockFile, at(lockFile), FileUse::Bookkeeping},  // a local deploy's lock
      {".factory/settings.json", at(".factory/settings.json"), FileUse::Bookkeeping},
      {inputs.config, at(inputs.config), FileUse::Document},
      {inputs.qaReport, at(inputs.qaReport), FileUse::Document},
      {inputs.securityReport, at(inputs.securityReport), FileUse::Document},
  };
}

std::string prefixInRepository(const FileSystem& fs, const std::string& root,
                               const std::string& workdir) {
  const Result<std::string> realRoot = fs.canonical(root);
  const Result<std::string> realWorkdir = fs.canonical(workdir);
  const std::string from = realRoot ? *realRoot : root;
  const std::string base = realWorkdir ? *realWorkdir : workdir;
  if (from == base || !isInside(from, base)) return "";
  return relativeTo(from, base) + "/";
}

WorkspaceCheck WorkspaceCheck::run(const FileSystem& fs, const std::string& root,
                                   const std::vector<WorkspaceFile>& files) {
  WorkspaceCheck check;
  const Result<std::string> real = fs.canonical(root);
  const std::string realRoot = real ? *real : root;
  for (const WorkspaceFile& file : files) {
    if (!isInside(file.path, root) || file.path == root) {
      check.unsafe_.push_back(file.path);
      check.outside_.push_back("\"" + file.name + "\" is outside the working directory " + root +
                               "; the receipt, reports and manifest are files in the repository");
      continue;
    }
    std::string problem = problemWith(fs, root, realRoot, file);
    if (problem.empty()) continue;
    check.unsafe_.push_back(file.path);
    if (std::find(check.refusals_.begin(), check.refusals_.end(), problem) ==
        check.refusals_.end()) {
      check.refusals_.push_back(std::move(problem));
    }
  }
  return check;
}

bool WorkspaceCheck::safe(const std::string& path) const {
  return std::find(unsafe_.begin(), unsafe_.end(), path) == unsafe_.end();
}

}  // namespace fd
