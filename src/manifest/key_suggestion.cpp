#include "manifest/key_suggestion.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace fd::manifest {
namespace {

// Keys longer than this are not typos of ours; skipping them keeps the work bounded.
constexpr std::size_t kMaxComparedLength = 40;

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string_view> closestName(std::string_view name,
                                            std::span<const std::string_view> known) {
  if (name.empty() || name.size() > kMaxComparedLength) return std::nullopt;
  const std::string needle = lowered(name);
  const std::size_t allowed = needle.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t bestDistance = allowed + 1;
  for (const std::string_view candidate : known) {
    const std::size_t distance = editDistance(needle, lowered(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

}  // namespace fd::manifest
