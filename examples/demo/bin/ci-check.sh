#!/bin/sh
# ci_check_command: the local stand-in for CI — every config file must be key=value lines.
set -eu
for file in app/config/*.conf; do
  if grep -vqE '^(#.*|[a-z_]+=.*|)$' "$file"; then
    echo "CI: $file has a malformed line" >&2
    exit 1
  fi
done
echo "CI: $(ls app/config/*.conf | wc -l) config files valid"
