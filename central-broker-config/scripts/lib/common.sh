# shellcheck shell=bash
# Helpers shared by the broker scripts. Sourced, never run.

die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

require_cmd() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null || die "needs '$cmd' (Debian: apt-get install ${PACKAGE_OF[$cmd]:-$cmd})"
  done
}
declare -gA PACKAGE_OF=([mosquitto_passwd]=mosquitto [openssl]=openssl)

# Device, hub and room ids: the same rule as hub-protocol's Ids (they end up in topics and ACL patterns).
require_id() {
  local kind="$1" value="$2"
  [[ "$value" =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ ]] \
    || die "$kind id must be 1-64 letters, digits, '-' or '_', starting with a letter or digit (got '$value')"
}

# A random secret of 32 URL-safe characters (192 bits).
random_secret() {
  openssl rand -base64 24 | tr '+/' '-_'
}

# Replaces (or appends) the block of FILE between "# >>> linli NAME" and "# <<< linli NAME" with the text on stdin.
# An empty stdin removes the block. The file is rewritten atomically with its mode kept.
replace_block() {
  local file="$1" name="$2" body tmp
  body="$(cat)"
  tmp="$(mktemp "${file}.XXXXXX")"
  awk -v begin="# >>> linli $name" -v end="# <<< linli $name" '
    $0 == begin { skipping = 1; next }
    $0 == end   { skipping = 0; next }
    !skipping   { print }
  ' "$file" >"$tmp"
  if [[ -n "$body" ]]; then
    printf '%s\n%s\n%s\n' "# >>> linli $name" "$body" "# <<< linli $name" >>"$tmp"
  fi
  chmod --reference="$file" "$tmp"
  chown --reference="$file" "$tmp" 2>/dev/null || true
  mv -f "$tmp" "$file"
}
