// Local mode's prod confirmation: --confirm <app_name>, or typed at a prompt on a TTY (§5.4).
#pragma once

#include "core/ports/console.hpp"
#include "core/ports/mode.hpp"

namespace fd {

class LocalConfirmation : public ConfirmationGate {
 public:
  explicit LocalConfirmation(Console& console) : console_(console) {}
  GateResult check(const DeployContext& context) override;

 private:
  Console& console_;
};

}  // namespace fd
