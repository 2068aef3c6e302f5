#include "deploy/excerpt.hpp"

#include "deploy/output_collector.hpp"

namespace fd {

std::string excerpt(std::string_view text, std::size_t maxChars) {
  const std::string_view kept = utf8Prefix(text, maxChars);
  std::string out;
  out.reserve(kept.size() + 3);
  for (const char c : kept) {
    const auto byte = static_cast<unsigned char>(c);
    const bool control = byte < 0x20 || byte == 0x7f;
    out += (control || c == '|' || c == '`') ? '?' : c;
  }
  if (kept.size() < text.size()) out += "…";
  return out;
}

}  // namespace fd
