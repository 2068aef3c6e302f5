// A loopback fake of the Actions results service (Twirp ArtifactService) and of the Azure blob
// endpoint its signed URLs point at. It refuses what the real services refuse: a wrong bearer
// token, backend ids that are not the token's, forbidden names, a second artifact with the same
// name (409), unknown or uneven block ids, a block list naming unstaged blocks, and a Finalize
// whose size or sha256 does not match the committed blob. The real @actions/artifact client
// uploads to it in tests/artifact, which is what makes it trustworthy for our own uploader.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"

namespace fd::test {

struct StoredArtifact {
  std::string name;
  int version = 0;
  std::string mimeType;
  std::string expiresAt;
  std::string blobPath;                             // /fake-blob/<container>/<n>.blob
  std::string signature;                            // the `sig` of its signed upload URL (decoded)
  std::map<std::string, std::string> stagedBlocks;  // block id -> bytes
  std::vector<std::string> committedBlocks;         // the block list, in order
  bool committed = false;
  std::string blob;  // the committed bytes
  std::string blobContentType;
  bool finalized = false;
  std::string id;
  std::string finalizedSize;
  std::string finalizedHash;
};

class FakeResultsService {
 public:
  FakeResultsService();
  ~FakeResultsService();
  FakeResultsService(const FakeResultsService&) = delete;
  FakeResultsService& operator=(const FakeResultsService&) = delete;

  // ACTIONS_RESULTS_URL: http://127.0.0.1:<port>/
  std::string resultsUrl() const;
  // ACTIONS_RUNTIME_TOKEN: a JWT whose scp holds Actions.Results:<run>:<job>.
  const std::string& token() const { return token_; }
  const std::string& runBackendId() const { return runBackendId_; }
  const std::string& jobBackendId() const { return jobBackendId_; }

  // The next `times` requests of `operation` ("CreateArtifact", "FinalizeArtifact", "block",
  // "blocklist") are answered with `response` and otherwise ignored.
  void failNext(const std::string& operation, const ServerResponse& response, int times = 1);

  std::optional<StoredArtifact> artifact(const std::string& name) const;
  std::vector<StoredArtifact> artifacts() const;
  // Every refused request as "<operation>: <http status> <reason>"; a faithful client that
  // triggers no fault leaves it empty.
  std::vector<std::string> rejections() const;
  std::vector<ServerRequest> requests() const { return server_->requests(); }
  // How many requests of an operation arrived (faulted ones included).
  int count(const std::string& operation) const;

 private:
  ServerResponse handle(const ServerRequest& request);
  ServerResponse twirp(const ServerRequest& request, const std::string& method);
  ServerResponse createArtifact(const ServerRequest& request);
  ServerResponse finalizeArtifact(const ServerRequest& request);
  ServerResponse blob(const ServerRequest& request);
  std::optional<ServerResponse> fault(const std::string& operation);
  ServerResponse reject(const std::string& operation, ServerResponse response,
                        const std::string& reason);

  std::string token_;
  std::string runBackendId_;
  std::string jobBackendId_;
  mutable std::mutex mutex_;
  std::vector<StoredArtifact> artifacts_;
  std::map<std::string, std::vector<ServerResponse>> faults_;
  std::map<std::string, int> counts_;
  std::vector<std::string> rejections_;
  int nextId_ = 4242;
  std::unique_ptr<LoopbackServer> server_;  // last: stopped before the state it uses goes away
};

// A JWT shaped like the runner's (header.payload.signature, base64url without padding) carrying
// `scp` as given; the signature is random.
std::string makeRuntimeToken(const std::string& scp);

}  // namespace fd::test
