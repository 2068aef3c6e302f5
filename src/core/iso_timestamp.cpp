#include "core/iso_timestamp.hpp"

#include <cstdio>
#include <string>

#include "core/text.hpp"

namespace fd {

std::optional<TimePoint> parseIsoTimestamp(std::string_view text) {
  const std::string value = trim(text);
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  int used = 0;
  if (std::sscanf(value.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &year, &month, &day, &hour, &minute,
                  &second, &used) != 6 ||
      used != 19) {
    return std::nullopt;
  }
  std::string_view zone = std::string_view(value).substr(19);
  if (zone.starts_with('.')) {
    zone.remove_prefix(1);
    while (!zone.empty() && zone.front() >= '0' && zone.front() <= '9') zone.remove_prefix(1);
  }
  if (zone != "Z" && zone != "+00:00") return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

}  // namespace fd
