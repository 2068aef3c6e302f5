// Names for archived receipts. An archive is named after the archived receipt's own deploy time
// (its "Deployed at"), so archives sort by deploy and match the ledger's entries; a receipt of a
// run that deployed nothing is named after the time it is archived. Two receipts of one second
// take -2, -3… in deploy order, and the ledger knows which is which before either is archived.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/iso_timestamp.hpp"
#include "core/ports/file_system.hpp"

namespace fd {

// The "Deployed at" time of a receipt (this tool's or the factory's Output Template), or nullopt
// for "not deployed" and for text that is not a receipt.
std::optional<TimePoint> receiptDeployTime(std::string_view markdown);

// "dir/DEPLOY-RECEIPT.md" + stamp -> "dir/DEPLOY-RECEIPT-<stamp>.md", then -2, -3….
std::string archiveName(const std::string& receiptPath, const std::string& stamp, int attempt);

// Where the receipt now at `receiptPath` goes when archived at `now` (its own deploy time, else
// `now`): the first candidate not taken. Empty when there is no receipt there.
std::string archiveTarget(const FileSystem& fs, const std::string& receiptPath, TimePoint now);

// The archive name the receipt of a deploy at `deployedAt`, about to be written to `receiptPath`,
// will have once a later run archives it: the first candidate not taken and not the one the
// current receipt is about to take. `displayPath` is how the ledger names the receipt (relative);
// the result is relative the same way.
std::string plannedArchiveName(const FileSystem& fs, const std::string& receiptPath,
                               const std::string& displayPath, TimePoint deployedAt, TimePoint now);

}  // namespace fd
