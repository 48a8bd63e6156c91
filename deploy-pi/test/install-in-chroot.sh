#!/usr/bin/env bash
# Runs install.sh end to end in a throwaway Debian 13 (trixie) arm64 root, twice per role, and records what the
# test (central-broker-config/.../InstallScriptChrootIT.java) asserts. Needs root, debootstrap and qemu-user-static.
#
#   sudo test/install-in-chroot.sh --cache DIR --out DIR --jars DIR ROLE...
#
#   --cache DIR  kept between runs: the base root as a tarball (built once with debootstrap, named by a hash of
#                its recipe), debootstrap's .debs, apt's .debs, package lists and package cache (bind-mounted
#                into each root), and per role the root after install.sh's first run (see role_key)
#   --out DIR    per role: run1.log, run2.log (install.sh's output), before.txt/after.txt (state after each run),
#                facts.txt (user, groups, enabled units, java -version); timing lines go to standard output
#   --jars DIR   stand-in programs, <module>.jar and lib/, passed to install.sh --jars
#
# Exit status 77 means "this machine cannot run the check" (not root, no arm64 emulation, mirror unreachable); the
# reason is printed on standard output as "SKIP: ...".
#
# Each root lives on a tmpfs in a private mount namespace (unshare), so its mounts and files vanish with the
# process even if it is killed; the trap unmounts them earlier in the normal case.
#
# Stand-ins, for what cannot happen in a chroot:
#   - /usr/sbin/policy-rc.d answering 101: package scripts do not start daemons (mosquitto, dbus) in the chroot
#   - install.sh itself skips `udevadm trigger`, `systemctl daemon-reload` and `systemctl restart` when it finds
#     itself in a chroot; `systemctl enable/is-enabled/set-default` work offline on the unit files and do run
#   - /etc/resolv.conf copied from the build machine, standing in for the Pi's network settings
set -euo pipefail

readonly SUITE=trixie ARCH=arm64 VARIANT=minbase
# Raspberry Pi OS Lite has systemd as init and udev; minbase has neither
readonly INCLUDE=systemd,systemd-sysv,udev
readonly MIRROR="${LINLI_TEST_MIRROR:-http://deb.debian.org/debian}"
# bump when the way the base root is made changes, so that a stale tarball is not reused
readonly RECIPE_VERSION=1
readonly SKIP=77
readonly CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE DEPLOY_PI="${HERE%/test}"

ROOT=""
MIRROR_RELEASE=""

say() { printf 'install-in-chroot: %s\n' "$*" >&2; }
die() { printf 'install-in-chroot: error: %s\n' "$*" >&2; exit 1; }
skip() { printf 'SKIP: %s\n' "$*"; exit "$SKIP"; }

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# timed LABEL COMMAND...: runs the command and prints "timing: LABEL SECONDS" on standard output
timed() {
  local label="$1" start=$SECONDS
  shift
  "$@"
  printf 'timing: %s %d\n' "$label" $((SECONDS - start))
}

# --- host checks ------------------------------------------------------------------------------------------------

ensure_arm64_emulation() {
  local entry=/proc/sys/fs/binfmt_misc/qemu-aarch64
  [[ -x /usr/bin/qemu-aarch64-static ]] || skip "no qemu-user-static (apt-get install qemu-user-static binfmt-support)"
  if [[ ! -e /proc/sys/fs/binfmt_misc/status ]]; then
    mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
      || skip "binfmt_misc is not mounted and cannot be (a container without the privilege?)"
  fi
  if [[ "$(head -n 1 "$entry" 2>/dev/null)" != enabled ]]; then
    command -v update-binfmts >/dev/null || skip "no update-binfmts (apt-get install binfmt-support)"
    update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  fi
  [[ "$(head -n 1 "$entry" 2>/dev/null)" == enabled ]] || skip "arm64 binaries cannot run here: $entry is not enabled"
  # F (fix binary): the kernel opens qemu once, so it need not exist inside the root
  grep -q '^flags:.*F' "$entry" || skip "the qemu-aarch64 binfmt entry lacks the F flag; a chroot cannot find qemu"
}

check_host() {
  [[ $(id -u) -eq 0 ]] || skip "needs root (debootstrap, chroot, mounts)"
  local cmd
  for cmd in debootstrap unshare chroot zstd curl flock; do
    command -v "$cmd" >/dev/null || skip "needs $cmd (apt-get install debootstrap util-linux zstd curl)"
  done
  ensure_arm64_emulation
  MIRROR_RELEASE="$(curl -fsS -m 30 "$MIRROR/dists/$SUITE/InRelease" 2>/dev/null | sha256sum)" \
    || skip "the Debian mirror $MIRROR cannot be reached"
}

# --- the base root, built once ----------------------------------------------------------------------------------

base_tarball() {
  local cache="$1" key
  key="$(printf '%s\n' "$SUITE" "$ARCH" "$VARIANT" "$INCLUDE" "$MIRROR" "$RECIPE_VERSION" | sha256sum)"
  printf '%s/base-%s-%s-%s.tar.zst' "$cache" "$SUITE" "$ARCH" "${key:0:16}"
}

