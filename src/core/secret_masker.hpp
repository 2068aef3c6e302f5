// One list of secret values, applied at every sink: log, receipt, summary, outputs, state, ledger.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd {

class SecretMasker {
 public:
  static constexpr std::size_t kMinLength = 4;  // shorter values would mask ordinary text
  static constexpr std::string_view kMask = "***";

  // A multi-line value is registered line by line, as the runner does.
  void add(std::string_view secret);
  std::string mask(std::string_view text) const;
  const std::vector<std::string>& secrets() const { return secrets_; }

 private:
  std::vector<std::string> secrets_;  // longest first, so a secret inside another is masked whole
};

}  // namespace fd
