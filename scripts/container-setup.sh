#!/usr/bin/env bash
# Makes the daemonless container toolchain work on a fresh Debian 12 machine (as root):
#   1. installs buildah, podman, runc and mmdebstrap from Debian;
#   2. writes a containers.conf drop-in (runc runtime, rlimits this machine allows);
#   3. creates the base images the Dockerfile names (debian:bookworm, debian:bookworm-slim)
#      locally with mmdebstrap from the mirror the host's apt already uses, because no
#      container registry is reachable here. Nothing is ever pulled.
# Idempotent: every step is skipped when its result is already there.
# Options: --force-images  rebuild the base images even if they exist.
set -euo pipefail

force_images=0
for arg in "$@"; do
  case "$arg" in
    --force-images) force_images=1 ;;
    *) echo "container-setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { echo "container-setup: $*"; }
[ "$(id -u)" = 0 ] || { echo "container-setup.sh: run as root" >&2; exit 1; }

install_packages() {
  local wanted=(buildah podman runc mmdebstrap uidmap fuse-overlayfs) missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "packages already installed"
    return
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# crun fails on this VM ("cgroups in hybrid mode not supported") and podman's default rlimits
# (1,048,576) exceed the hard limits here, so containers would not start without this file.
write_containers_conf() {
  local nofile nproc file=/etc/containers/containers.conf.d/factory-deploy.conf
  nofile=$(ulimit -Hn)
  nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] && nofile=65536
  [ "$nofile" -gt 65536 ] && nofile=65536
  [ "$nproc" = unlimited ] && nproc=32768
  [ "$nproc" -gt 32768 ] && nproc=32768
  mkdir -p "$(dirname "$file")"
  local wanted
  wanted=$(printf '%s\n' "# Written by factory/deploy scripts/container-setup.sh." \
    "[containers]" "default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]" \
    "" "[engine]" "runtime = \"runc\"")
  if [ -f "$file" ] && [ "$(cat "$file")" = "$wanted" ]; then
    log "$file up to date"
    return
  fi
  printf '%s\n' "$wanted" >"$file"
  log "wrote $file (nofile=$nofile, nproc=$nproc, runtime runc)"
}

# One-line apt entries ("deb [signed-by=K] URI SUITE COMPONENTS") for the bookworm suites the
# host's apt uses, from deb822 *.sources and one-line *.list files. Third-party repositories
# (other suites) are left out: their keys are not in the base image.
host_bookworm_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources) deb822_to_lines <"$f" ;;
      *) one_line_entries <"$f" ;;
    esac
  done | awk '!seen[$0]++'
}

# deb822 stanzas (blank-line separated) to one-line entries for the bookworm suites.
deb822_to_lines() {
  awk '
    function flush(   nu, ns, u, s, uris, suites, opt) {
      if (types ~ /(^| )deb( |$)/ && enabled != "no") {
        nu = split(uri, uris, " "); ns = split(suite, suites, " ")
        opt = (signed != "") ? "[signed-by=" signed "] " : ""
        for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++)
          if (suites[s] ~ /^bookworm(-updates|-security)?$/)
            print "deb " opt uris[u] " " suites[s] " " comp
      }
      types = uri = suite = comp = signed = enabled = ""
    }
    /^[ \t]*$/ { flush(); next }
    /^#/ { next }
    {
      key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
      if (key == "types") types = val
      else if (key == "uris") uri = val
      else if (key == "suites") suite = val
      else if (key == "components") comp = val
      else if (key == "signed-by") signed = val
      else if (key == "enabled") enabled = tolower(val)
    }
    END { flush() }
  '
}

# One-line "deb [opts] URI SUITE COMPONENTS" entries for the bookworm suites.
one_line_entries() {
  awk '
    /^[ \t]*deb[ \t]/ {
      line = $0; sub(/^[ \t]*deb[ \t]+/, "", line); opts = ""
      if (line ~ /^\[/) { opts = substr(line, 1, index(line, "]")); line = substr(line, index(line, "]") + 1) }
      n = split(line, w, " ")
      if (n >= 2 && w[2] ~ /^bookworm(-updates|-security)?$/) {
        rest = ""; for (i = 3; i <= n; i++) rest = rest " " w[i]
        print "deb " (opts != "" ? opts " " : "") w[1] " " w[2] rest
      }
    }
  '
}

image_exists() { podman image exists "$1" 2>/dev/null; }

# The same paths Debian's official slim images drop (docs, man pages, locales), kept out of
# future package installs too.
write_slim_dpkg_config() {
  cat >"$1/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# Slim image: no documentation, man pages or translations (like the official -slim images).
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
}

slim_rootfs() {
  local root=$1
  write_slim_dpkg_config "$root"
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/{man,groff,info,lintian,linda}/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
}

# apt settings of the official images: no package cache left in layers, no translations.
write_apt_config() {
  local d=$1/etc/apt/apt.conf.d
  cat >"$d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' >"$d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$d/docker-autoremove-suggests"
}

import_rootfs() {
  local root=$1 name=$2
  tar --numeric-owner --xattrs -C "$root" -c . |
    podman import --change 'CMD ["bash"]' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --quiet - "$name" >/dev/null
}

make_base_images() {
  local full=docker.io/library/debian:bookworm slim=docker.io/library/debian:bookworm-slim
  if [ "$force_images" = 0 ] && image_exists "$full" && image_exists "$slim"; then
    log "base images already present ($full, $slim)"
    return
  fi
  local mirrors=()
  mapfile -t mirrors < <(host_bookworm_sources)
  if [ ${#mirrors[@]} -eq 0 ]; then
    mirrors=("deb http://deb.debian.org/debian bookworm main")
  fi
  log "bootstrapping bookworm from: ${mirrors[*]}"
  work=$(mktemp -d /var/tmp/fd-rootfs.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  local start=$SECONDS
  # merged-usr hook: merged /usr via usr-is-merged, as the official images (usrmerge pulls in perl).
  # shellcheck disable=SC2016 # $1 is the hook's argument, expanded by mmdebstrap
  mmdebstrap --quiet --variant=minbase --mode=root \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/apt/* "$1"/var/log/*.log' \
    bookworm "$work/root" "${mirrors[@]}"
  write_apt_config "$work/root"
  import_rootfs "$work/root" "$full"
  log "imported $full in $((SECONDS - start)) s"
  slim_rootfs "$work/root"
  import_rootfs "$work/root" "$slim"
  log "imported $slim in $((SECONDS - start)) s"
}

install_packages
write_containers_conf
make_base_images
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'debian:bookworm' || true
log "ok"
