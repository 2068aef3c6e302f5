#include "receipt/rename_aside.hpp"

namespace fd {

namespace {
// Far more than any real directory holds for one second's timestamp; stops a runaway loop.
constexpr int kMaxAttempts = 1000;
}  // namespace

Result<std::string> renameAside(FileSystem& fs, const std::string& from,
                                const std::function<std::string(int attempt)>& candidate) {
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    const std::string to = candidate(attempt);
    const Status renamed = fs.renameNoReplace(from, to);
    if (renamed.ok()) return to;
    if (renamed.code() != ErrorCode::FailedPrecondition) {
      return makeError(renamed.code(),
                       describeFailure("cannot rename " + from + " to", to, renamed.message()));
    }
  }
  return makeError(ErrorCode::ResourceExhausted,
                   from + ": no free name after " + std::to_string(kMaxAttempts) +
                       " attempts (last tried " + candidate(kMaxAttempts) + ")");
}

std::string parentDirectory(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string describeFailure(const std::string& what, const std::string& path,
                            const std::string& cause) {
  // Adapters usually start their message with the path already; do not say it twice.
  if (cause.rfind(path, 0) == 0) return what + " " + cause;
  return what + " " + path + ": " + cause;
}

}  // namespace fd