# Runs in its own mount namespace (see main): debootstrap on a tmpfs, packed into the cache.
build_base_inside() {
  local cache="$1" tarball="$2"
  ROOT="$(mktemp -d "$cache/base-build.XXXXXX")"
  trap cleanup_root EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  mount -t tmpfs -o size=3g,mode=0755 linli-base "$ROOT"
  mkdir -p "$cache/debs-$SUITE-$ARCH"
  debootstrap --arch="$ARCH" --variant="$VARIANT" --include="$INCLUDE" \
    --cache-dir="$cache/debs-$SUITE-$ARCH" "$SUITE" "$ROOT" "$MIRROR" >"$cache/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $cache/debootstrap.log"
  in_root apt-get clean
  rm -f "$ROOT/etc/resolv.conf"
  tar -C "$ROOT" --numeric-owner --xattrs --xattrs-include='*' -I 'zstd -T0 -6' -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
  say "cached the base root as $tarball"
}

ensure_base() {
  local cache="$1" tarball
  tarball="$(base_tarball "$cache")"
  [[ -f "$tarball" ]] && return 0
  say "building the base root (debootstrap $SUITE $ARCH under qemu; once, then cached)"
  unshare --mount --propagation private -- "${BASH_SOURCE[0]}" __build-base "$cache" "$tarball"
}

# --- one role in a fresh root -----------------------------------------------------------------------------------

# The host's preloads (libfaketime under `faketime ./linli test`) do not exist in the root: its loader would complain.
in_root() {
  env -u LD_PRELOAD chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb PATH="$CHROOT_PATH" "$@"
}

# Kills what the package scripts left running inside the root (by process id), then unmounts it.
cleanup_root() {
  [[ -n "$ROOT" && -d "$ROOT" ]] || return 0
  local proc
  for proc in /proc/[0-9]*; do
    [[ "$(readlink "$proc/root" 2>/dev/null)" == "$ROOT" ]] && kill -KILL "${proc#/proc/}" 2>/dev/null
  done
  umount -R "$ROOT" 2>/dev/null || umount -R -l "$ROOT" 2>/dev/null || true
  rmdir "$ROOT" 2>/dev/null || true
  return 0
}

# prepare_root CACHE JARS TARBALL: the root from the tarball, on a tmpfs, with the mounts it needs
prepare_root() {
  local cache="$1" jars="$2" tarball="$3"
  mount -t tmpfs -o size=4g,mode=0755 linli-root "$ROOT"
  tar -C "$ROOT" --numeric-owner --xattrs --xattrs-include='*' -I zstd -xpf "$tarball"
  mkdir -p "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/var/cache/apt" "$ROOT/var/lib/apt/lists"
  mount -t proc proc "$ROOT/proc"
  mount -t sysfs sysfs "$ROOT/sys"
  mount --rbind /dev "$ROOT/dev"
  # apt's downloads (.debs, package lists) and its parsed package cache outlive the root
  mkdir -p "$cache/apt-cache/archives/partial" "$cache/apt-lists/partial"
  mount --bind "$cache/apt-cache" "$ROOT/var/cache/apt"
  mount --bind "$cache/apt-lists" "$ROOT/var/lib/apt/lists"
  rm -rf "$ROOT/root/deploy-pi" "$ROOT/root/jars"
  mkdir -p "$ROOT/root/deploy-pi" "$ROOT/root/jars"
  cp -r "$DEPLOY_PI/install.sh" "$DEPLOY_PI/lib" "$DEPLOY_PI/rootfs" "$ROOT/root/deploy-pi/"
  cp -r "$jars/." "$ROOT/root/jars/"
}

# The stand-ins of the header, and the state a Pi starts from, set once on a fresh base root
add_stand_ins() {
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # Raspberry Pi OS Lite boots to the console (Debian's default is graphical.target)
  ln -sfn /usr/lib/systemd/system/multi-user.target "$ROOT/etc/systemd/system/default.target"
  printf '#!/bin/sh\n# throwaway test root: never start services\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
}

# The root after install.sh's first run is kept per role, keyed by everything that run depends on: the base root,
# the mirror's release file (a point release means other packages), install.sh with lib/ and rootfs/, the stand-in
# jars and this script. Under qemu that run takes about ten minutes even with every .deb cached, so a check of an
# unchanged deploy-pi/ starts from it; the second run and every assertion always run. LINLI_CHROOT_FRESH=1 (or
# deleting the installed-*.tar.zst files) forces the first run.
role_key() {
  local cache="$1" jars="$2" role="$3"
  {
    printf '%s\n' "$role" "$MIRROR_RELEASE" "$(base_tarball "$cache")"
    tar -C "$DEPLOY_PI" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - install.sh lib rootfs test
    tar -C "$jars" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - .
  } | sha256sum | cut -c1-16
}

