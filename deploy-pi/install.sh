#!/usr/bin/env bash
# Installs one Linli role on a Raspberry Pi (Raspberry Pi OS / Debian 13 trixie, arm64). Safe to run again.
#
#   sudo ./install.sh ROLE [--jars DIR] [--tls DIR] [--read-only-root]
#
#   ROLE              kiosk (lobby touchscreen), agent (door/room device), or central (service + broker)
#   --jars DIR        a directory with the built programs (<module>.jar and lib/, as `mvnw package` makes them
#                     in <module>/target); copied to /opt/linli/<module>/
#   --tls DIR         central: HTTPS from DIR/server.crt and DIR/server.key (as central-broker-config's
#                     `tls.sh server DIR NAME 127.0.0.1` makes them) and the CA DIR/ca.crt, into /etc/linli/tls/
#   --read-only-root  root file system read-only (overlayfs, via raspi-config), data on the partition labelled
#                     LINLI-DATA mounted at /var/lib/linli
#
# Site settings go in /etc/linli/*.yaml (written once from the examples, never overwritten).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE ROOTFS="$HERE/rootfs"
# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$HERE/lib/common.sh"

readonly LINLI_USER=linli
readonly LINLI_GROUPS=(gpio video dialout input i2c)
STAGING=""

cleanup() {
  [[ -n "$STAGING" ]] && rm -rf "$STAGING"
  return 0
}

usage() {
  sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

module_of() {
  case "$1" in
    kiosk) printf 'kiosk-app' ;;
    agent) printf 'device-agent' ;;
    central) printf 'central-service' ;;
  esac
}

install_packages() {
  local role="$1"
  case "$role" in
    # the kiosk needs the full JRE (AWT/JavaFX libraries), a Wayland kiosk compositor and X11 for JavaFX
    kiosk) ensure_packages openjdk-21-jre cage xwayland fonts-noto-cjk libpam-systemd dbus ;;
    agent) ensure_packages openjdk-21-jre-headless ;;
    central) ensure_packages openjdk-21-jre-headless mosquitto curl ;;
  esac
}

setup_user() {
  local group missing=()
  for group in "${LINLI_GROUPS[@]}"; do ensure_group "$group"; done
  if ! getent passwd "$LINLI_USER" >/dev/null; then
    useradd --system --home-dir /var/lib/linli --no-create-home --shell /usr/sbin/nologin "$LINLI_USER"
    say "created user $LINLI_USER"
  fi
  local member_of
  member_of=" $(id -nG "$LINLI_USER") "
  for group in "${LINLI_GROUPS[@]}"; do
    [[ "$member_of" == *" $group "* ]] || missing+=("$group")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    usermod -aG "$(IFS=,; printf '%s' "${missing[*]}")" "$LINLI_USER"
    say "added $LINLI_USER to ${missing[*]}"
  fi
  ensure_dir /var/lib/linli 0750 "$LINLI_USER:$LINLI_USER"
  ensure_dir /etc/linli 0750 "root:$LINLI_USER"
  ensure_dir /opt/linli 0755 root:root
}

install_system_files() {
  local role="$1"
  install_file "$ROOTFS/etc/udev/rules.d/60-linli.rules" /etc/udev/rules.d/60-linli.rules 0644
  install_file "$ROOTFS/etc/systemd/system.conf.d/linli-watchdog.conf" \
    /etc/systemd/system.conf.d/linli-watchdog.conf 0644
  install_file "$ROOTFS/opt/linli/bin/linli-run" /opt/linli/bin/linli-run 0755
  install_file "$ROOTFS/etc/systemd/system/linli-$role.service" "/etc/systemd/system/linli-$role.service" 0644
  install_template "$ROOTFS/etc/linli/$role.yaml.example" "/etc/linli/$role.yaml" 0640 "root:$LINLI_USER"
  if [[ "$role" == kiosk ]]; then
    install_file "$ROOTFS/etc/pam.d/linli-kiosk" /etc/pam.d/linli-kiosk 0644
    install_file "$ROOTFS/opt/linli/bin/linli-kiosk-session" /opt/linli/bin/linli-kiosk-session 0755
  fi
}

