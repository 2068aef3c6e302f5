// Test helper: a Result's error code as text ("ok", "not found", ...), so assertions print it.
#pragma once

#include <string>

#include "core/result.hpp"

namespace fd::test {

template <typename T>
std::string codeText(const Result<T>& result) {
  return result.ok() ? "ok" : errorCodeName(result.code());
}

}  // namespace fd::test
