#include "receipt/timestamp.hpp"

#include <algorithm>
#include <cstdio>

#include "receipt/receipt_renderer.hpp"

namespace fd {
namespace {

using std::chrono::system_clock;

struct UtcFields {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  long long hour = 0;
  long long minute = 0;
  long long second = 0;
};

// Calendar arithmetic from <chrono>: no gmtime, no time zone database, no locale.
UtcFields utcFields(system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss clock{seconds - days};
  return UtcFields{static_cast<int>(date.year()),     static_cast<unsigned>(date.month()),
                   static_cast<unsigned>(date.day()), clock.hours().count(),
                   clock.minutes().count(),           clock.seconds().count()};
}

}  // namespace

std::string isoDate(system_clock::time_point time) {
  const UtcFields f = utcFields(time);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", f.year, f.month, f.day);
  return buffer;
}

std::string isoTimestamp(system_clock::time_point time) {
  const UtcFields f = utcFields(time);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", f.year, f.month,
                f.day, f.hour, f.minute, f.second);
  return buffer;
}

std::string fileTimestamp(system_clock::time_point time) {
  std::string stamp = isoTimestamp(time);
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return stamp;
}

}  // namespace fd
