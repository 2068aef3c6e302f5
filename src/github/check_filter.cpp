#include "github/check_filter.hpp"

#include <algorithm>

namespace fd::github {

Result<CheckPattern> CheckPattern::parse(const std::string& text, const std::string& input) {
  CheckPattern pattern;
  pattern.text_ = text;
  if (text.size() < 3 || text.front() != '/' || text.back() != '/') return pattern;
  pattern.isRegex_ = true;
  try {
    pattern.regex_ = std::regex(text.substr(1, text.size() - 2), std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    return makeError(ErrorCode::InvalidArgument,
                     input + ": " + text + ": not a valid regular expression: " + error.what());
  }
  return pattern;
}

bool CheckPattern::matches(const std::string& name) const {
  if (!isRegex_) return name == text_;
  return std::regex_search(name, regex_);
}

Result<CheckFilter> CheckFilter::parse(const std::vector<std::string>& ignoreChecks,
                                       const std::vector<std::string>& requiredChecks) {
  CheckFilter filter;
  for (const std::string& text : ignoreChecks) {
    if (text.empty()) continue;
    auto pattern = CheckPattern::parse(text, "ignore-checks");
    if (!pattern) return pattern.error();
    filter.ignore.push_back(std::move(*pattern));
  }
  for (const std::string& text : requiredChecks) {
    if (text.empty()) continue;
    auto pattern = CheckPattern::parse(text, "required-checks");
    if (!pattern) return pattern.error();
    filter.required.push_back(std::move(*pattern));
  }
  return filter;
}

bool CheckFilter::ignored(const std::string& name) const {
  const auto hit = [&](const CheckPattern& pattern) { return pattern.matches(name); };
  if (std::any_of(required.begin(), required.end(), hit)) return false;
  return std::any_of(ignore.begin(), ignore.end(), hit);
}

}  // namespace fd::github
