#include "history/command_log.hpp"

#include "action/action_mode.hpp"

namespace fd {

CommandLog::CommandLog(Console& console)
    : console_(console), log_(makeConsoleLog(console_, masker_)) {}

}  // namespace fd
