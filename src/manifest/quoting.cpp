#include "manifest/quoting.hpp"

#include "core/escaping.hpp"

#include <cstdio>

namespace fd::manifest {
namespace {

bool isUtf8Continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U; }

std::string hexByte(char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02x", static_cast<unsigned char>(byte));
  return buffer;
}

}  // namespace

std::string quoted(std::string_view text, std::size_t maxBytes) {
  bool cut = false;
  if (text.size() > maxBytes) {
    std::size_t end = maxBytes;
    while (end > 0 && isUtf8Continuation(text[end])) --end;
    text = text.substr(0, end);
    cut = true;
  }
  std::string out = "\"";
  for (const char byte : text) appendCEscaped(out, byte);
  if (cut) out += "…";
  out += '"';
  return out;
}

std::string describeByte(char byte) {
  switch (byte) {
    case ' ':
      return "a space";
    case '\t':
      return "a tab";
    case '\n':
      return "a newline";
    case '\r':
      return "a carriage return";
    case '\'':
      return "a single quote";
    default:
      break;
  }
  const auto code = static_cast<unsigned char>(byte);
  if (code < 0x20U || code >= 0x7FU) return "byte 0x" + hexByte(byte);
  return std::string("'") + byte + "'";
}

}  // namespace fd::manifest
