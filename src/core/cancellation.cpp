#include "core/cancellation.hpp"

#include <csignal>

namespace fd {

namespace {
extern "C" void onSignal(int signal) { Cancellation::request(signal); }
}  // namespace

namespace {
std::string nameOf(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "SIGINT/SIGTERM";
  }
}
}  // namespace

std::string Cancellation::signalName() { return nameOf(state().first.load()); }
std::string Cancellation::lastSignalName() { return nameOf(state().last.load()); }

void Cancellation::installSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking waits wake up with EINTR
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace fd
