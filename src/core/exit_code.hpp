// Exit codes (INTERFACE §7).
#pragma once

namespace fd {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitRolledBack = 3;
inline constexpr int kExitRollbackFailed = 4;

}  // namespace fd
