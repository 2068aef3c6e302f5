// Makes an abbreviated SHA ambiguous: stores a blob whose id starts with the same hex digits.
#pragma once

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

#include <stdexcept>
#include <string>

#include "git/git_fixture.hpp"

namespace fd::test {

// Finds blob content whose SHA-1 starts with `prefix` (4 hex digits take ~65,536 hashes, a few
// milliseconds), writes it into the repository's object database, and returns the blob's id.
inline std::string addBlobWithPrefix(const GitFixture& repo, const std::string& prefix) {
  for (int i = 0; i < 4'000'000; ++i) {
    const std::string content = "collision candidate " + std::to_string(i);
    Poco::SHA1Engine sha1;  // a blob's id: SHA-1 of "blob <size>\0<content>"
    sha1.update("blob " + std::to_string(content.size()) + std::string(1, '\0') + content);
    if (Poco::DigestEngine::digestToHex(sha1.digest()).rfind(prefix, 0) != 0) continue;
    repo.dir().write(".collision", content);
    return repo.git("hash-object -w .collision");
  }
  throw std::runtime_error("no blob found with prefix " + prefix);
}

}  // namespace fd::test
