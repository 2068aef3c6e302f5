#include "receipt/receipt_store.hpp"

#include "receipt/receipt_archive.hpp"
#include "receipt/rename_aside.hpp"
#include "receipt/timestamp.hpp"

namespace fd {

namespace {

// Only the "Deployed at" bullet near the top is needed.
constexpr std::size_t kMaxArchivedBytes = 4 << 20;

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
    // Named after its own deploy (receipt_archive.hpp), so archives match the ledger.
    const Result<std::string> previous = fs.read(receiptPath, kMaxArchivedBytes);
    const std::optional<TimePoint> deployed =
        previous ? receiptDeployTime(*previous) : std::nullopt;
    const std::string stamp = fileTimestamp(deployed.value_or(now));
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
