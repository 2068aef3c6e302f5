// Lets Boost.Test print fd::ErrorCode in failed assertions (BOOST_TEST(r.code() == ...)).
#pragma once

#include <ostream>

#include "core/result.hpp"

namespace fd {

inline std::ostream& boost_test_print_type(std::ostream& out, ErrorCode code) {
  return out << errorCodeName(code);
}

}  // namespace fd
