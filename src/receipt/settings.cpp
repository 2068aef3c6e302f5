// `.factory/settings.json`: the factory's namespaced settings file, read leniently.
#include "receipt/settings.hpp"

#include "receipt/json_text.hpp"

namespace fd {
namespace {

constexpr std::size_t kMaxSettingsBytes = 1 << 20;
constexpr const char* kArchiveKey = "auto_archive_receipts";

// The factory writes {"deploy": {"auto_archive_receipts": …}}; a flat top-level key is accepted
// too (a hand-written file), the namespaced one winning when both are present.
const rapidjson::Value* findArchiveSetting(const rapidjson::Value& root) {
  const auto deploy = root.FindMember("deploy");
  if (deploy != root.MemberEnd() && deploy->value.IsObject()) {
    const auto setting = deploy->value.FindMember(kArchiveKey);
    if (setting != deploy->value.MemberEnd()) return &setting->value;
  }
  const auto flat = root.FindMember(kArchiveKey);
  return flat == root.MemberEnd() ? nullptr : &flat->value;
}

std::string invalidValueWarning(const rapidjson::Value& value) {
  return std::string("WARNING: Setting \"") + kArchiveKey + "\" has invalid value \"" +
         describeJsonValue(value) + "\". Expected: boolean. Using default: true.";
}

// global.state_file_path: a path relative to the project root that stays inside it.
bool isProjectRelative(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    if (part.empty() || part == "..") return false;
    start = end + 1;
  }
  return path.find('\0') == std::string::npos;
}

// The state file every factory skill shares; an unusable value keeps the default with the
// settings protocol's warning.
void readStateFilePath(const rapidjson::Value& root, Settings& settings) {
  const auto global = root.FindMember("global");
  if (global == root.MemberEnd() || !global->value.IsObject()) return;
  const auto value = global->value.FindMember("state_file_path");
  if (value == global->value.MemberEnd()) return;
  if (value->value.IsString()) {
    const std::string path(value->value.GetString(), value->value.GetStringLength());
    if (isProjectRelative(path)) {
      settings.stateFilePath = path;
      return;
    }
  }
  settings.warnings.push_back(
      "WARNING: Setting \"state_file_path\" has invalid value \"" +
      describeJsonValue(value->value) +
      "\". Expected: a file path relative to the project root, inside it. Using default: " +
      kDefaultStateFile + ".");
}

std::string unusableFileWarning(const std::string& path, const std::string& why) {
  return "WARNING: " + path + ": " + why + ". Using default settings (" + kArchiveKey + ": true).";
}

}  // namespace

Settings loadSettings(const FileSystem& fs, const std::string& path) {
  Settings settings;
  if (fs.kindOf(path) == PathKind::Symlink) {
    settings.warnings.push_back(unusableFileWarning(path, "a symbolic link, never followed"));
    return settings;
  }
  if (!fs.exists(path)) return settings;
  const Result<std::string> text = fs.read(path, kMaxSettingsBytes);
  if (!text.ok()) {
    if (text.code() != ErrorCode::NotFound) {
      settings.warnings.push_back(
          unusableFileWarning(path, "cannot read it (" + text.message() + ")"));
    }
    return settings;
  }
  rapidjson::Document document;
  if (const auto error = parseJson(text.value(), document)) {
    settings.warnings.push_back(unusableFileWarning(path, "not valid JSON (" + *error + ")"));
    return settings;
  }
  if (!document.IsObject()) {
    settings.warnings.push_back(
        unusableFileWarning(path, "expected a JSON object at the top level"));
    return settings;
  }
  if (const auto deploy = document.FindMember("deploy");
      deploy != document.MemberEnd() && !deploy->value.IsObject()) {
    settings.warnings.push_back("WARNING: " + path +
                                ": \"deploy\" should be an object of settings; ignoring it.");
  }
  readStateFilePath(document, settings);
  const rapidjson::Value* value = findArchiveSetting(document);
  if (value == nullptr) return settings;
  if (!value->IsBool()) {
    settings.warnings.push_back(invalidValueWarning(*value));
    return settings;
  }
  settings.autoArchiveReceipts = value->GetBool();
  return settings;
}

}  // namespace fd