# keep_root KEPT RUN1_LOG: the root (without the mounted /proc, /sys, /dev and apt caches) and the first run's log.
# Only an optimisation: when it fails, the check goes on and the next one runs install.sh from the base again.
keep_root() {
  local kept="$1" log="$2"
  if tar -C "$ROOT" --one-file-system --exclude=./proc --exclude=./sys --exclude=./dev \
    --exclude=./var/cache/apt --exclude=./var/lib/apt/lists --numeric-owner --xattrs --xattrs-include='*' \
    -I 'zstd -T0 -3' -cf "$kept.tar.zst.part" . && cp "$log" "$kept.run1.log"; then
    mv "$kept.tar.zst.part" "$kept.tar.zst"
  else
    rm -f "$kept.tar.zst.part" "$kept.run1.log"
    say "warning: could not keep the installed root; the next check runs install.sh from the base again"
  fi
}

run_install() {
  local role="$1" log="$2" status=0
  in_root /root/deploy-pi/install.sh "$role" --jars /root/jars >"$log" 2>&1 || status=$?
  [[ $status -eq 0 ]] || { cat "$log" >&2; die "install.sh $role exited with $status"; }
}

# One line per file, directory and link: path, type, mode, owner, size, mtime, ctime, link target, sha256.
# A second run that changes nothing leaves this identical (ctime catches even a rewrite with the same content).
snapshot() {
  local path
  local -a paths=()
  for path in /etc /opt/linli /usr/local /var/lib/linli /var/lib/dpkg/status /var/lib/apt/extended_states; do
    [[ -e "$ROOT$path" ]] && paths+=("$path")
  done
  in_root find "${paths[@]}" -printf '%p\t%y\t%m\t%u:%g\t%s\t%T@\t%C@\t%l\n' | LC_ALL=C sort >"$1.meta"
  in_root find "${paths[@]}" -type f -exec sha256sum {} + | awk '{ print $2 "\t" $1 }' | LC_ALL=C sort >"$1.sums"
  LC_ALL=C join -t $'\t' -a 1 "$1.meta" "$1.sums" >"$1"
  rm -f "$1.meta" "$1.sums"
}

facts() {
  local role="$1" file="$2"
  {
    printf 'passwd\t%s\n' "$(in_root getent passwd linli)"
    printf 'groups\t%s\n' "$(in_root id -nG linli)"
    printf 'enabled\t%s\n' "$(in_root systemctl is-enabled "linli-$role.service" || true)"
    printf 'default\t%s\n' "$(in_root systemctl get-default || true)"
    printf 'getty\t%s\n' "$(in_root systemctl is-enabled getty@tty1.service || true)"
    # shellcheck disable=SC2016 # expanded by the root's shell
    printf 'commands\t%s\n' "$(in_root sh -c 'for c in java cage Xwayland mosquitto curl; do command -v "$c"; done; true' \
      | tr '\n' ' ')"
    in_root java -version 2>&1 | sed 's/^/java\t/'
  } >"$file"
}

run_role_inside() {
  local cache="$1" out="$2" jars="$3" role="$4" key="$5"
  local kept="$cache/installed-$role-$key"
  ROOT="$(mktemp -d "$out/root-$role.XXXXXX")"
  trap cleanup_root EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  mkdir -p "$out/$role"
  if [[ -f "$kept.tar.zst" && -f "$kept.run1.log" && -z "${LINLI_CHROOT_FRESH:-}" ]]; then
    timed "$role-prepare-root" prepare_root "$cache" "$jars" "$kept.tar.zst"
    cp "$kept.run1.log" "$out/$role/run1.log"
    printf 'reused: %s (the root after the first run of install.sh %s, unchanged since)\n' "$kept.tar.zst" "$role"
  else
    timed "$role-prepare-root" prepare_root "$cache" "$jars" "$(base_tarball "$cache")"
    add_stand_ins
    timed "$role-install-run1" run_install "$role" "$out/$role/run1.log"
    rm -f "$cache/installed-$role-"*
    timed "$role-keep-root" keep_root "$kept" "$out/$role/run1.log"
  fi
  snapshot "$out/$role/before.txt"
  timed "$role-install-run2" run_install "$role" "$out/$role/run2.log"
  snapshot "$out/$role/after.txt"
  timed "$role-facts" facts "$role" "$out/$role/facts.txt"
}

main() {
  case "${1:-}" in
    __build-base) shift; build_base_inside "$@"; return ;;
    __role) shift; run_role_inside "$@"; return ;;
  esac
  local cache="" out="" jars="" role
  local -a roles=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --cache | --out | --jars)
        [[ $# -ge 2 ]] || usage
        printf -v "${1#--}" '%s' "$(realpath -m -- "$2")"
        shift 2 ;;
      kiosk | agent | central) roles+=("$1"); shift ;;
      *) usage ;;
    esac
  done
  [[ -n "$cache" && -n "$out" && -n "$jars" && ${#roles[@]} -gt 0 ]] || usage
  check_host
  mkdir -p "$cache"
  # one check at a time per cache: apt's lock on the shared archive directory would fail a second one
  exec 9>"$cache/run.lock"
  flock -w 3600 9 || die "another check holds $cache/run.lock"
  timed base ensure_base "$cache"
  for role in "${roles[@]}"; do
    unshare --mount --propagation private -- "${BASH_SOURCE[0]}" __role "$cache" "$out" "$jars" "$role" \
      "$(role_key "$cache" "$jars" "$role")"
  done
}

main "$@"
