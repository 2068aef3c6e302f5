// One file out of a downloaded release archive: a platform CLI's binary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fd {

enum class ArchiveKind { TarGz, Zip, Plain };

// The kind a release asset's name says: .tar.gz/.tgz, .zip, anything else is the file itself.
ArchiveKind archiveKindOf(std::string_view url);

// The regular file `member` (a path inside the archive; a leading "./" is ignored) of `archive`,
// at most `maxBytes` unpacked. NotFound names the member; InvalidArgument says what is corrupt.
// A Plain archive is the file itself.
Result<std::string> extractMember(std::string_view archive, ArchiveKind kind,
                                  std::string_view member, std::size_t maxBytes);

}  // namespace fd
