// A string kept once for the whole process: the few values that repeat across thousands of
// check runs (status, conclusion, app slug, the run a details URL points into) cost one pointer
// each in a reduced page instead of one string each (issue 13: memory flat in the check count).
#pragma once

#include <string>
#include <string_view>

namespace fd::github {

class Interned {
 public:
  Interned();  // the empty string
  explicit Interned(std::string_view text);
  Interned& operator=(std::string_view text) { return *this = Interned(text); }

  const std::string& str() const { return *text_; }
  bool empty() const { return text_->empty(); }
  // One pool: equal texts share one pointer.
  friend bool operator==(Interned a, Interned b) { return a.text_ == b.text_; }
  friend bool operator==(Interned a, std::string_view b) { return *a.text_ == b; }

 private:
  const std::string* text_;
};

}  // namespace fd::github
