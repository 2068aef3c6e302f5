#include "github/start_time.hpp"

#include <algorithm>
#include <array>

namespace fd::github {

namespace {

// "YYYY-MM-DDThh:mm:ssZ": digits everywhere but these positions.
constexpr std::size_t kUsualLength = 20;
constexpr std::size_t kDigits = 14;
constexpr std::array<std::pair<std::size_t, char>, 6> kSeparators{
    {{4, '-'}, {7, '-'}, {10, 'T'}, {13, ':'}, {16, ':'}, {19, 'Z'}}};

// The separator the usual form has at `at`, or '\0' where it has a digit.
char separatorAt(std::size_t at) {
  for (const auto& [position, separator] : kSeparators) {
    if (position == at) return separator;
  }
  return '\0';
}

// The digits in order, as one number: its order is the text's (same length, same separators).
// 0 when the text is not in the usual form.
std::int64_t pack(std::string_view text) {
  if (text.size() != kUsualLength) return 0;
  std::int64_t packed = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char separator = separatorAt(i);
    if (separator != '\0') {
      if (text[i] != separator) return 0;
      continue;
    }
    if (text[i] < '0' || text[i] > '9') return 0;
    packed = packed * 10 + (text[i] - '0');
  }
  return packed;
}

}  // namespace

StartTime::StartTime(std::string_view text) : packed_(pack(text)) {
  if (packed_ == 0 && !text.empty()) other_ = Interned(text);
}

std::string StartTime::text() const {
  if (packed_ == 0) return other_.str();
  std::string digits = std::to_string(packed_);
  digits.insert(0, kDigits - std::min(kDigits, digits.size()), '0');
  std::string text;
  std::size_t next = 0;
  for (std::size_t i = 0; i < kUsualLength; ++i) {
    const char separator = separatorAt(i);
    text += separator != '\0' ? separator : digits[next++];
  }
  return text;
}

std::strong_ordering operator<=>(const StartTime& a, const StartTime& b) {
  if (a.started() != b.started())
    return a.started() ? std::strong_ordering::less : std::strong_ordering::greater;
  if (a.packed_ != 0 && b.packed_ != 0) return a.packed_ <=> b.packed_;
  return a.text() <=> b.text();
}

}  // namespace fd::github
