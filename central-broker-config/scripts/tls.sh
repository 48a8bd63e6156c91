#!/usr/bin/env bash
# The broker's TLS material, made with openssl (EC P-256 keys, SHA-256 signatures).
#
#   tls.sh ca DIR                          a CA: DIR/ca.key (keep it offline) and DIR/ca.crt (10 years)
#   tls.sh server DIR NAME [NAME|IP]...    the broker's certificate DIR/server.{key,crt}, for these DNS names and IPs
#   tls.sh device DIR DEVICE_ID            a device certificate DIR/devices/ID.{key,crt} with CN=ID, for the
#                                          mutual-TLS listener (8884), where the CN is the device's username
#   tls.sh revoke DIR DEVICE_ID            revokes that device's certificate and writes DIR/crl.pem anew
#   tls.sh crl DIR                         writes DIR/crl.pem anew (valid 10 years, like the CA)
#
# Nothing is overwritten: an existing key or certificate is kept and reported. The broker needs ca.crt, crl.pem,
# server.crt and server.key in /etc/mosquitto/linli/tls/ (server.key readable by the mosquitto group); after a new
# crl.pem, systemctl reload mosquitto (a device already connected stays until it reconnects; restart to cut it off).
# Revoking needs the CA key: run it where ca.key is and copy crl.pem to the broker.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$SCRIPT_DIR/lib/common.sh"

readonly CA_DAYS=3650
readonly CERT_DAYS=825
# A CRL past its next update makes OpenSSL refuse every client of the listener, so it lives as long as the CA.
readonly CRL_DAYS=3650
WORK=""

usage() {
  sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

cleanup() {
  [[ -n "$WORK" ]] && rm -rf "$WORK"
  return 0
}

new_key() {
  local key="$1"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null)
}

keep_existing() {
  local file
  for file in "$@"; do
    if [[ -e "$file" ]]; then
      say "kept existing $file"
      return 0
    fi
  done
  return 1
}

# Signs WORK/req.csr with the CA in DIR using the extensions in WORK/ext.cnf.
sign() {
  local dir="$1" crt="$2"
  [[ -f "$dir/ca.key" && -f "$dir/ca.crt" ]] || die "no CA in $dir: run '$0 ca $dir' first"
  openssl x509 -req -in "$WORK/req.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days "$CERT_DAYS" -sha256 -extfile "$WORK/ext.cnf" -out "$crt" 2>/dev/null
}

# The CA's record of revoked certificates (openssl ca's database) in DIR/ca-db/, made once.
ca_db() {
  local dir="$1" db
  db="$(cd "$dir" && pwd)/ca-db"
  if [[ ! -f "$db/openssl.cnf" ]]; then
    mkdir -p "$db"
    : >"$db/index.txt"
    printf '1000\n' >"$db/crlnumber"
    cat >"$db/openssl.cnf" <<CNF
[ ca ]
default_ca = linli
[ linli ]
database = $db/index.txt
crlnumber = $db/crlnumber
certificate = $(cd "$dir" && pwd)/ca.crt
private_key = $(cd "$dir" && pwd)/ca.key
default_md = sha256
default_crl_days = $CRL_DAYS
CNF
  fi
  printf '%s' "$db/openssl.cnf"
}

write_crl() {
  local dir="$1" config
  [[ -f "$dir/ca.key" && -f "$dir/ca.crt" ]] || die "no CA in $dir: revocation needs the CA key"
  config="$(ca_db "$dir")"
  openssl ca -config "$config" -gencrl -out "$WORK/crl.pem" 2>"$WORK/openssl.err" \
    || die "openssl could not write the CRL: $(cat "$WORK/openssl.err")"
  install -m 644 "$WORK/crl.pem" "$dir/crl.pem"
}

cmd_crl() {
  [[ $# -eq 1 ]] || usage
  write_crl "$1"
  say "revocation list written to $1/crl.pem; copy it to the broker and reload mosquitto"
}

cmd_revoke() {
  [[ $# -eq 2 ]] || usage
  local dir="$1" device="$2" config
  require_id device "$device"
  [[ -f "$dir/devices/$device.crt" ]] || die "no certificate $dir/devices/$device.crt to revoke"
  config="$(ca_db "$dir")"
  if ! openssl ca -config "$config" -revoke "$dir/devices/$device.crt" 2>"$WORK/openssl.err"; then
    grep -q 'Already revoked' "$WORK/openssl.err" || die "openssl could not revoke: $(cat "$WORK/openssl.err")"
    say "$device's certificate was already revoked"
  fi
  write_crl "$dir"
  say "revoked $device's certificate; $dir/crl.pem lists it: copy it to the broker and reload mosquitto"
}

cmd_ca() {
  [[ $# -eq 1 ]] || usage
  local dir="$1"
  mkdir -p "$dir"
  if keep_existing "$dir/ca.key" "$dir/ca.crt"; then
    [[ -f "$dir/crl.pem" || ! -f "$dir/ca.key" ]] || write_crl "$dir"
    return 0
  fi
  new_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days "$CA_DAYS" -subj "/O=Linli/CN=Linli broker CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt"
  write_crl "$dir"
  say "CA written to $dir/ca.crt with an empty revocation list $dir/crl.pem (keep $dir/ca.key off the broker)"
}

cmd_server() {
  [[ $# -ge 2 ]] || usage
  local dir="$1" name san=""
  shift
  keep_existing "$dir/server.key" "$dir/server.crt" && return 0
  for name in "$@"; do
    if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then san+="${san:+,}IP:$name"; else san+="${san:+,}DNS:$name"; fi
  done
  new_key "$dir/server.key"
  openssl req -new -key "$dir/server.key" -subj "/O=Linli/CN=$1" -out "$WORK/req.csr"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$san" >"$WORK/ext.cnf"
  sign "$dir" "$dir/server.crt"
  say "server certificate for $san written to $dir/server.crt"
}

cmd_device() {
  [[ $# -eq 2 ]] || usage
  local dir="$1" device="$2"
  require_id device "$device"
  mkdir -p "$dir/devices"
  keep_existing "$dir/devices/$device.key" "$dir/devices/$device.crt" && return 0
  new_key "$dir/devices/$device.key"
  openssl req -new -key "$dir/devices/$device.key" -subj "/O=Linli/CN=$device" -out "$WORK/req.csr"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=clientAuth" >"$WORK/ext.cnf"
  sign "$dir" "$dir/devices/$device.crt"
  say "device certificate (CN=$device) written to $dir/devices/$device.crt"
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"
  shift
  require_cmd openssl
  WORK="$(mktemp -d)"
  trap cleanup EXIT
  # tls.sh ca tls/ writes tls/ca.crt, not tls//ca.crt
  [[ $# -ge 1 && "$1" != / ]] && set -- "${1%/}" "${@:2}"
  case "$cmd" in
    ca) cmd_ca "$@" ;;
    server) cmd_server "$@" ;;
    device) cmd_device "$@" ;;
    revoke) cmd_revoke "$@" ;;
    crl) cmd_crl "$@" ;;
    *) usage ;;
  esac
}

main "$@"
