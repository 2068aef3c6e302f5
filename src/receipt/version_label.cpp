// versionLabel(): which tag names a commit when several point at it.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "receipt/receipt_renderer.hpp"

namespace fd {
namespace {

constexpr std::size_t kShortShaLength = 7;

bool isDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Compares digit strings of any length numerically (no overflow).
int compareNumeric(std::string_view a, std::string_view b) {
  const auto strip = [](std::string_view s) {
    const std::size_t first = s.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view() : s.substr(first);
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

struct SemVer {
  std::vector<std::string_view> core;        // major, minor, patch
  std::vector<std::string_view> prerelease;  // empty for a release
};

// "v1.2.3", "1.2.3-rc.1", "v1.2.3+build": an optional v, three numbers, optional suffixes.
std::optional<SemVer> parseSemVer(std::string_view tag) {
  if (!tag.empty() && (tag.front() == 'v' || tag.front() == 'V')) tag.remove_prefix(1);
  tag = tag.substr(0, tag.find('+'));
  const std::size_t dash = tag.find('-');
  SemVer version;
  version.core = split(tag.substr(0, dash), '.');
  if (version.core.size() != 3 ||
      !std::all_of(version.core.begin(), version.core.end(), isDigits)) {
    return std::nullopt;
  }
  if (dash != std::string_view::npos) version.prerelease = split(tag.substr(dash + 1), '.');
  return version;
}

int comparePrereleaseField(std::string_view a, std::string_view b) {
  const bool numericA = isDigits(a);
  const bool numericB = isDigits(b);
  if (numericA && numericB) return compareNumeric(a, b);
  if (numericA != numericB) return numericA ? -1 : 1;  // numeric identifiers rank lower
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

// Semantic Versioning precedence: a release outranks its pre-releases.
int compareSemVer(const SemVer& a, const SemVer& b) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (const int c = compareNumeric(a.core[i], b.core[i]); c != 0) return c;
  }
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  const std::size_t common = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (const int c = comparePrereleaseField(a.prerelease[i], b.prerelease[i]); c != 0) return c;
  }
  if (a.prerelease.size() == b.prerelease.size()) return 0;
  return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
}

// The highest semver-looking tag; without one, the first tag in byte order. Ties go to the
// first in byte order, so the choice never depends on the order git listed the tags in.
std::string pickTag(std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end());
  std::optional<SemVer> best;
  std::string bestTag;
  for (const std::string& tag : tags) {
    const std::optional<SemVer> version = parseSemVer(tag);
    if (!version) continue;
    if (best && compareSemVer(*version, *best) <= 0) continue;
    best = version;
    bestTag = tag;
  }
  return best ? bestTag : tags.front();
}

}  // namespace

std::string versionLabel(const std::string& fullSha, const std::vector<std::string>& tags) {
  std::string shortSha = fullSha.substr(0, kShortShaLength);
  if (tags.empty()) return shortSha;
  std::string tag = pickTag(tags);
  if (shortSha.empty()) return tag;
  return tag + " (" + shortSha + ")";
}

}  // namespace fd
