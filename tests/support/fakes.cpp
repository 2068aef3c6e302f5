#include "support/fakes.hpp"

#include <algorithm>

#include "core/cancellation.hpp"

namespace fd::test {

namespace {

// Every symbolic link on the way replaced by its target, as the kernel resolves a path.
std::string resolveLinks(const std::map<std::string, std::string>& links, std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    bool replaced = false;
    for (std::size_t end = path.find('/', 1);; end = path.find('/', end + 1)) {
      const std::string prefix = path.substr(0, end);
      const auto link = links.find(prefix);
      if (link != links.end()) {
        path = link->second + (end == std::string::npos ? "" : path.substr(end));
        replaced = true;
        break;
      }
      if (end == std::string::npos) break;
    }
    if (!replaced) return path;
  }
  return path;
}

}  // namespace

PathKind FakeFileSystem::kindOf(const std::string& path) const {
  if (symlinks.count(path) > 0) return PathKind::Symlink;
  if (files.count(path) > 0) return PathKind::File;
  return exists(path) ? PathKind::Directory : PathKind::Missing;
}

Result<std::string> FakeFileSystem::canonical(const std::string& path) const {
  const std::string resolved = resolveLinks(symlinks, path);
  if (!exists(resolved)) return makeError(ErrorCode::NotFound, path + ": no such file");
  return resolved;
}

bool FakeFileSystem::exists(const std::string& path) const {
  if (symlinks.count(path) > 0) return exists(resolveLinks(symlinks, path));
  if (files.count(path) > 0) return true;
  const std::string prefix = path + "/";
  return std::any_of(files.begin(), files.end(),
                     [&](const auto& entry) { return entry.first.rfind(prefix, 0) == 0; });
}

Result<std::string> FakeFileSystem::read(const std::string& path, std::size_t maxBytes) const {
  if (failRead && failRead(path)) return makeError(ErrorCode::Unavailable, path + ": I/O error");
  const auto found = files.find(resolveLinks(symlinks, path));
  if (found == files.end()) return makeError(ErrorCode::NotFound, path + ": no such file");
  if (found->second.size() > maxBytes) {
    return makeError(ErrorCode::ResourceExhausted,
                     path + ": larger than " + std::to_string(maxBytes) + " bytes");
  }
  return found->second;
}

Status FakeFileSystem::writeAtomic(const std::string& path, std::string_view content) {
  if (failWrites) return makeError(ErrorCode::Unavailable, path + ": no space left on device");
  files[path] = std::string(content);
  return okStatus();
}

Status FakeFileSystem::writeExecutable(const std::string& path, std::string_view content) {
  Status written = writeAtomic(path, content);
  if (written) executables.insert(path);
  return written;
}

Status FakeFileSystem::append(const std::string& path, std::string_view content) {
  if (failWrites) return makeError(ErrorCode::Unavailable, path + ": no space left on device");
  if (symlinks.count(path) > 0) {
    return makeError(ErrorCode::FailedPrecondition, path + ": is a symbolic link");
  }
  files[path] += content;
  return okStatus();
}

Status FakeFileSystem::renameNoReplace(const std::string& from, const std::string& to) {
  if (beforeRename) beforeRename(to);
  if (failWrites) return makeError(ErrorCode::Unavailable, to + ": no space left on device");
  if (files.count(to) > 0) return makeError(ErrorCode::FailedPrecondition, to + ": exists");
  const auto found = files.find(from);
  if (found == files.end()) return makeError(ErrorCode::NotFound, from + ": no such file");
  files[to] = found->second;
  files.erase(found);
  return okStatus();
}

Status FakeFileSystem::makeDirs(const std::string& /*path*/) { return okStatus(); }

Status FakeFileSystem::matchOwner(const std::string& path, const std::string& reference) {
  owners[path] = reference;
  return okStatus();
}

std::vector<std::string> FakeFileSystem::list(const std::string& directory) const {
  std::vector<std::string> names;
  const std::string prefix = directory + "/";
  for (const auto& [path, content] : files) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string rest = path.substr(prefix.size());
    if (rest.find('/') == std::string::npos) names.push_back(rest);
  }
  return names;
}

Status FakeFileSystem::remove(const std::string& path) {
  if (failWrites) return makeError(ErrorCode::Unavailable, path + ": cannot remove: read-only");
  files.erase(path);
  return okStatus();
}

void FakeProcessRunner::on(const std::string& contains, int exitCode,
                           std::vector<std::string> lines) {
  CommandResult result;
  result.exitCode = exitCode;
  for (const std::string& line : lines) result.output += line + "\n";
  result.tail = lines;
  rules.push_back(Rule{contains, result, std::move(lines)});
}

Result<CommandResult> FakeProcessRunner::run(const CommandSpec& spec) {
  calls.push_back(spec);
  if (beforeEach) beforeEach(spec);
  for (const Rule& rule : rules) {
    if (spec.command.find(rule.contains) == std::string::npos) continue;
    if (spec.onLine) {
      for (const std::string& line : rule.lines) spec.onLine(line);
    }
    return rule.result;
  }
  return fallback;
}

bool FakeProcessRunner::ran(const std::string& contains) const {
  return std::any_of(calls.begin(), calls.end(), [&](const CommandSpec& spec) {
    return spec.command.find(contains) != std::string::npos;
  });
}

Result<HttpResponse> FakeHttpClient::send(const HttpRequest& request) {
  requests.push_back(request);
  if (!handler) return makeError(ErrorCode::Unavailable, request.url + ": connection refused");
  return handler(request);
}

bool FakeClock::sleepFor(std::chrono::milliseconds duration) {
  sleeps.push_back(duration);
  advance(duration);
  return !Cancellation::requested();
}

void FakeClock::advance(std::chrono::milliseconds duration) {
  wall += duration;
  mono += duration;
}

std::optional<std::string> FakeEnvironment::get(const std::string& name) const {
  const auto found = values.find(name);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

std::vector<std::pair<std::string, std::string>> FakeEnvironment::all() const {
  return {values.begin(), values.end()};
}

std::optional<std::string> FakeConsole::readLine() {
  if (input.empty()) return std::nullopt;
  std::string line = input.front();
  input.pop_front();
  return line;
}

std::string FakeRandom::hex(std::size_t chars) {
  std::string result;
  while (result.size() < chars) result += nextHex;
  return result.substr(0, chars);
}

void RecordingLog::notice(std::string_view message, const Annotation& where) {
  add("notice", message, where);
}
void RecordingLog::warning(std::string_view message, const Annotation& where) {
  add("warning", message, where);
}
void RecordingLog::error(std::string_view message, const Annotation& where) {
  add("error", message, where);
}

void RecordingLog::add(std::string kind, std::string_view text, Annotation where) {
  entries.push_back(Entry{std::move(kind), masker.mask(text), std::move(where)});
}

std::string RecordingLog::text() const {
  std::string all;
  for (const Entry& entry : entries) all += entry.kind + ": " + entry.text + "\n";
  return all;
}

bool RecordingLog::contains(std::string_view needle) const {
  return text().find(needle) != std::string::npos;
}

}  // namespace fd::test
