// A console that keeps every out() call apart, to check that each is one whole, flushed line.
#pragma once

#include <string>
#include <vector>

#include "support/fakes.hpp"

namespace fd::test {

class CallRecordingConsole : public FakeConsole {
 public:
  std::vector<std::string> outCalls;
  void out(std::string_view text) override {
    outCalls.emplace_back(text);
    FakeConsole::out(text);
  }
};

// Random that hands out a queue of hex strings (then repeats the last).
class QueuedRandom : public Random {
 public:
  std::vector<std::string> hexes;
  std::size_t next = 0;
  std::string hex(std::size_t chars) override {
    const std::string& value = hexes[std::min(next, hexes.size() - 1)];
    ++next;
    return value.substr(0, chars);
  }
  double unit() override { return 0.5; }
};

}  // namespace fd::test
