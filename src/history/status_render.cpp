#include "history/status_render.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "history/text_table.hpp"

namespace fd {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

std::string shortOf(const std::string& sha) { return sha.substr(0, 7); }

void text(JsonWriter& json, const char* name, const std::string& value) {
  json.Key(name);
  if (value.empty()) {
    json.Null();
  } else {
    json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
}

void writeLive(JsonWriter& json, const EnvironmentStatus& status) {
  json.Key("live");
  if (!status.live) {
    json.Null();
    return;
  }
  const HistoryEntry& live = *status.live;
  json.StartObject();
  text(json, "sha", live.sha);
  text(json, "short_sha", shortOf(live.sha));
  text(json, "version", live.version);
  json.Key("tags");
  json.StartArray();
  for (const std::string& tag : status.tags) json.String(tag.c_str());
  json.EndArray();
  text(json, "time", live.time);
  text(json, "actor", live.actor);
  text(json, "receipt", live.receipt);
  text(json, "status", live.status);
  text(json, "kind", live.kind);
  json.EndObject();
}

void writeHealth(JsonWriter& json, const HealthNow& health) {
  json.Key("health");
  json.StartObject();
  text(json, "url", health.url);
  text(json, "state", health.state);
  text(json, "http_status", health.httpStatus);
  json.Key("response_ms");
  if (health.responseMs) {
    json.Int64(*health.responseMs);
  } else {
    json.Null();
  }
  text(json, "detail", health.detail);
  json.EndObject();
}

void writeAhead(JsonWriter& json, const std::optional<AheadOfNext>& ahead) {
  json.Key("ahead_of_next");
  if (!ahead) {
    json.Null();
    return;
  }
  json.StartObject();
  text(json, "environment", ahead->next);
  json.Key("commits");
  if (ahead->commits) {
    json.Uint64(*ahead->commits);
  } else {
    json.Null();
  }
  json.Key("more");
  json.Bool(ahead->more);
  json.Key("subjects");
  json.StartArray();
  for (const CommitSummary& commit : ahead->subjects) {
    json.StartObject();
    text(json, "sha", commit.sha);
    text(json, "subject", commit.subject);
    json.EndObject();
  }
  json.EndArray();
  text(json, "unknown", ahead->unknown);
  json.EndObject();
}

std::string liveVersion(const EnvironmentStatus& status) {
  if (!status.live) return "nothing deployed";
  const std::string sha = shortOf(status.live->sha);
  if (!status.tags.empty()) return status.tags.front() + " (" + sha + ")";
  return status.live->version.empty() ? sha : status.live->version;
}

std::string orDash(const std::string& value) { return value.empty() ? "-" : value; }

}  // namespace

std::string healthWords(const HealthNow& health) {
  if (health.state == "not configured") return health.state;
  std::string words = health.state + " (" + health.httpStatus;
  if (health.responseMs) words += " in " + std::to_string(*health.responseMs) + " ms";
  if (!health.detail.empty()) words += ", " + health.detail;
  return words + ")";
}

std::string aheadSentence(const EnvironmentStatus& status) {
  if (!status.ahead) return "";
  const AheadOfNext& ahead = *status.ahead;
  if (!ahead.commits) {
    return status.environment + " vs " + ahead.next + ": unknown (" + ahead.unknown + ")";
  }
  const std::size_t count = *ahead.commits;
  return status.environment + " is " + std::to_string(count) + (ahead.more ? "+" : "") +
         (count == 1 && !ahead.more ? " commit" : " commits") + " ahead of " + ahead.next;
}

std::string statusText(const std::vector<EnvironmentStatus>& statuses, const std::string& source) {
  std::vector<std::vector<std::string>> rows = {
      {"ENVIRONMENT", "LIVE", "DEPLOYED", "BY", "HEALTH NOW", "RECEIPT"}};
  for (const EnvironmentStatus& status : statuses) {
    const HistoryEntry none;
    const HistoryEntry& live = status.live ? *status.live : none;
    std::string version = liveVersion(status);
    if (live.kind == "rollback") version += " (manual rollback)";
    rows.push_back({status.environment, version, orDash(live.time), orDash(live.actor),
                    healthWords(status.health), orDash(live.receipt)});
  }
  std::string out = "What is live where (" + source + "):\n" + textTable(rows);
  for (const EnvironmentStatus& status : statuses) {
    if (!status.ahead) continue;
    const AheadOfNext& ahead = *status.ahead;
    out += "\n" + aheadSentence(status) + (ahead.subjects.empty() ? "\n" : ":\n");
    for (const CommitSummary& commit : ahead.subjects) {
      out += "  " + shortOf(commit.sha) + " " + commit.subject + "\n";
    }
    if (ahead.more) out += "  ...\n";
  }
  return out;
}

std::string statusJson(const std::vector<EnvironmentStatus>& statuses, const std::string& source) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  text(json, "source", source);
  json.Key("environments");
  json.StartArray();
  for (const EnvironmentStatus& status : statuses) {
    json.StartObject();
    text(json, "environment", status.environment);
    writeLive(json, status);
    writeHealth(json, status.health);
    writeAhead(json, status.ahead);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace fd
