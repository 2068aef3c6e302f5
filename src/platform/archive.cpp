#include "platform/archive.hpp"

#include <array>
#include <istream>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

namespace fd {

namespace {

constexpr std::size_t kBlock = 512;

std::string normalized(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  return std::string(path);
}

// A NUL-terminated field of a tar header.
std::string field(const std::array<char, kBlock>& header, std::size_t at, std::size_t length) {
  std::size_t end = at;
  while (end < at + length && header[end] != '\0') ++end;
  return {header.data() + at, end - at};
}

// The octal size field; tar writers pad it with spaces or NULs.
Result<std::size_t> octalSize(const std::array<char, kBlock>& header) {
  std::size_t size = 0;
  for (std::size_t i = 124; i < 136; ++i) {
    const char c = header[i];
    if (c == '\0' || c == ' ') continue;
    if (c < '0' || c > '7') return makeError(ErrorCode::InvalidArgument, "bad tar size field");
    size = size * 8 + static_cast<std::size_t>(c - '0');
  }
  return size;
}

// The "path" record of a PAX extended header ("<length> path=<value>\n" records), or "".
std::string paxPath(std::string_view records) {
  while (!records.empty()) {
    const std::size_t space = records.find(' ');
    if (space == std::string_view::npos) break;
    std::size_t length = 0;
    for (const char c : records.substr(0, space)) {
      if (c < '0' || c > '9') return "";
      length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (length <= space || length > records.size()) return "";
    const std::string_view record = records.substr(space + 1, length - space - 2);  // no '\n'
    if (record.starts_with("path=")) return std::string(record.substr(5));
    records.remove_prefix(length);
  }
  return "";
}

// Reads `size` bytes (plus the padding to a block) into `out` when `keep`, else skips them.
bool readData(std::istream& in, std::size_t size, bool keep, std::string& out) {
  const std::size_t padded = (size + kBlock - 1) / kBlock * kBlock;
  std::array<char, std::size_t{64} * 1024> buffer{};
  std::size_t left = padded;
  if (keep) out.reserve(size);
  while (left > 0) {
    const std::size_t chunk = std::min(left, buffer.size());
    in.read(buffer.data(), static_cast<std::streamsize>(chunk));
    if (static_cast<std::size_t>(in.gcount()) != chunk) return false;
    const std::size_t consumed = padded - left;
    if (keep && consumed < size) out.append(buffer.data(), std::min(chunk, size - consumed));
    left -= chunk;
  }
  return true;
}

Result<std::string> fromTar(std::istream& in, const std::string& member, std::size_t maxBytes) {
  std::array<char, kBlock> header{};
  std::string nextName;  // from a PAX or GNU long-name entry, for the entry that follows
  while (true) {
    in.read(header.data(), kBlock);
    if (in.gcount() != static_cast<std::streamsize>(kBlock)) break;
    if (header[0] == '\0') break;  // the end-of-archive blocks
    Result<std::size_t> size = octalSize(header);
    if (!size) return size.error();
    const char type = header[156];
    const std::string prefix = field(header, 345, 155);
    std::string name =
        nextName.empty() ? (prefix.empty() ? "" : prefix + "/") + field(header, 0, 100) : nextName;
    nextName.clear();
    const bool meta = type == 'x' || type == 'L';
    const bool wanted = (type == '0' || type == '\0') && normalized(name) == member;
    if (wanted && *size > maxBytes) {
      return makeError(ErrorCode::ResourceExhausted,
                       member + " is larger than " + std::to_string(maxBytes) + " bytes");
    }
    std::string data;
    if (!readData(in, *size, wanted || (meta && *size <= kBlock * 16), data)) break;
    if (wanted) return data;
    if (type == 'x') nextName = paxPath(data);
    if (type == 'L') nextName = data.substr(0, data.find('\0'));
  }
  if (in.bad() || (in.fail() && !in.eof())) {
    return makeError(ErrorCode::InvalidArgument, "corrupt archive: truncated, or not a gzip'd tar");
  }
  return makeError(ErrorCode::NotFound, "no file " + member + " in the archive");
}

Result<std::string> fromZip(std::string_view archive, const std::string& member,
                            std::size_t maxBytes) {
  std::istringstream in{std::string(archive)};
  Poco::Zip::ZipArchive zip(in);
  for (auto it = zip.headerBegin(); it != zip.headerEnd(); ++it) {
    if (!it->second.isFile() || normalized(it->first) != member) continue;
    if (it->second.getUncompressedSize() > maxBytes) {
      return makeError(ErrorCode::ResourceExhausted,
                       member + " is larger than " + std::to_string(maxBytes) + " bytes");
    }
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second);
    std::ostringstream out;
    out << entry.rdbuf();
    return out.str();
  }
  return makeError(ErrorCode::NotFound, "no file " + member + " in the archive");
}

}  // namespace

ArchiveKind archiveKindOf(std::string_view url) {
  const std::size_t query = url.find_first_of("?#");
  if (query != std::string_view::npos) url = url.substr(0, query);
  if (url.ends_with(".tar.gz") || url.ends_with(".tgz")) return ArchiveKind::TarGz;
  if (url.ends_with(".zip")) return ArchiveKind::Zip;
  return ArchiveKind::Plain;
}

Result<std::string> extractMember(std::string_view archive, ArchiveKind kind,
                                  std::string_view member, std::size_t maxBytes) {
  if (kind == ArchiveKind::Plain) return std::string(archive);
  const std::string wanted = normalized(member);
  try {
    if (kind == ArchiveKind::Zip) return fromZip(archive, wanted, maxBytes);
    std::istringstream compressed{std::string(archive)};
    Poco::InflatingInputStream in(compressed, Poco::InflatingStreamBuf::STREAM_GZIP);
    return fromTar(in, wanted, maxBytes);
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::InvalidArgument, "corrupt archive: " + e.displayText());
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidArgument, std::string("corrupt archive: ") + e.what());
  }
}

}  // namespace fd
