// updateDeployPhase(): read, merge (state_merge.cpp), back up a corrupt file, write atomically.
#include "receipt/state_store.hpp"

#include "receipt/rename_aside.hpp"
#include "receipt/timestamp.hpp"

namespace fd {
namespace {

constexpr std::size_t kMaxStateBytes = 8 << 20;

// The current text: "" when there is no file; unreadable-but-present is an error.
Result<std::string> readState(const FileSystem& fs, const std::string& path) {
  if (fs.kindOf(path) == PathKind::Symlink) {  // its target may be any file root can read
    return makeError(ErrorCode::FailedPrecondition,
                     path + ": is a symbolic link; refusing to follow it");
  }
  if (!fs.exists(path)) return std::string();
  Result<std::string> text = fs.read(path, kMaxStateBytes);
  if (!text.ok() && text.code() == ErrorCode::NotFound) return std::string();  // lost a race
  return text;
}

Result<std::string> backUpCorrupt(FileSystem& fs, const std::string& path,
                                  std::chrono::system_clock::time_point time) {
  const std::string stamp = fileTimestamp(time);
  return renameAside(fs, path, [&](int attempt) {
    return path + ".corrupt-" + stamp + (attempt == 1 ? "" : "-" + std::to_string(attempt));
  });
}

}  // namespace

Status updateDeployPhase(FileSystem& fs, const std::string& statePath,
                         const DeployPhaseUpdate& update, std::vector<std::string>& warnings) {
  Result<std::string> current = readState(fs, statePath);
  std::string why;
  if (!current.ok()) {
    if (current.code() != ErrorCode::ResourceExhausted) {
      return makeError(current.code(),
                       describeFailure("cannot read", statePath, current.message()));
    }
    why = "too large to be a state file (" + current.message() + ")";
  }
  Result<std::string> merged = why.empty() ? mergeDeployPhase(current.value(), update)
                                           : makeError(ErrorCode::InvalidArgument, why);
  if (!merged.ok()) {
    // Never discard what we cannot read: move it aside, then start over.
    const Result<std::string> backup = backUpCorrupt(fs, statePath, update.time);
    if (!backup.ok()) {
      return makeError(backup.code(), statePath + ": " + merged.message() +
                                          ", and it could not be backed up: " + backup.message());
    }
    warnings.push_back("WARNING: " + statePath + ": " + merged.message() + ". Moved it to " +
                       backup.value() + " and started a fresh state file.");
    merged = mergeDeployPhase("", update);
    if (!merged.ok()) return merged.error();
  }
  if (const std::string dir = parentDirectory(statePath); !dir.empty()) {
    if (const Status made = fs.makeDirs(dir); !made.ok()) {
      return makeError(made.code(),
                       describeFailure("cannot create the directory", dir, made.message()));
    }
  }
  if (const Status wrote = fs.writeAtomic(statePath, merged.value()); !wrote.ok()) {
    return makeError(wrote.code(), describeFailure("cannot write", statePath, wrote.message()));
  }
  return okStatus();
}

}  // namespace fd
