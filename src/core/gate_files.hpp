// Gate, receipt and bookkeeping files: the paths that cannot change what ships. A commit or a
// working-tree change that touches only them leaves a report about the code valid (INTERFACE
// §5.1, §9), and the promotion chain accepts it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd {

class GateFiles {
 public:
  // The defaults, for a working directory at the repository root:
  // - reports and receipts at any depth: QA-REPORT*.md, SECURITY*.md, DEPLOY-RECEIPT*.md;
  // - Markdown files (*.md) under deployments/ and reports/ — never scripts or other files there;
  // - bookkeeping this tool and the factory's skills write: .factory/state.json (and its .bak and
  //   .corrupt-* backups), .factory/deployments.jsonl (the local ledger) and
  //   .factory/deploy-<environment>.lock (a local deploy in progress).
  // Never the manifest, .factory/settings.json or anything else under .factory/.
  GateFiles() = default;

  // `prefix`: the working directory relative to the repository root ("" or "svc/"), where the
  // bookkeeping files, deployments/ and reports/ live too. `reports` and `receipt`: the
  // report and receipt inputs relative to the working directory (the receipt's archives,
  // <stem>-*.md beside it, count too). Only Markdown counts: a path outside the working directory
  // or not ending in .md is ignored.
  // `stateFile`: the state file relative to the working directory, when
  // .factory/settings.json's global.state_file_path moved it (its .bak and .corrupt-* too). Only
  // a .json file under .factory/ whose name contains "state" can be bookkeeping: a settings file
  // must never turn code (app/config.json) or the manifest into a file the gates ignore; a state
  // file anywhere else counts as code.
  GateFiles(std::string prefix, const std::vector<std::string>& reports, const std::string& receipt,
            const std::string& stateFile = ".factory/state.json");

  // `path` relative to the repository root, '/'-separated, as git names it.
  bool covers(std::string_view path) const;

 private:
  bool isBookkeeping(std::string_view path) const;
  bool isConfigured(std::string_view path) const;

  std::string prefix_;
  std::string stateFile_ = ".factory/state.json";
  std::vector<std::string> exact_;  // configured reports and receipt, repository-relative
  std::string archiveStem_;         // "out/receipt-" for out/receipt.md
  std::string archiveExtension_;    // ".md"
};

}  // namespace fd
