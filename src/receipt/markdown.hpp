// Markdown building blocks that keep arbitrary text (report notes, command output) from breaking
// the receipt's structure: a cell stays one cell, a code block stays one code block.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd::markdown {

// Drops terminal escape sequences (colours from deploy tools) and control characters but tabs
// and newlines.
std::string plainText(std::string_view text);

// One line: newlines become spaces, surrounding blanks are trimmed.
std::string inlineText(std::string_view text);

// A table cell: `\` and `|` escaped, newlines as <br>, "—" when empty.
std::string tableCell(std::string_view text);

// `text` as an inline code span whose backtick fence is longer than any run inside it.
std::string codeSpan(std::string_view text);

// An italic parenthesised remark: "_(Skipped: alpha deployments are not verified.)_".
std::string italicRemark(std::string_view text);

// A fenced code block whose fence is longer than any backtick run in the lines.
std::string fencedBlock(const std::vector<std::string>& lines, std::string_view info = "text");

// "| a | b |" rows under a header and its separator line.
std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows);

// "- **Key**: value"
std::string bullet(std::string_view key, std::string_view value);

}  // namespace fd::markdown
