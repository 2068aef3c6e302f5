// makeLocalPublisher: locally the receipt file is the whole story; say where it is.
#include "action/action_mode.hpp"

namespace fd {

namespace {

class LocalPublisher : public Publisher {
 public:
  explicit LocalPublisher(Log& log) : log_(log) {}

  void publish(DeployRecord& record, const std::string& /*receiptMarkdown*/,
               const std::string& receiptPath) override {
    if (record.dryRun) return log_.info("dry run: the receipt was left untouched");
    const std::string& path = receiptPath.empty() ? record.receiptPath : receiptPath;
    log_.info("receipt: " + path);
  }

 private:
  Log& log_;
};

}  // namespace

std::unique_ptr<Publisher> makeLocalPublisher(Log& log) {
  return std::make_unique<LocalPublisher>(log);
}

}  // namespace fd
