// The runtime-token reader: any bytes as the `scp` claim, as a whole ACTIONS_RUNTIME_TOKEN, and
// as the JSON payload of a well-formed token (so the fuzzer reaches the claim through the JWT).
#include <Poco/Base64Encoder.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "artifact/runtime_token.hpp"
#include "fuzz_check.hpp"

namespace {

std::string base64Url(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

void checkIds(const fd::Result<fd::BackendIds>& ids) {
  if (!ids.ok()) return;
  for (const std::string* id : {&ids->workflowRun, &ids->workflowJobRun}) {
    FD_FUZZ_CHECK(!id->empty());
    FD_FUZZ_CHECK(id->find(' ') == std::string::npos && id->find(':') == std::string::npos);
  }
}

// Messages never quote the token (it is a secret) and stay short. A short token may by chance be
// part of the fixed wording ("ACTIONS_RUNTIME_TOKEN: not a JWT"), so only longer ones are looked
// for; real tokens are about a kilobyte.
void checkTokenNotQuoted(const fd::Result<fd::BackendIds>& ids, std::string_view token) {
  if (ids.ok()) return;
  FD_FUZZ_CHECK(ids.message().size() <= 160);
  if (token.size() > 160) FD_FUZZ_CHECK(ids.message().find(token) == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fd::fuzz::asText(data, size);
  checkIds(fd::parseResultsScope(text));

  const fd::Result<fd::BackendIds> raw = fd::backendIdsFromToken(text);
  checkIds(raw);
  checkTokenNotQuoted(raw, text);

  const std::string token = "eyJhbGciOiJSUzI1NiJ9." + base64Url(text) + ".c2lnbmF0dXJl";
  const fd::Result<fd::BackendIds> wrapped = fd::backendIdsFromToken(token);
  checkIds(wrapped);
  checkTokenNotQuoted(wrapped, token);
  return 0;
}
