// Turns a child's raw output into lines as they arrive, a bounded tail and a capped capture.
// With a masker, secrets are masked before anything is cut: a secret is never split between two
// pieces of a line, nor kept in part at the end of a tail line.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret_masker.hpp"

namespace fd {

class OutputCollector {
 public:
  // A line longer than this is delivered in pieces, so a child that never prints a newline
  // cannot make us buffer without bound.
  static constexpr std::size_t kMaxLineBytes = std::size_t{64} * 1024;
  // Tail entries are cut to this length: the receipt's Diagnostics must stay readable.
  static constexpr std::size_t kMaxTailLineBytes = 2000;

  // `masker` (may be null) must outlive the collector.
  OutputCollector(std::function<void(std::string_view)> onLine, std::size_t tailLines,
                  std::size_t captureBytes, const SecretMasker* masker = nullptr);

  // Feeds bytes as read from the pipe; complete lines are delivered at once.
  void feed(std::string_view bytes);
  // End of output: delivers a final line that had no newline.
  void finish();

  const std::string& output() const { return output_; }
  std::vector<std::string> tail() const { return {tail_.begin(), tail_.end()}; }

 private:
  void deliver(std::string_view line);
  void splitLongLine();  // delivers pieces of partial_ while it is longer than the limit
  std::size_t pieceEnd() const;

  std::function<void(std::string_view)> onLine_;
  std::size_t tailLines_;
  std::size_t captureBytes_;
  const SecretMasker* masker_;
  std::string partial_;
  std::string output_;
  bool capped_ = false;  // output_ dropped bytes
  std::deque<std::string> tail_;
};

// The longest prefix of `text` of at most `maxBytes` that does not split a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);

}  // namespace fd
