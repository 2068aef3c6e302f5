#include "leaks/leak_scan.hpp"

namespace fd::test {

namespace {

// Up to 30 characters either side of the hit, on one line.
std::string around(const std::string& text, std::size_t at, std::size_t length) {
  const std::size_t start = at > 30 ? at - 30 : 0;
  std::string shown = text.substr(start, length + (at - start) + 30);
  for (char& c : shown) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return shown;
}

void scanOne(const Sink& sink, const Sentinel& secret, std::vector<Leak>& leaks) {
  const std::string& value = secret.value;
  const std::pair<std::string, std::string> needles[] = {
      {"whole value", value},
      {"first 8 characters", value.substr(0, kFragment)},
      {"last 8 characters", value.substr(value.size() - kFragment)}};
  for (const auto& [part, needle] : needles) {
    const std::size_t at = sink.text.find(needle);
    if (at == std::string::npos) continue;
    leaks.push_back({sink.name, secret.name, part, around(sink.text, at, needle.size())});
    return;  // the most telling hit is enough
  }
}

}  // namespace

std::vector<Leak> findLeaks(const std::vector<Sink>& sinks, const std::vector<Sentinel>& secrets) {
  std::vector<Leak> leaks;
  for (const Sink& sink : sinks) {
    for (const Sentinel& secret : secrets) scanOne(sink, secret, leaks);
  }
  return leaks;
}

std::string describe(const std::vector<Leak>& leaks) {
  std::string text;
  for (const Leak& leak : leaks) {
    text +=
        "\n  " + leak.sink + ": " + leak.sentinel + " (" + leak.part + "): …" + leak.context + "…";
  }
  return text;
}

std::string escapeCommandData(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace fd::test
