#include "deploy/reported_version.hpp"

#include "deploy/excerpt.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>

namespace fd {

namespace {

constexpr std::size_t kMinAbbreviation = 7;
constexpr std::size_t kMaxShown = 40;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool names(const std::string& version, const std::string& fullSha) {
  const std::string reported = lower(version);
  const std::string full = lower(fullSha);
  if (reported.size() < kMinAbbreviation || reported.size() > full.size()) return false;
  return full.compare(0, reported.size(), reported) == 0;
}

// Whether `test` holds for one of the alphanumeric words of `text` ("shop:deploy-a1b2c3d" has
// "shop", "deploy" and "a1b2c3d").
template <class Test>
bool anyWord(const std::string& text, Test test) {
  std::string word;
  for (const char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += c;
      continue;
    }
    if (!word.empty() && test(word)) return true;
    word.clear();
  }
  return false;
}

}  // namespace

std::string shortSha(const std::string& sha) { return sha.substr(0, kMinAbbreviation); }

bool liveVersionNames(const std::string& live, const std::string& fullSha,
                      const std::vector<std::string>& tags) {
  const auto isName = [&](const std::string& word) {
    return names(word, fullSha) || std::find(tags.begin(), tags.end(), word) != tags.end();
  };
  if (fullSha.empty() || live.empty()) return false;
  return isName(live) || anyWord(live, isName);
}

bool mentionsACommit(const std::string& live) {
  return anyWord(live, [](const std::string& word) {
    return word.size() >= kMinAbbreviation && word.size() <= kMaxShown &&
           std::all_of(word.begin(), word.end(),
                       [](unsigned char c) { return std::isxdigit(c) != 0; });
  });
}

std::optional<std::string> versionMismatch(std::string_view body, const std::string& fullSha) {
  if (fullSha.empty()) return "no deployed commit to compare the version with";
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) {
    return "body is not a JSON object with a \"version\"";
  }
  const auto field = document.FindMember("version");
  if (field == document.MemberEnd()) return "body has no \"version\"";
  if (!field->value.IsString()) return "\"version\" is not a string";
  const std::string version(field->value.GetString(), field->value.GetStringLength());
  if (names(version, fullSha)) return std::nullopt;
  return "version " + (version.empty() ? std::string("\"\"") : excerpt(version, kMaxShown)) +
         " is not " + shortSha(fullSha);
}

}  // namespace fd
