// Local mode's deployment ledger: `.factory/deployments.jsonl`, append-only, one object a line.
#pragma once

#include <optional>
#include <string>

#include "core/ports/clock.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/log.hpp"
#include "core/ports/mode.hpp"
#include "local/deploy_lock.hpp"

namespace fd {

// What a line says beyond LedgerEntry, for `history` and `status` (history/jsonl_history.hpp).
struct LedgerDetails {
  std::string kind;             // deploy | rollback
  std::string version;          // the receipt's version label
  std::string previousVersion;  // label of what was live before
  std::string actor;            // who ran it ($USER)
  std::optional<long long> durationS;
  std::string reason;  // why it failed or was rolled back (one line)
};

class JsonlLedger : public DeploymentLedger {
 public:
  // `actor`: who runs the deploy, recorded on each line (empty: not recorded).
  JsonlLedger(FileSystem& fs, Log& log, Clock& clock, std::string path, std::string actor = "");
  Result<std::vector<LedgerEntry>> successful(const std::string& environment) override;
  // Takes `.factory/deploy-<env>.lock` (next to the ledger): Aborted while another
  // deploy to the environment holds it.
  Result<std::string> begin(const DeployContext& context) override;
  // Appends the outcome and releases the lock.
  Status finish(const DeployContext& context, const DeployRecord& record) override;

  // Parses the file; a corrupt line is reported in `problems` and skipped, never fatal.
  static std::vector<LedgerEntry> parse(const std::string& text, const std::string& path,
                                        std::vector<std::string>& problems);
  // One line; `archive` (when not empty) is the name the entry's receipt will have once archived.
  static std::string serialize(const LedgerEntry& entry, const std::string& archive = "",
                               const LedgerDetails& details = {});

 private:
  FileSystem& fs_;
  Log& log_;
  Clock& clock_;
  std::string path_;
  std::string actor_;
  DeployLock lock_;
};

}  // namespace fd
