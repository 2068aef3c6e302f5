// The Link-header parser: any bytes, as the `Link` response header of a GitHub list endpoint.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "github/link_header.hpp"

namespace {

void checkFound(std::string_view header, const std::optional<std::string>& target) {
  if (!target) return;
  FD_FUZZ_CHECK(!target->empty());
  FD_FUZZ_CHECK(header.find(*target) != std::string_view::npos);  // quoted as sent, never built
  FD_FUZZ_CHECK(target->find('>') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header = fd::fuzz::asText(data, size);
  checkFound(header, fd::github::findLink(header));
  checkFound(header, fd::github::findLink(header, "last"));
  checkFound(header, fd::github::findLink(header, ""));
  return 0;
}
