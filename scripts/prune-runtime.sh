#!/bin/sh
# Runs inside the Dockerfile's `prune` stage (Debian 12 slim with the binary's runtime packages
# installed): removes what the action never runs, so the final image is small (docs/CONTAINER.md).
#
# Removed: the package manager's front end and everything only it needs (apt, its keyring and
# gpgv, debconf, perl, GnuTLS and its libraries), account tools (login, passwd, adduser), the
# ext2/3/4 tools, the init-script helpers packages call while installing, and glibc's iconv
# modules for legacy character sets.
# Kept: dpkg and its database (so `dpkg -l` and image scanners still see every package), the
# shells (sh, bash), coreutils, grep, sed, findutils, tar, gzip, diffutils, util-linux (setsid,
# flock), procps-free `kill`, tzdata, CA certificates and every library the binary links.
# Anyone who needs apt-get builds on the `debian` stage instead (ghcr.io/factory/deploy:v1-debian).
#
# Fails (and so fails the image build) when anything left behind lost a library or interpreter.
set -eu

# libidn2-0 and libunistring2 stay although only apt links them: glibc loads libidn2 to resolve
# internationalised host names. libdb5.3 stays for PAM's pam_userdb module.
remove="apt libapt-pkg6.0 debian-archive-keyring gpgv debconf perl-base
  libgnutls30 libp11-kit0 libtasn1-6 libnettle8 libhogweed6 libffi8
  libxxhash0 login passwd adduser e2fsprogs libext2fs2 libss2 init-system-helpers"

present=""
for package in $remove; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$'; then
    present="$present $package"
  fi
done
# --force-depends: the remaining packages' dependencies on these are for installing packages
# (debconf prompts, adduser in postinst scripts), which this image no longer does.
# shellcheck disable=SC2086
dpkg --purge --force-depends --force-remove-essential $present >/tmp/prune.log 2>&1 ||
  { cat /tmp/prune.log >&2; exit 1; }
rm -f /tmp/prune.log
# Perl scripts of packages that stay: PAM's helpers that configure it while packages install
# (PAM itself stays for su and runuser), openssl's c_rehash (`openssl rehash` does the same) and
# its CA.pl and tsget demos, and dpkg's one-off /usr-merge reverter.
rm -f /usr/sbin/pam-auth-update /usr/sbin/pam_getenv /usr/bin/c_rehash \
  /usr/lib/ssl/misc/CA.pl /usr/lib/ssl/misc/tsget /usr/lib/ssl/misc/tsget.pl \
  /usr/sbin/dpkg-fsys-usrunmess
rm -rf /etc/apt /var/lib/apt /var/cache/apt /var/cache/debconf /var/log/* \
  /usr/share/bash-completion /usr/share/perl5
# iconv keeps the Unicode encodings and the two common Western ones; UTF-8 and ASCII are built in.
find /usr/lib/x86_64-linux-gnu/gconv -name '*.so' ! -name 'UTF-*.so' ! -name 'UNICODE.so' \
  ! -name 'ISO8859-1.so' ! -name 'ISO8859-15.so' ! -name 'CP1252.so' -delete
# Links left pointing at what was removed (systemd units of e2fsprogs, alternatives).
find /etc -xtype l -delete

broken=0
programs=/tmp/prune-programs
find /usr /etc /opt -xdev -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) >"$programs"
# Every ELF program and library must still find its libraries ...
while IFS= read -r file; do
  if ldd "$file" 2>/dev/null | grep -q 'not found'; then
    echo "prune-runtime: $file lost a library: $(ldd "$file" | grep 'not found' | tr -s ' \t\n' ' ')" >&2
    broken=1
  fi
done <"$programs"
# ... every script its interpreter (through `env`, the program env names) ...
while IFS= read -r file; do
  set -- $(head -c 256 "$file" | sed -n '1s/^#! *//p' | head -n 1)
  [ $# -gt 0 ] || continue
  interpreter=$1
  if [ "${interpreter##*/}" = env ] && [ $# -gt 1 ]; then
    interpreter=$(command -v "$2" || echo "$2")
  fi
  if [ ! -x "$interpreter" ]; then
    echo "prune-runtime: $file needs $interpreter, which is gone" >&2
    broken=1
  fi
done <"$programs"
rm -f "$programs"
# ... and no link may point at something removed.
dangling=$(find /usr /etc /opt /var -xdev -xtype l)
if [ -n "$dangling" ]; then
  echo "prune-runtime: links to removed files: $(echo "$dangling" | tr '\n' ' ')" >&2
  broken=1
fi
[ "$broken" = 0 ] || exit 1
echo "prune-runtime: removed$present"
