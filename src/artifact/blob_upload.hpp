// Uploading bytes to the signed URL CreateArtifact returns: an Azure block blob, staged block by
// block (`comp=block`) and committed with a block list (`comp=blocklist`), as the toolkit does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "artifact/retry.hpp"
#include "core/result.hpp"

namespace fd {

constexpr std::size_t kBlobChunkBytes = std::size_t{8} << 20;  // the toolkit's chunk size

// Base64 of a fixed-width name: Azure wants every block id of a blob to have the same length.
std::string blockId(std::size_t index);

// <?xml …?><BlockList><Latest>id</Latest>…</BlockList>
std::string blockListXml(const std::vector<std::string>& ids);

// Put Block per chunk (retried like the Twirp calls on 429/5xx and transient transport errors),
// then Put Block List with the blob's content type. An empty content is one empty block.
Status uploadBlockBlob(const RetryingSender& sender, const std::string& signedUrl,
                       std::string_view content, const std::string& contentType,
                       std::size_t chunkBytes = kBlobChunkBytes);

}  // namespace fd
