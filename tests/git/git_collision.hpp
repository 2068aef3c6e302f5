// Makes an abbreviated SHA ambiguous: stores a blob whose id starts with the same hex digits.
#pragma once

#include <git2.h>

#include <array>
#include <stdexcept>
#include <string>

#include "git/git_fixture.hpp"
#include "git/libgit2_session.hpp"

namespace fd::test {

// Finds blob content whose SHA-1 starts with `prefix` (4 hex digits take ~65,536 hashes, a few
// milliseconds), writes it into the repository's object database, and returns the blob's id.
inline std::string addBlobWithPrefix(const GitFixture& repo, const std::string& prefix) {
  const Libgit2Session session;
  for (int i = 0; i < 4'000'000; ++i) {
    const std::string content = "collision candidate " + std::to_string(i);
    git_oid oid{};
    if (git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB) < 0) break;
    std::array<char, GIT_OID_HEXSZ + 1> hex{};
    git_oid_tostr(hex.data(), hex.size(), &oid);
    if (std::string(hex.data()).rfind(prefix, 0) != 0) continue;
    repo.dir().write(".collision", content);
    return repo.git("hash-object -w .collision");
  }
  throw std::runtime_error("no blob found with prefix " + prefix);
}

}  // namespace fd::test
