// Helpers the bypass tests share: a receipt's gate row, and a repository whose deploy command
// leaves a marker, so "nothing was deployed" is a fact a test can check.
#pragma once

#include <string>

#include "support/deploy_repo.hpp"

namespace fd::test::bypass {

// The receipt's line for `gate` ("| Checkout | YES | FAIL | … |"), or empty when there is none.
inline std::string gateRow(const std::string& receipt, const std::string& gate) {
  const std::string start = "| " + gate + " |";
  std::size_t at = 0;
  while ((at = receipt.find(start, at)) != std::string::npos) {
    if (at == 0 || receipt[at - 1] == '\n') {
      const std::size_t end = receipt.find('\n', at);
      return receipt.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    at += start.size();
  }
  return "";
}

// The row as the receipt renders it.
inline std::string row(const std::string& gate, bool required, const std::string& status,
                       const std::string& notes) {
  return "| " + gate + " | " + (required ? "YES" : "NO") + " | " + status + " | " + notes + " |";
}

inline std::string shortSha(const std::string& sha) { return sha.substr(0, 7); }

// The deploy command touches scratch/deployed: a refused run must leave no such file.
inline void markingDeploys(DeployRepo& repo) {
  repo.write("bin/deploy.sh", "touch \"$FD_IT_SCRATCH/deployed\"\necho deployed\n");
}

// A repository set up as the factory leaves it, with manifest URLs that nothing listens on
// (the tests here are refused before any health check, or deploy alpha).
inline void initRefusedRepo(DeployRepo& repo, const std::string& extra = "") {
  markingDeploys(repo);
  ManifestSpec spec("http://127.0.0.1:9");
  spec.extra = extra;
  repo.init(spec);
}

}  // namespace fd::test::bypass