# The central's HTTPS certificate and key, and the CA that signed them (for the devices provisioned from this host;
# the watchdog's health check over loopback does not verify the name). The key is readable by the service's group only.
install_tls() {
  local dir="$1"
  [[ -n "$dir" ]] || {
    [[ -f /etc/linli/tls/central.crt ]] \
      || say "no --tls DIR: the central serves HTTPS from /etc/linli/tls/central.{crt,key}, which do not exist yet"
    return 0
  }
  local file
  for file in ca.crt server.crt server.key; do
    [[ -f "$dir/$file" ]] || die "--tls $dir has no $file (make it: central-broker-config/scripts/tls.sh server $dir NAME)"
  done
  ensure_dir /etc/linli/tls 0750 "root:$LINLI_USER"
  install_file "$dir/ca.crt" /etc/linli/tls/ca.crt 0644
  install_file "$dir/server.crt" /etc/linli/tls/central.crt 0644
  install_file "$dir/server.key" /etc/linli/tls/central.key 0640 "root:$LINLI_USER"
}

install_jars() {
  local role="$1" jars="$2" module
  module="$(module_of "$role")"
  [[ -n "$jars" ]] || { say "no --jars given: /opt/linli/$module is left as it is"; return 0; }
  [[ -f "$jars/$module.jar" ]] || die "$jars/$module.jar not found (build it: ./mvnw -pl $module -am package)"
  STAGING="$(mktemp -d)"
  mkdir -p "$STAGING/lib"
  cp "$jars/$module.jar" "$STAGING/"
  [[ -d "$jars/lib" ]] && cp -r "$jars/lib/." "$STAGING/lib/"
  if diff -rq "$STAGING" "/opt/linli/$module" >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "/opt/linli/$module.new"
  cp -r "$STAGING" "/opt/linli/$module.new"
  chmod -R u=rwX,go=rX "/opt/linli/$module.new"
  rm -rf "/opt/linli/$module"
  mv "/opt/linli/$module.new" "/opt/linli/$module"
  say "installed /opt/linli/$module"
}

setup_read_only_root() {
  ensure_dir /var/lib/linli 0750 "$LINLI_USER:$LINLI_USER"
  ensure_line /etc/fstab "LABEL=LINLI-DATA /var/lib/linli ext4 defaults,noatime,nofail 0 2"
  command -v raspi-config >/dev/null || die "--read-only-root needs raspi-config (Raspberry Pi OS)"
  raspi-config nonint enable_overlayfs
  say "read-only root enabled from the next boot; /var/lib/linli stays writable"
}

enable_services() {
  local role="$1"
  local unit="linli-$role.service"
  systemctl is-enabled --quiet "$unit" 2>/dev/null || { systemctl enable --quiet "$unit"; say "enabled $unit"; }
  if [[ "$role" == kiosk ]]; then
    # the kiosk session replaces the login prompt on tty1 and the graphical boot
    if systemctl is-enabled --quiet getty@tty1.service 2>/dev/null; then
      systemctl disable --quiet getty@tty1.service
      say "disabled getty@tty1.service"
    fi
    if [[ "$(systemctl get-default)" != graphical.target ]]; then
      systemctl set-default --quiet graphical.target
      say "set the default target to graphical.target"
    fi
  fi
  if in_chroot; then
    say "in a chroot: not starting $unit (it starts on boot)"
    return 0
  fi
  udevadm control --reload && udevadm trigger
  systemctl daemon-reload
  systemctl restart "$unit"
}

main() {
  [[ $# -ge 1 ]] || usage
  local role="$1" jars="" read_only="" tls=""
  shift
  case "$role" in kiosk | agent | central) ;; *) usage ;; esac
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --jars) [[ $# -ge 2 ]] || usage; jars="$(cd "$2" && pwd)"; shift 2 ;;
      --tls) [[ $# -ge 2 && "$role" == central ]] || usage; tls="$(cd "$2" && pwd)"; shift 2 ;;
      --read-only-root) read_only=1; shift ;;
      *) usage ;;
    esac
  done
  trap cleanup EXIT
  preflight
  install_packages "$role"
  setup_user
  install_system_files "$role"
  install_jars "$role" "$jars"
  [[ "$role" == central ]] && install_tls "$tls"
  [[ -n "$read_only" ]] && setup_read_only_root
  enable_services "$role"
  say "$role installed"
}

main "$@"
