#include "local/deploy_lock.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "receipt/receipt_renderer.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxLockBytes = 64 << 10;

struct Holder {
  LockOwner owner;
  std::string sha;
  std::string since;
};

std::string lockJson(const LockOwner& self, const std::string& environment, const std::string& sha,
                     const std::string& since) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("pid");
  json.Int64(self.pid);
  json.Key("host");
  json.String(self.host.c_str());
  json.Key("environment");
  json.String(environment.c_str());
  json.Key("sha");
  json.String(sha.c_str());
  json.Key("started_at");
  json.String(since.c_str());
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Holder parseHolder(const std::string& text) {
  Holder holder;
  rapidjson::Document json;
  json.Parse(text.c_str(), text.size());
  if (json.HasParseError() || !json.IsObject()) return holder;
  const auto text_ = [&json](const char* name) {
    const auto found = json.FindMember(name);
    return found != json.MemberEnd() && found->value.IsString()
               ? std::string(found->value.GetString())
               : std::string();
  };
  const auto pid = json.FindMember("pid");
  if (pid != json.MemberEnd() && pid->value.IsInt64())
    holder.owner.pid = static_cast<long>(pid->value.GetInt64());
  holder.owner.host = text_("host");
  holder.sha = text_("sha");
  holder.since = text_("started_at");
  return holder;
}

}  // namespace

LockOwner currentProcess() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return LockOwner{static_cast<long>(getpid()), host};
}

bool processAlive(long pid) {
  if (pid <= 0) return false;
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

DeployLock::DeployLock(FileSystem& fs, Log& log, Clock& clock, std::string directory,
                       LockOwner self, ProcessAlive alive)
    : fs_(fs),
      log_(log),
      clock_(clock),
      directory_(std::move(directory)),
      self_(std::move(self)),
      alive_(std::move(alive)) {}

std::string DeployLock::pathFor(const std::string& environment) const {
  return directory_ + "/deploy-" + environment + ".lock";
}

Status DeployLock::create(const std::string& path, const std::string& content) {
  const std::string staging = path + "." + std::to_string(self_.pid) + ".tmp";
  Status written = fs_.writeAtomic(staging, content);
  if (!written) return written;
  Status placed = fs_.renameNoReplace(staging, path);  // exclusive: never replaces a holder
  if (!placed) (void)fs_.remove(staging);
  return placed;
}

Status DeployLock::acquire(const std::string& environment, const std::string& sha) {
  const std::string path = pathFor(environment);
  if (Status dirs = fs_.makeDirs(directory_); !dirs) return dirs;
  const std::string content = lockJson(self_, environment, sha, isoTimestamp(clock_.now()));
  for (int attempt = 0; attempt < 2; ++attempt) {
    Status created = create(path, content);
    if (created) {
      held_ = path;
      return okStatus();
    }
    if (created.code() != ErrorCode::FailedPrecondition) return created;
    Result<std::string> text = fs_.read(path, kMaxLockBytes);
    const Holder holder = text ? parseHolder(*text) : Holder{};
    const bool here = !holder.owner.host.empty() && holder.owner.host == self_.host;
    if (here && holder.owner.pid > 0 && !alive_(holder.owner.pid)) {
      log_.warning(path + ": left by process " + std::to_string(holder.owner.pid) +
                   ", which no longer runs (a crashed deploy?); taking it over");
      (void)fs_.remove(path);
      continue;
    }
    std::string message = "another deploy to " + environment + " is in progress: ";
    message += path;
    message += " is held by " +
               (holder.owner.pid > 0 ? "process " + std::to_string(holder.owner.pid)
                                     : std::string("an unknown process")) +
               (holder.owner.host.empty() ? "" : " on " + holder.owner.host) +
               (holder.sha.empty() ? "" : ", deploying " + holder.sha.substr(0, 7)) +
               (holder.since.empty() ? "" : " since " + holder.since);
    message +=
        "; nothing was deployed. Wait for it to finish, then deploy again (if no deploy is "
        "running, delete ";
    message += path;
    message += ")";
    return makeError(ErrorCode::Aborted, message);
  }
  return makeError(ErrorCode::Aborted, path + ": could not take over a stale lock");
}

void DeployLock::release() {
  if (held_.empty()) return;
  const Status removed = fs_.remove(held_);
  if (!removed) log_.warning("could not remove " + held_ + ": " + removed.message());
  held_.clear();
}

}  // namespace fd
