// The files this tool reads and writes in the workspace, checked before any of them is touched.
// In the Action's container we run as root on a workspace anyone who can push fills: a committed
// symbolic link must never lead our reads, writes or ownership changes outside it.
#pragma once

#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/ports/file_system.hpp"

namespace fd {

enum class FileUse {
  // Receipt, state, ledger, settings and the .factory directory: written, chowned or trusted as
  // our own. Never a symbolic link, at the file or any directory between the root and it.
  Bookkeeping,
  // Reports and the manifest: only read. A symbolic link may stand for them if it resolves to a
  // place inside the working directory.
  Document,
};

struct WorkspaceFile {
  std::string
      name;  // as the user knows it: the input's value ("QA-REPORT.md", ".factory/state.json")
  std::string path;  // absolute, lexically normal
  FileUse use = FileUse::Bookkeeping;
};

// The files of a run: the inputs' receipt, reports and manifest, and .factory's bookkeeping
// (`stateFile`: where .factory/settings.json's global.state_file_path puts the state).
std::vector<WorkspaceFile> filesOfRun(const Inputs& inputs, const std::string& root,
                                      const std::string& stateFile = ".factory/state.json");

// The working directory `root` relative to the repository's `workdir`, as git names paths:
// "" at the repository root, "svc/" for a subdirectory (symbolic links resolved on both sides).
std::string prefixInRepository(const FileSystem& fs, const std::string& root,
                               const std::string& workdir);

class WorkspaceCheck {
 public:
  // Checks each file under `root` (absolute, lexically normal).
  static WorkspaceCheck run(const FileSystem& fs, const std::string& root,
                            const std::vector<WorkspaceFile>& files);

  // False for a file found unsafe or outside the working directory: never read, write or chown it.
  bool safe(const std::string& path) const;
  // "DEPLOY-RECEIPT.md is a symbolic link; …": one sentence per unsafe file.
  const std::vector<std::string>& refusals() const { return refusals_; }
  // An input that names a path outside the working directory (an input error, exit 2).
  const std::vector<std::string>& outside() const { return outside_; }

 private:
  std::vector<std::string> unsafe_;  // absolute paths
  std::vector<std::string> refusals_;
  std::vector<std::string> outside_;
};

}  // namespace fd
