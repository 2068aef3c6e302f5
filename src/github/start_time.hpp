// A check run's started_at, ordered as its text is, in 8 bytes when it has GitHub's usual form
// ("2026-04-03T21:00:00Z"): the ETag cache keeps one per check run, so its size is the gate's
// memory per check (issue 13). Any other form is kept as text and compared as text.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "github/interned.hpp"

namespace fd::github {

class StartTime {
 public:
  StartTime() = default;  // not started
  explicit StartTime(std::string_view text);

  bool started() const { return packed_ != 0 || !other_.empty(); }
  std::string text() const;  // as GitHub wrote it; empty when not started
  // Text order; one that has not started yet is later than any that has (re-runs queue).
  friend std::strong_ordering operator<=>(const StartTime& a, const StartTime& b);
  friend bool operator==(const StartTime& a, const StartTime& b) {
    return (a <=> b) == std::strong_ordering::equal;
  }

 private:
  std::int64_t packed_ = 0;  // YYYYMMDDhhmmss; 0 when not in the usual form
  Interned other_;           // the text when not in the usual form (rare: shared, not owned)
};

}  // namespace fd::github
