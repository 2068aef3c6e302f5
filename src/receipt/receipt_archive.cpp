#include "receipt/receipt_archive.hpp"

#include "core/iso_timestamp.hpp"
#include "core/text.hpp"
#include "receipt/timestamp.hpp"

namespace fd {

namespace {

// A receipt is a few kilobytes; reading more than this only to find one bullet is waste.
constexpr std::size_t kMaxReceiptBytes = 4 << 20;
// Enough candidates for every deploy one second can hold.
constexpr int kMaxAttempts = 1000;

// The value of a "- **Deployed at**: <value>" bullet (bold or not, any bullet mark).
std::optional<std::string_view> deployedAtValue(std::string_view line) {
  std::string_view rest = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
  if (rest.empty() || (rest[0] != '-' && rest[0] != '*' && rest[0] != '+')) return std::nullopt;
  rest.remove_prefix(1);
  std::string key;
  for (const char c : rest) {
    if (c == ':') break;
    if (c != '*' && c != '_') key += c;
  }
  if (toLower(trim(key)) != "deployed at") return std::nullopt;
  const std::size_t colon = rest.find(':');
  rest = rest.substr(colon + 1);
  while (!rest.empty() && (rest.front() == '*' || rest.front() == ' ')) rest.remove_prefix(1);
  return rest;
}

}  // namespace

std::optional<TimePoint> receiptDeployTime(std::string_view markdown) {
  for (const std::string& line : split(markdown, '\n')) {
    if (const auto value = deployedAtValue(line)) return parseIsoTimestamp(*value);
  }
  return std::nullopt;
}

std::string archiveName(const std::string& receiptPath, const std::string& stamp, int attempt) {
  const std::size_t slash = receiptPath.find_last_of('/');
  const std::size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = receiptPath.find_last_of('.');
  if (dot == std::string::npos || dot <= nameStart) dot = receiptPath.size();  // no extension
  const std::string suffix = attempt == 1 ? "" : "-" + std::to_string(attempt);
  return receiptPath.substr(0, dot) + "-" + stamp + suffix + receiptPath.substr(dot);
}

std::string archiveTarget(const FileSystem& fs, const std::string& receiptPath, TimePoint now) {
  if (!fs.exists(receiptPath)) return "";
  const Result<std::string> text = fs.read(receiptPath, kMaxReceiptBytes);
  const std::optional<TimePoint> deployed = text ? receiptDeployTime(*text) : std::nullopt;
  const std::string stamp = fileTimestamp(deployed.value_or(now));
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    std::string candidate = archiveName(receiptPath, stamp, attempt);
    if (!fs.exists(candidate)) return candidate;
  }
  return archiveName(receiptPath, stamp, kMaxAttempts);
}

std::string plannedArchiveName(const FileSystem& fs, const std::string& receiptPath,
                               const std::string& displayPath, TimePoint deployedAt,
                               TimePoint now) {
  const std::string current = archiveTarget(fs, receiptPath, now);
  const std::string stamp = fileTimestamp(deployedAt);
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    const std::string candidate = archiveName(receiptPath, stamp, attempt);
    if (candidate != current && !fs.exists(candidate)) {
      return archiveName(displayPath, stamp, attempt);
    }
  }
  return archiveName(displayPath, stamp, kMaxAttempts);
}

}  // namespace fd
