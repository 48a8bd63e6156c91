#!/usr/bin/env bash
# Broker credentials: a username and password in Mosquitto's password file plus the user's block in the ACL file.
#
#   credential.sh device DEVICE_ID HUB_ID         a device: writes its own messages, reads its cmd, ack and HUB's
#                                                 access/
#   credential.sh device DEVICE_ID HUB_ID --hashed-stdin
#                                                 the same, with the password the central's devices page made: its
#                                                 hashed line (DEVICE_ID:$7$...) is read from stdin, nothing printed
#   credential.sh central [REPLICA]               the central service account (svc.central), or one more replica's
#                                                 (svc.central.REPLICA, with the same rights)
#   credential.sh bridge HUB_ID DEVICE_ID...      a residential hub's bridge (bridge.HUB_ID) carrying these devices
#   credential.sh remove USERNAME                 removes the password and the ACL block: no rights are left
#   credential.sh refresh                         rewrites every device block in the current form, passwords kept
#                                                 (after an upgrade of this file's ACL lines)
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
  sed -n '2,18s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
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

# Puts a line of Mosquitto's password file made elsewhere (the central's devices page, which shows the password once
# and keeps nothing): the password itself never reaches this host. Only a PBKDF2-SHA512 line ($7$, as
# mosquitto_passwd 2.0 writes) for this very user is taken.
set_hashed_password() {
  local user="$1" line tmp
  IFS= read -r line || true
  [[ "$line" =~ ^([A-Za-z0-9_.-]+):\$7\$[0-9]{2,7}\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$ ]] \
    || die "stdin must be one line USER:\$7\$ITERATIONS\$SALT\$HASH as the devices page shows it"
  [[ "${BASH_REMATCH[1]}" == "$user" ]] || die "the line is for '${BASH_REMATCH[1]}', not '$user'"
  tmp="$(mktemp "${PASSWD_FILE}.XXXXXX")"
  awk -v user="$user" 'index($0, user ":") != 1' "$PASSWD_FILE" >"$tmp"
  printf '%s\n' "$line" >>"$tmp"
  chmod --reference="$PASSWD_FILE" "$tmp"
  chown --reference="$PASSWD_FILE" "$tmp" 2>/dev/null || true
  mv -f "$tmp" "$PASSWD_FILE"
}

# What a device publishes (DESIGN.md): each channel by name, so that it cannot write its own commands.
readonly DEVICE_CHANNELS=(status occupancy events telemetry)

device_rights() {
  local device="$1" channel
  for channel in "${DEVICE_CHANNELS[@]}"; do
    printf 'topic write linli/v1/devices/%s/%s\n' "$device" "$channel"
  done
  printf 'topic read linli/v1/devices/%s/cmd\n' "$device"
  # receipts: which of its messages central has stored (it keeps each until one names it)
  printf 'topic read linli/v1/devices/%s/ack\n' "$device"
}

device_acl() {
  local device="$1" hub="$2"
  printf 'user %s\n' "$device"
  device_rights "$device"
  printf '# hub %s: the keys and revocations its door checks tokens with\n' "$hub"
  printf 'topic read linli/v1/hubs/%s/access/#\n' "$hub"
}

# A bridge publishes its devices' messages and reads their commands; it never writes a command (only central does).
bridge_acl() {
  local hub="$1" device
  shift
  printf 'user bridge.%s\n' "$hub"
  printf 'topic read linli/v1/hubs/%s/access/#\n' "$hub"
  for device in "$@"; do
    device_rights "$device"
  done
}

# Another central replica: the rights of svc.central, read from the shipped block at the top of the ACL file.
replica_acl() {
  local user="$1" rights
  rights="$(awk '$0 == "user svc.central" { on = 1; next } on && /^(user|pattern|# >>>)/ { exit }
    on && /^topic / { print }' "$ACL_FILE")"
  [[ -n "$rights" ]] || die "no 'user svc.central' block in $ACL_FILE to copy the rights from"
  printf 'user %s\n%s\n' "$user" "$rights"
}

cmd_device() {
  [[ $# -eq 2 || ( $# -eq 3 && "$3" == --hashed-stdin ) ]] || usage
  require_id device "$1"
  require_id hub "$2"
  if [[ $# -eq 3 ]]; then
    # the line first: a wrong one changes nothing
    set_hashed_password "$1"
    device_acl "$1" "$2" | replace_block "$ACL_FILE" "$1"
    say "$1 may connect with the password the devices page showed; reload the broker: systemctl reload mosquitto"
    return
  fi
  device_acl "$1" "$2" | replace_block "$ACL_FILE" "$1"
  set_password "$1"
}

cmd_central() {
  [[ $# -le 1 ]] || usage
  if [[ $# -eq 0 ]]; then
    # its ACL block is part of the shipped acl file
    set_password svc.central
    return
  fi
  require_id replica "$1"
  # each replica its own user name: the broker makes the user name the client id (use_username_as_clientid)
  replica_acl "svc.central.$1" | replace_block "$ACL_FILE" "svc.central.$1"
  set_password "svc.central.$1"
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

cmd_refresh() {
  [[ $# -eq 0 ]] || usage
  local name hub devs count=0
  # device blocks: "# >>> linli NAME" followed by "user NAME" and, further on, its hub's access line
  while read -r name hub; do
    device_acl "$name" "$hub" | replace_block "$ACL_FILE" "$name"
    count=$((count + 1))
  done < <(awk '/^# >>> linli / { name = $4; hub = ""; next }
    /^topic read linli\/v1\/hubs\/[^\/]+\/access\/#$/ && name != "" && name !~ /\./ {
      split($3, part, "/"); print name, part[4]; name = "" }' "$ACL_FILE")
  # bridge blocks: "# >>> linli bridge.HUB" with one "topic read linli/v1/devices/ID/cmd" line per device
  local -a devices
  while read -r name devs; do
    read -r -a devices <<<"$devs"
    bridge_acl "${name#bridge.}" "${devices[@]}" | replace_block "$ACL_FILE" "$name"
    count=$((count + 1))
  done < <(awk '/^# >>> linli bridge\./ { name = $4; devs = ""; next }
    /^# <<< linli bridge\./ { if (name != "") print name, devs; name = ""; next }
    name != "" && /^topic read linli\/v1\/devices\/[^\/]+\/cmd$/ { split($3, part, "/"); devs = devs " " part[4] }' \
    "$ACL_FILE")
  say "rewrote $count device and bridge blocks; reload the broker: systemctl reload mosquitto"
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
    refresh) cmd_refresh "$@" ;;
    *) usage ;;
  esac
}

main "$@"
