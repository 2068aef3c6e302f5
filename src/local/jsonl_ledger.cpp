#include "local/jsonl_ledger.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "core/text.hpp"
#include "receipt/ledger_lines.hpp"
#include "receipt/receipt_renderer.hpp"

namespace fd {

namespace {}  // namespace

namespace {

std::string directoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

}  // namespace

JsonlLedger::JsonlLedger(FileSystem& fs, Log& log, Clock& clock, std::string path,
                         std::string actor)
    : fs_(fs),
      log_(log),
      clock_(clock),
      path_(std::move(path)),
      actor_(std::move(actor)),
      lock_(fs, log, clock, directoryOf(path_), currentProcess(), processAlive) {}

std::vector<LedgerEntry> JsonlLedger::parse(const std::string& text, const std::string& path,
                                            std::vector<std::string>& problems) {
  std::vector<LedgerEntry> entries;
  readLedgerLines(text, path, problems, [&entries](const rapidjson::Value& line) {
    entries.push_back(LedgerEntry{ledgerText(line, "environment"), ledgerText(line, "sha"),
                                  ledgerText(line, "status"), ledgerText(line, "time"),
                                  ledgerText(line, "receipt"), ""});
  });
  return entries;
}

std::string JsonlLedger::serialize(const LedgerEntry& entry, const std::string& archive,
                                   const LedgerDetails& details) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  const auto field = [&writer](const char* name, const std::string& value) {
    writer.Key(name);
    writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  field("environment", entry.environment);
  field("sha", entry.sha);
  field("status", entry.status);
  field("time", entry.time);
  field("receipt", entry.receipt);
  if (!archive.empty()) field("archive", archive);
  const auto optional = [&field](const char* name, const std::string& value) {
    if (!value.empty()) field(name, value);
  };
  optional("kind", details.kind);
  optional("version", details.version);
  optional("previous_version", details.previousVersion);
  optional("actor", details.actor);
  optional("reason", details.reason);
  if (details.durationS) {
    writer.Key("duration_s");
    writer.Int64(*details.durationS);
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Result<std::vector<LedgerEntry>> JsonlLedger::successful(const std::string& environment) {
  Result<std::string> text = readLedgerFile(fs_, path_);
  if (!text) return text.error();
  std::vector<std::string> problems;
  std::vector<LedgerEntry> all = parse(*text, path_, problems);
  for (const std::string& problem : problems) log_.warning(problem, {"Ledger", path_, 0});
  std::vector<LedgerEntry> matching;
  for (const LedgerEntry& entry : all) {
    if (entry.environment == environment && entry.status == "SUCCESS") matching.push_back(entry);
  }
  std::reverse(matching.begin(), matching.end());  // newest first
  return matching;
}

Result<std::string> JsonlLedger::begin(const DeployContext& context) {
  Status locked = lock_.acquire(context.env.name, context.sha);
  if (!locked) return locked.error();
  return std::string();
}

Status JsonlLedger::finish(const DeployContext& context, const DeployRecord& record) {
  // The deploy is over: the lock goes first (on a nearly full disk its page is what the line
  // needs).
  lock_.release();
  // The deploy's own time, as its receipt says: archives are named after it (receipt_archive).
  const std::string time = isoTimestamp(record.deployedAt.value_or(clock_.now()));
  const LedgerEntry entry{record.environment, context.sha, statusName(record.status), time,
                          record.receiptPath, ""};
  const std::size_t slash = path_.rfind('/');
  if (slash != std::string::npos) {
    Status dirs = fs_.makeDirs(path_.substr(0, slash));
    if (!dirs) return dirs;
  }
  const auto duration =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now() - record.startedAt).count();
  const LedgerDetails details{context.kind, record.versionLabel, record.previousVersionLabel,
                              actor_,
                              duration >= 0 ? std::optional<long long>(duration) : std::nullopt,
                              // an on-demand rollback's --reason; a failure's reason stays in the
                              // receipt (it may quote a command's output)
                              context.kind == "rollback" ? record.rollback.reason : ""};
  return fs_.append(path_, serialize(entry, record.receiptArchive, details));
}

}  // namespace fd
