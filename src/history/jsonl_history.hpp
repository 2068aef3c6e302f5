// The local ledger, `.factory/deployments.jsonl`, read as history (lines written by older
// versions, without version/actor/duration, still read: the version falls back to the short SHA).
#pragma once

#include "core/ports/file_system.hpp"
#include "core/ports/log.hpp"
#include "history/deploy_history.hpp"

namespace fd {

class JsonlHistory : public DeployHistory {
 public:
  // `root`: the working directory; the ledger is `<root>/.factory/deployments.jsonl`.
  JsonlHistory(FileSystem& fs, Log& log, std::string root);
  Result<std::vector<HistoryEntry>> entries(const std::string& environment,
                                            std::size_t limit) override;
  std::string source() const override;

  // Every parsable line, newest first; a line that is not an entry is reported in `problems`.
  static std::vector<HistoryEntry> parse(const std::string& text,
                                         std::vector<std::string>& problems);

 private:
  FileSystem& fs_;
  Log& log_;
  std::string root_;
};

}  // namespace fd
