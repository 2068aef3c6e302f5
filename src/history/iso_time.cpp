#include "history/iso_time.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

namespace fd {

std::optional<std::chrono::system_clock::time_point> parseIsoTime(const std::string& text) {
  Poco::DateTime parsed;
  int zone = 0;
  if (text.empty() ||
      !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, parsed, zone)) {
    return std::nullopt;
  }
  parsed.makeUTC(zone);
  return std::chrono::system_clock::from_time_t(parsed.timestamp().epochTime());
}

std::optional<long long> secondsBetween(const std::string& from, const std::string& to) {
  const auto start = parseIsoTime(from);
  const auto end = parseIsoTime(to);
  if (!start || !end) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(*end - *start).count();
}

std::string humanDuration(long long seconds) {
  if (seconds < 60) return std::to_string(seconds) + "s";
  if (seconds < 3600)
    return std::to_string(seconds / 60) + "m " + std::to_string(seconds % 60) + "s";
  if (seconds < 86400) {
    return std::to_string(seconds / 3600) + "h " + std::to_string(seconds % 3600 / 60) + "m";
  }
  return std::to_string(seconds / 86400) + "d " + std::to_string(seconds % 86400 / 3600) + "h";
}

}  // namespace fd
