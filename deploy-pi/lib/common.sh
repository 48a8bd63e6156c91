# shellcheck shell=bash
# Helpers for install.sh and provision-device. Sourced, never run. Every step is safe to re-run: it changes a file
# or a package only when it is not already as wanted, and says so.

# Messages name the script that says them: linli-install (install.sh) unless the script sets LINLI_SAY_AS first.
say() { printf '%s: %s\n' "${LINLI_SAY_AS:-linli-install}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${LINLI_SAY_AS:-linli-install}" "$*" >&2; exit 1; }

# Root, arm64, Debian 13 (trixie) or Raspberry Pi OS built on it: Debian 12 has no Java 21 runtime package.
preflight() {
  [[ $(id -u) -eq 0 ]] || die "run as root (sudo ./install.sh ...)"
  local arch
  arch="$(dpkg --print-architecture)"
  [[ "$arch" == arm64 || -n "${LINLI_ALLOW_ANY_ARCH:-}" ]] || die "needs arm64 (64-bit Raspberry Pi OS), found $arch"
  # shellcheck disable=SC1091
  local codename
  codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
  [[ "$codename" == trixie ]] \
    || die "needs Debian 13 (trixie) or Raspberry Pi OS based on it, found '${codename:-unknown}' (Debian 12 has no openjdk-21 package)"
}

in_chroot() {
  # systemd-detect-virt is not in a minimal root; compare our root with init's
  [[ "$(stat -c %d:%i /)" != "$(stat -c %d:%i /proc/1/root/. 2>/dev/null || echo none)" ]]
}

ensure_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# install_file SRC DEST MODE [OWNER:GROUP]: copies when the content, mode or owner differs.
install_file() {
  local src="$1" dest="$2" mode="$3" owner="${4:-root:root}"
  if [[ -f "$dest" ]] && cmp -s "$src" "$dest" \
    && [[ "$(stat -c '%a %U:%G' "$dest")" == "${mode#0} $owner" ]]; then
    return 0
  fi
  install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$src" "$dest"
  say "wrote $dest"
}

# install_template SRC DEST MODE OWNER: like install_file, but never overwrites a site's edited copy.
install_template() {
  local src="$1" dest="$2" mode="$3" owner="$4"
  [[ -e "$dest" ]] && return 0
  install_file "$src" "$dest" "$mode" "$owner"
}

ensure_group() {
  getent group "$1" >/dev/null || { groupadd --system "$1"; say "created group $1"; }
}

ensure_dir() {
  local dir="$1" mode="$2" owner="$3"
  if [[ -d "$dir" && "$(stat -c '%a %U:%G' "$dir")" == "${mode#0} $owner" ]]; then
    return 0
  fi
  install -d -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$dir"
  say "made $dir"
}

ensure_line() {
  local file="$1" line="$2"
  grep -qxF -- "$line" "$file" 2>/dev/null && return 0
  printf '%s\n' "$line" >>"$file"
  say "added to $file: $line"
}
