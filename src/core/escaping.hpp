// C-style escaping of one byte, as the manifest's error messages quote values. Shared with the
// SecretMasker, which must recognise a secret in the escaped form it is printed in.
#pragma once

#include <string>

namespace fd {

// `"` `\` and `\n` `\r` `\t` backslash-escaped; other control bytes as \xNN; the rest as is.
void appendCEscaped(std::string& out, char byte);

}  // namespace fd
