#!/usr/bin/env bash
# Broker credentials: a username and password in Mosquitto's password file plus the user's block in the ACL file.
#
#   credential.sh device DEVICE_ID HUB_ID         a device: writes its own subtree, reads its cmd, ack and HUB's access/
#   credential.sh central                         the central service account (svc.central)
#   credential.sh bridge HUB_ID DEVICE_ID...      a residential hub's bridge (bridge.HUB_ID) carrying these devices
#   credential.sh remove USERNAME                 removes the password and the ACL block
#
# The new password is printed on stdout (nothing else is); keep it, it is stored only as a hash. Set
# LINLI_BROKER_PASSWORD to choose it instead. The files are $LINLI_BROKER_DIR/passwd and /acl
# (default /etc/mosquitto/linli); afterwards reload the broker: systemctl reload mosquitto.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$SCRIPT_DIR/lib/common.sh"

BROKER_DIR="${LINLI_BROKER_DIR:-/etc/mosquitto/linli}"
PASSWD_FILE="$BROKER_DIR/passwd"
ACL_FILE="$BROKER_DIR/acl"

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

ensure_files() {
  [[ -f "$ACL_FILE" ]] || die "no ACL file at $ACL_FILE: install central-broker-config/mosquitto/acl there first"
  if [[ ! -f "$PASSWD_FILE" ]]; then
    install -m 640 /dev/null "$PASSWD_FILE"
    # mosquitto reads the file after dropping to its own user
    chgrp mosquitto "$PASSWD_FILE" 2>/dev/null || true
  fi
}

set_password() {
  local user="$1" password
  password="${LINLI_BROKER_PASSWORD:-$(random_secret)}"
  # through stdin, so that the password never appears in a process list
  printf '%s\n%s\n' "$password" "$password" | mosquitto_passwd "$PASSWD_FILE" "$user" >/dev/null 2>&1 \
    || die "mosquitto_passwd could not write $PASSWD_FILE"
  printf '%s\n' "$password"
}

device_acl() {
  local device="$1" hub="$2"
  printf 'user %s\n' "$device"
  printf '# hub %s: the keys and revocations its door checks tokens with\n' "$hub"
  printf 'topic read linli/v1/hubs/%s/access/#\n' "$hub"
}

bridge_acl() {
  local hub="$1" device
  shift
  printf 'user bridge.%s\n' "$hub"
  printf 'topic read linli/v1/hubs/%s/access/#\n' "$hub"
  for device in "$@"; do
    printf 'topic write linli/v1/devices/%s/#\n' "$device"
    printf 'topic read linli/v1/devices/%s/cmd\n' "$device"
    printf 'topic read linli/v1/devices/%s/ack\n' "$device"
  done
}

cmd_device() {
  [[ $# -eq 2 ]] || usage
  require_id device "$1"
  require_id hub "$2"
  device_acl "$1" "$2" | replace_block "$ACL_FILE" "$1"
  set_password "$1"
}

cmd_central() {
  [[ $# -eq 0 ]] || usage
  # its ACL block is part of the shipped acl file
  set_password svc.central
}

cmd_bridge() {
  [[ $# -ge 2 ]] || usage
  local hub="$1" device
  require_id hub "$hub"
  shift
  for device in "$@"; do require_id device "$device"; done
  bridge_acl "$hub" "$@" | replace_block "$ACL_FILE" "bridge.$hub"
  set_password "bridge.$hub"
}

cmd_remove() {
  [[ $# -eq 1 ]] || usage
  replace_block "$ACL_FILE" "$1" </dev/null
  mosquitto_passwd -D "$PASSWD_FILE" "$1" >/dev/null 2>&1 || say "$1 had no password"
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"
  shift
  require_cmd mosquitto_passwd openssl awk
  ensure_files
  case "$cmd" in
    device) cmd_device "$@" ;;
    central) cmd_central "$@" ;;
    bridge) cmd_bridge "$@" ;;
    remove) cmd_remove "$@" ;;
    *) usage ;;
  esac
}

main "$@"
