#include "history/history_render.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "history/iso_time.hpp"
#include "history/text_table.hpp"

namespace fd {

namespace {

std::string orDash(const std::string& text) { return text.empty() ? "-" : text; }

}  // namespace

std::string historyText(const std::vector<HistoryEntry>& entries, const std::string& source) {
  if (entries.empty()) return "No deployments recorded in " + source + ".\n";
  std::vector<std::vector<std::string>> rows = {
      {"ENVIRONMENT", "STATUS", "VERSION", "PREVIOUS", "WHO", "WHEN", "DURATION", "RECEIPT"}};
  for (const HistoryEntry& entry : entries) {
    const std::string status =
        entry.kind == "rollback" ? entry.status + " (manual rollback)" : entry.status;
    rows.push_back({entry.environment, status, orDash(entry.version), orDash(entry.previousVersion),
                    orDash(entry.actor), orDash(entry.time),
                    entry.durationS ? humanDuration(*entry.durationS) : "-",
                    orDash(entry.receipt)});
  }
  return "Deployments, newest first (" + source + "):\n" + textTable(rows);
}

std::string historyJson(const std::vector<HistoryEntry>& entries, const std::string& source) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> json(buffer);
  const auto text = [&json](const char* name, const std::string& value) {
    json.Key(name);
    if (value.empty()) {
      json.Null();
    } else {
      json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    }
  };
  json.StartObject();
  text("source", source);
  json.Key("entries");
  json.StartArray();
  for (const HistoryEntry& entry : entries) {
    json.StartObject();
    text("environment", entry.environment);
    text("status", entry.status);
    text("kind", entry.kind);
    text("sha", entry.sha);
    text("version", entry.version);
    text("previous_version", entry.previousVersion);
    text("actor", entry.actor);
    text("time", entry.time);
    json.Key("duration_s");
    if (entry.durationS) {
      json.Int64(*entry.durationS);
    } else {
      json.Null();
    }
    text("receipt", entry.receipt);
    text("deployment_id", entry.id);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace fd
