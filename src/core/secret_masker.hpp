// One list of secret values, applied at every sink: log, receipt, summary, outputs, state, ledger.
//
// Text is often escaped or cut before it reaches a sink, so a secret is recognised in every form
// the program gives text before masking it, and a piece of one left at a cut mark is masked too:
// - escaped: as manifest errors quote a value (manifest::quoted: \" \\ \n \xNN), as JSON writers
//   escape it (\" \\ \n \u00NN), as describeJsonValue shows it (\n, other controls as '?'), as
//   excerpt() shows it ('|', '`' and controls as '?'); each of these, or the raw value, as the
//   receipt renders it (control characters dropped; table cells escape '\' '|'; italic remarks
//   escape '\' '_' '*' '`'), since the receipt is masked after it is rendered.
// - cut: the start of a secret right before "…", " …" or "..." (and its end right after one),
//   from kMinFragment bytes on, as excerpt(), manifest::quoted(), output tails and the job
//   summary cut text.
// - URL passwords ("scheme://user:PASSWORD@host") are masked wherever they appear, registered
//   or not (issue 9: a manifest command echoed in the log).
// Not covered: a secret holding a terminal escape sequence, in the receipt (plainText drops the
// whole sequence), and workflow-command escaping (%25, %0A), which the logs apply after masking.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fd {

// The passwords of every "scheme://user:password@host" URL in free text (a command line).
std::vector<std::string> urlPasswordsIn(std::string_view text);

class SecretMasker {
 public:
  static constexpr std::size_t kMinLength = 4;  // shorter values would mask ordinary text
  // A cut-off piece of a secret is masked from this many bytes on (for a secret shorter than
  // this, from all but one of its bytes).
  static constexpr std::size_t kMinFragment = 6;
  static constexpr std::string_view kMask = "***";

  // A multi-line value is registered line by line, as the runner does.
  void add(std::string_view secret);
  std::string mask(std::string_view text) const;
  // The values as registered (not their escaped forms), longest first.
  const std::vector<std::string>& secrets() const { return secrets_; }

  // The longest text mask() replaces whole (a secret or an escaped form), 0 when none.
  std::size_t longest() const { return forms_.empty() ? 0 : forms_.front().size(); }
  // For a stream read so far (`text`, more may follow): the largest position <= `at` where it
  // can be cut so that no secret is split, neither one complete in `text` nor one that may still
  // be arriving (the last longest()-1 bytes are never given away). 0 when there is none.
  std::size_t safeCut(std::string_view text, std::size_t at) const;

 private:
  std::vector<std::string> secrets_;  // longest first
  std::vector<std::string> forms_;    // secrets and their escaped forms, longest first, so a
                                      // secret inside another is masked whole
};

}  // namespace fd
