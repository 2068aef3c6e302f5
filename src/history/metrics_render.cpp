#include "history/metrics_render.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <cmath>
#include <cstdio>

#include "history/iso_time.hpp"

namespace fd {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

std::string fixed(double value, int decimals) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.*f", decimals, value);
  return text.data();
}

std::string shortOf(const std::string& sha) { return sha.substr(0, 7); }

// "v1.2.0 (a1b2c3d) SUCCESS 2026-04-03T20:05:00Z"
std::string describe(const HistoryEntry& entry) {
  return entry.version + " " + entry.status + " " + entry.time;
}

std::string usedLines(const std::vector<HistoryEntry>& entries) {
  std::string text;
  for (const HistoryEntry& entry : entries) text += "    " + describe(entry) + "\n";
  return text;
}

std::string orNone(const std::optional<long long>& seconds) {
  return seconds ? humanDuration(*seconds) : "n/a";
}

void key(JsonWriter& json, const char* name, const std::string& value) {
  json.Key(name);
  json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void optionalSeconds(JsonWriter& json, const char* name, const std::optional<long long>& value) {
  json.Key(name);
  if (value) {
    json.Int64(*value);
  } else {
    json.Null();
  }
}

void entryArray(JsonWriter& json, const char* name, const std::vector<HistoryEntry>& entries) {
  json.Key(name);
  json.StartArray();
  for (const HistoryEntry& entry : entries) {
    json.StartObject();
    key(json, "sha", entry.sha);
    key(json, "version", entry.version);
    key(json, "status", entry.status);
    key(json, "time", entry.time);
    if (!entry.id.empty()) key(json, "deployment_id", entry.id);
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace

MetricsHeadlines metricsHeadlines(const DeliveryMetrics& m) {
  MetricsHeadlines h;
  h.frequency = "Deployment frequency: " + std::to_string(m.successfulDeploys.size()) +
                " successful deploys (" + fixed(m.deploysPerWeek, 1) + " per week)";
  h.leadTime = "Lead time for changes: median " + orNone(m.medianLeadTimeS) + " over " +
               std::to_string(m.leadTimes.size()) + " commits";
  if (m.leadTimes.empty() && !m.leadTimeUnknown.empty())
    h.leadTime += " (" + m.leadTimeUnknown + ")";
  h.failureRate =
      "Change failure rate: " +
      (m.changeFailureRate ? fixed(*m.changeFailureRate * 100.0, 0) + "%" : std::string("n/a")) +
      " (" + std::to_string(m.failures.size()) + " of " + std::to_string(m.deploys.size()) +
      " prod deploys)";
  h.restore = "Time to restore: median " + orNone(m.medianRestoreS) + " over " +
              std::to_string(m.restores.size()) + " failures";
  return h;
}

std::string metricsText(const DeliveryMetrics& m, const std::string& source) {
  const MetricsHeadlines h = metricsHeadlines(m);
  std::string text = "Delivery metrics for " + m.environment + ", last " +
                     std::to_string(m.windowDays) + " days (" + m.from + " to " + m.to +
                     "), from " + source + ":\n";
  text += "  " + h.frequency + "\n" + usedLines(m.successfulDeploys);
  text += "  " + h.leadTime + "\n";
  for (const LeadTime& lead : m.leadTimes) {
    text += "    " + shortOf(lead.commit) + " shipped in " + lead.deploy + " after " +
            humanDuration(lead.seconds) + "\n";
  }
  text += "  " + h.failureRate + "\n" + usedLines(m.failures);
  text += "  " + h.restore + "\n";
  for (const Restore& restore : m.restores) {
    text += "    " + describe(restore.failure) + " -> ";
    text += restore.restoredBy
                ? describe(*restore.restoredBy) + " after " + orNone(restore.seconds) + "\n"
                : "not restored yet\n";
  }
  return text;
}

std::string metricsJson(const DeliveryMetrics& m, const std::string& source) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  key(json, "source", source);
  key(json, "environment", m.environment);
  json.Key("window_days");
  json.Int(m.windowDays);
  key(json, "from", m.from);
  key(json, "to", m.to);

  json.Key("deployment_frequency");
  json.StartObject();
  json.Key("successful_deploys");
  json.Uint64(m.successfulDeploys.size());
  json.Key("per_week");
  json.Double(std::round(m.deploysPerWeek * 100.0) / 100.0);
  entryArray(json, "entries", m.successfulDeploys);
  json.EndObject();

  json.Key("lead_time");
  json.StartObject();
  optionalSeconds(json, "median_s", m.medianLeadTimeS);
  json.Key("commits");
  json.StartArray();
  for (const LeadTime& lead : m.leadTimes) {
    json.StartObject();
    key(json, "sha", lead.commit);
    key(json, "deploy", lead.deploy);
    json.Key("seconds");
    json.Int64(lead.seconds);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();

  json.Key("change_failure_rate");
  json.StartObject();
  json.Key("rate");
  if (m.changeFailureRate) {
    json.Double(std::round(*m.changeFailureRate * 10000.0) / 10000.0);
  } else {
    json.Null();
  }
  json.Key("failed");
  json.Uint64(m.failures.size());
  json.Key("deploys");
  json.Uint64(m.deploys.size());
  entryArray(json, "failures", m.failures);
  json.EndObject();

  json.Key("time_to_restore");
  json.StartObject();
  optionalSeconds(json, "median_s", m.medianRestoreS);
  json.Key("restores");
  json.StartArray();
  for (const Restore& restore : m.restores) {
    json.StartObject();
    key(json, "failed", restore.failure.version + " " + restore.failure.time);
    json.Key("restored_by");
    if (restore.restoredBy) {
      const std::string by = restore.restoredBy->version + " " + restore.restoredBy->time;
      json.String(by.c_str(), static_cast<rapidjson::SizeType>(by.size()));
    } else {
      json.Null();
    }
    optionalSeconds(json, "seconds", restore.seconds);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();

  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace fd
