#include "deploy/output_collector.hpp"

#include <algorithm>
#include <utility>

namespace fd {

namespace {

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t end = maxBytes;
  // Back up over continuation bytes (at most 3) so the cut lands on a character boundary.
  for (int i = 0; i < 3 && end > 0 && isContinuationByte(text[end]); ++i) --end;
  if (end == 0) end = maxBytes;  // not UTF-8 at all: cut where asked
  return text.substr(0, end);
}

OutputCollector::OutputCollector(std::function<void(std::string_view)> onLine,
                                 std::size_t tailLines, std::size_t captureBytes,
                                 const SecretMasker* masker)
    : onLine_(std::move(onLine)),
      tailLines_(tailLines),
      captureBytes_(captureBytes),
      masker_(masker) {}

void OutputCollector::feed(std::string_view bytes) {
  const std::size_t room = captureBytes_ - std::min(captureBytes_, output_.size());
  output_.append(bytes.substr(0, room));
  capped_ = capped_ || bytes.size() > room;
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    partial_.append(bytes.substr(0, newline));
    // Split before the newline too: a line that grew past the limit over several reads may end
    // in this one.
    splitLongLine();
    if (newline == std::string_view::npos) break;
    bytes.remove_prefix(newline + 1);
    deliver(partial_);
    partial_.clear();
  }
}

void OutputCollector::splitLongLine() {
  while (partial_.size() > kMaxLineBytes) {
    const std::size_t end = pieceEnd();
    deliver(std::string_view(partial_).substr(0, end));
    partial_.erase(0, end);
  }
}

// Where the next piece of an over-long line ends: at most kMaxLineBytes, on a character boundary
// and, with a masker, before any secret that is (or may still be arriving) across that point.
std::size_t OutputCollector::pieceEnd() const {
  const std::size_t plain = utf8Prefix(partial_, kMaxLineBytes).size();
  if (masker_ == nullptr) return plain;
  std::size_t end = plain;
  for (;;) {
    const std::size_t safe = utf8Prefix(partial_, masker_->safeCut(partial_, end)).size();
    if (safe == end) break;
    end = safe;
  }
  // No such point (a secret nearly as long as a piece): cut as without a masker.
  return end == 0 ? plain : end;
}

void OutputCollector::finish() {
  if (!partial_.empty()) deliver(partial_);
  partial_.clear();
  // The cap may have cut a secret: drop the end where the start of one could be.
  if (capped_ && masker_ != nullptr) output_.resize(masker_->safeCut(output_, output_.size()));
}

void OutputCollector::deliver(std::string_view raw) {
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  const std::string line = masker_ != nullptr ? masker_->mask(raw) : std::string(raw);
  if (onLine_) onLine_(line);
  if (tailLines_ == 0) return;
  std::string kept(utf8Prefix(line, kMaxTailLineBytes));
  if (kept.size() < line.size()) kept += " …";
  tail_.push_back(std::move(kept));
  if (tail_.size() > tailLines_) tail_.pop_front();
}

}  // namespace fd
