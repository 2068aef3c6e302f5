#include "receipt/receipt_store.hpp"

#include "receipt/rename_aside.hpp"
#include "receipt/timestamp.hpp"

namespace fd {
namespace {

// "dir/DEPLOY-RECEIPT.md" + stamp -> "dir/DEPLOY-RECEIPT-<stamp>.md", then "-2", "-3", ….
std::string archiveName(const std::string& receiptPath, const std::string& stamp, int attempt) {
  const std::size_t slash = receiptPath.find_last_of('/');
  const std::size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = receiptPath.find_last_of('.');
  if (dot == std::string::npos || dot <= nameStart) dot = receiptPath.size();  // no extension
  const std::string suffix = attempt == 1 ? "" : "-" + std::to_string(attempt);
  return receiptPath.substr(0, dot) + "-" + stamp + suffix + receiptPath.substr(dot);
}

}  // namespace

Result<ReceiptWrite> writeReceipt(FileSystem& fs, const std::string& receiptPath,
                                  const std::string& markdown, bool archive,
                                  std::chrono::system_clock::time_point now) {
  ReceiptWrite written;
  if (fs.kindOf(receiptPath) == PathKind::Symlink) {  // never archived, replaced or chowned
    return makeError(ErrorCode::FailedPrecondition,
                     receiptPath + ": is a symbolic link; refusing to archive or replace it");
  }
  if (archive && fs.exists(receiptPath)) {
    const std::string stamp = fileTimestamp(now);
    Result<std::string> archived = renameAside(
        fs, receiptPath, [&](int attempt) { return archiveName(receiptPath, stamp, attempt); });
    if (!archived.ok()) {
      return makeError(archived.code(),
                       "cannot archive the previous receipt: " + archived.message());
    }
    written.archivedTo = archived.value();
  }
  if (const std::string dir = parentDirectory(receiptPath); !dir.empty()) {
    if (const Status made = fs.makeDirs(dir); !made.ok()) {
      return makeError(made.code(),
                       describeFailure("cannot create the directory", dir, made.message()));
    }
  }
  if (const Status wrote = fs.writeAtomic(receiptPath, markdown); !wrote.ok()) {
    std::string message = describeFailure("cannot write the receipt", receiptPath, wrote.message());
    if (!written.archivedTo.empty())
      message += " (the previous one is safe in " + written.archivedTo + ")";
    return makeError(wrote.code(), message);
  }
  return written;
}

}  // namespace fd
