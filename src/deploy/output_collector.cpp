#include "deploy/output_collector.hpp"

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
                                 std::size_t tailLines, std::size_t captureBytes)
    : onLine_(std::move(onLine)), tailLines_(tailLines), captureBytes_(captureBytes) {}

void OutputCollector::feed(std::string_view bytes) {
  if (output_.size() < captureBytes_) {
    output_.append(bytes.substr(0, captureBytes_ - output_.size()));
  }
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      partial_.append(bytes);
      break;
    }
    partial_.append(bytes.substr(0, newline));
    bytes.remove_prefix(newline + 1);
    deliver(partial_);
    partial_.clear();
  }
  while (partial_.size() > kMaxLineBytes) {
    const std::string_view piece = utf8Prefix(partial_, kMaxLineBytes);
    deliver(piece);
    partial_.erase(0, piece.size());
  }
}

void OutputCollector::finish() {
  if (partial_.empty()) return;
  deliver(partial_);
  partial_.clear();
}

void OutputCollector::deliver(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (onLine_) onLine_(line);
  if (tailLines_ == 0) return;
  std::string kept(utf8Prefix(line, kMaxTailLineBytes));
  if (kept.size() < line.size()) kept += " …";
  tail_.push_back(std::move(kept));
  if (tail_.size() > tailLines_) tail_.pop_front();
}

}  // namespace fd
