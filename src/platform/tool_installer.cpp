#include "platform/tool_installer.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>
#include <Poco/URI.h>

#include "core/text.hpp"
#include "platform/archive.hpp"

namespace fd {

namespace {

constexpr int kMaxRedirects = 5;
constexpr std::size_t kMaxAssetBytes = 256u << 20;  // flyctl's asset is about 30 MB
constexpr std::size_t kMaxBinaryBytes = 512u << 20;
constexpr auto kDownloadTimeout = std::chrono::minutes(5);

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// `location` resolved against `base`; empty when it is not a URL.
std::string resolved(const std::string& base, const std::string& location) {
  try {
    Poco::URI uri(base);
    uri.resolve(location);
    return uri.toString();
  } catch (const Poco::Exception&) {
    return "";
  }
}

std::string singleQuoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string sha256Of(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

Result<std::string> toolCacheRoot(const Environment& env) {
  const auto nonEmpty = [&env](const char* name) { return trim(env.get(name).value_or("")); };
  if (const std::string temp = nonEmpty("RUNNER_TEMP"); !temp.empty()) {
    return temp + "/factory-deploy-tools";
  }
  if (const std::string cache = nonEmpty("XDG_CACHE_HOME"); !cache.empty()) {
    return cache + "/factory-deploy/tools";
  }
  if (const std::string home = nonEmpty("HOME"); !home.empty()) {
    return home + "/.cache/factory-deploy/tools";
  }
  return makeError(ErrorCode::FailedPrecondition,
                   "nowhere to keep a downloaded CLI: none of RUNNER_TEMP, XDG_CACHE_HOME and "
                   "HOME is set");
}

std::string findOnPath(const std::string& command, const std::string& path, const FileSystem& fs) {
  for (const std::string& entry : split(path, ':')) {
    std::string dir = entry.empty() ? "." : entry;
    std::string candidate = dir;
    candidate += "/";
    candidate += command;
    if (fs.exists(candidate)) return dir;
  }
  return "";
}

ToolInstaller::ToolInstaller(HttpClient& http, FileSystem& fs, Log& log, std::string cacheRoot)
    : http_(http), fs_(fs), log_(log), cacheRoot_(std::move(cacheRoot)) {}

Result<std::string> ToolInstaller::download(const std::string& url) {
  std::string current = url;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    HttpRequest request;
    request.url = current;
    request.timeout = kDownloadTimeout;
    request.maxBodyBytes = kMaxAssetBytes;
    request.headers = {{"User-Agent", "factory-deploy"}, {"Accept", "application/octet-stream"}};
    Result<HttpResponse> response = http_.send(request);
    if (!response) {
      return makeError(ErrorCode::Unavailable,
                       "download of " + current + " failed: " + response.message());
    }
    if (response->status == 200) return std::move(response->body);
    if (!isRedirect(response->status)) {
      return makeError(ErrorCode::Unavailable, "download of " + current + " answered HTTP " +
                                                   std::to_string(response->status));
    }
    const std::string next = resolved(current, response->header("Location").value_or(""));
    if (next.empty()) {
      return makeError(ErrorCode::Unavailable,
                       "download of " + current + " redirected without a usable Location");
    }
    // A release asset is fetched over HTTPS end to end once it starts there.
    if (startsWith(current, "https://") && !startsWith(next, "https://")) {
      return makeError(ErrorCode::FailedPrecondition,
                       "download of " + current + " redirected to a non-HTTPS URL: refused");
    }
    current = next;
  }
  return makeError(ErrorCode::Unavailable, "download of " + url + ": more than " +
                                               std::to_string(kMaxRedirects) + " redirects");
}

Result<std::string> ToolInstaller::install(const ToolPin& pin) {
  const std::string dir =
      cacheRoot_ + "/" + pin.name + "-" + pin.version + "-" + pin.sha256.substr(0, 12);
  const std::string marker = dir + "/.sha256";
  const std::string binary = dir + "/" + pin.commands.front();
  const Result<std::string> verified = fs_.read(marker, 128);
  if (verified && trim(*verified) == pin.sha256 && fs_.exists(binary)) {
    log_.info(pin.name + " " + pin.version + ": using " + dir + " (verified when downloaded)");
    return dir;
  }
  log_.info(pin.name + " " + pin.version + ": downloading " + pin.url);
  Result<std::string> asset = download(pin.url);
  if (!asset) return asset.error();
  const std::string actual = sha256Of(*asset);
  if (actual != pin.sha256) {
    return makeError(ErrorCode::FailedPrecondition,
                     pin.url + ": SHA-256 " + actual + " is not the pinned " + pin.sha256 +
                         "; refusing to run it (a changed or corrupt release asset)");
  }
  Result<std::string> program =
      extractMember(*asset, archiveKindOf(pin.url), pin.member, kMaxBinaryBytes);
  if (!program) return makeError(program.code(), pin.url + ": " + program.message());
  if (Status made = fs_.makeDirs(dir); !made) return made.error();
  if (Status written = fs_.writeExecutable(binary, *program); !written) return written.error();
  for (std::size_t i = 1; i < pin.commands.size(); ++i) {
    const std::string alias = "#!/bin/sh\nexec " + singleQuoted(binary) + " \"$@\"\n";
    if (Status written = fs_.writeExecutable(dir + "/" + pin.commands[i], alias); !written) {
      return written.error();
    }
  }
  if (Status written = fs_.writeAtomic(marker, pin.sha256 + "\n"); !written) {
    return written.error();
  }
  log_.info(pin.name + " " + pin.version + ": SHA-256 verified (" + actual + "), installed in " +
            dir);
  return dir;
}

}  // namespace fd
