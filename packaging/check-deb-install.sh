#!/usr/bin/env bash
# Installs the Tidemark .deb the way a user does (apt install ./tidemark_*.deb), checks that apt
# pulled its dependencies and that the installed app starts, then removes it again.
#
#   packaging/check-deb-install.sh [--fresh] <tidemark_*.deb | build dir>
#
# Given a build dir, the .deb is built from it first (cpack -G DEB). Needs root (or sudo).
#
# Default: installs on this machine and afterwards purges the package and every package apt
# pulled in for it, so the machine is left as it was. Refuses if tidemark is already installed.
#
# --fresh: a fresh machine instead: a minimal Debian/Ubuntu root of this machine's release
# (debootstrap --variant=minbase, from this machine's own apt sources), where apt has to pull
# every dependency (Qt, librdkafka, fonts...). Downloads a few hundred MB and takes minutes;
# the root is deleted afterwards. Set TIDEMARK_FRESH_KEEP=1 to keep it for a look.
#
# Prints PASS/FAIL per check and "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail

die() { printf 'check-deb-install: %s\n' "$*" >&2; exit 2; }
log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
failures=0 passes=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf 'PASS: %s\n' "$*"; passes=$((passes + 1)); }

fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
[ $# -eq 1 ] || die "usage: $0 [--fresh] <tidemark_*.deb | build dir>"

if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "needs root: run as root or install sudo"
  exec sudo -E bash "$0" "$@"
fi
command -v apt-get >/dev/null 2>&1 || die "needs apt-get (Debian or Ubuntu)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tidemark-install.XXXXXX")
chmod 755 "$work" # apt's sandbox user must be able to read the .deb
cleanup_steps=()
cleanup() {
  local i
  for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do eval "${cleanup_steps[i]}"; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- the .deb -----------------------------------------------------------------------------------
if [ -d "$1" ]; then
  [ -f "$1/CPackConfig.cmake" ] || die "$1: not a configured build dir (no CPackConfig.cmake)"
  log "building the .deb from $1"
  cpack --config "$1/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; die "cpack -G DEB failed"; }
  deb=$(find "$work/out" -maxdepth 1 -name 'tidemark_*.deb' | head -n1)
  [ -n "$deb" ] || die "cpack made no tidemark_*.deb in $work/out"
else
  [ -f "$1" ] || die "$1: no such file"
  deb=$1
fi
cp "$deb" "$work/"
deb="$work/$(basename "$deb")"
chmod 644 "$deb"
log "package: $(basename "$deb")"
dpkg-deb -f "$deb" Depends | sed 's/^/    Depends: /'

# The checks, run either here or inside the fresh root through $run.
run=()
installed_checks() {
  local where=$1 out rc
  out=$("${run[@]}" sh -c 'command -v tidemark; command -v tidemark-cli' 2>&1)
  if [ "$out" = $'/usr/bin/tidemark\n/usr/bin/tidemark-cli' ]; then pass "$where: tidemark and tidemark-cli on PATH"
  else fail "$where: expected /usr/bin/tidemark and /usr/bin/tidemark-cli on PATH, got: $out"; fi

  out=$("${run[@]}" env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM tidemark --version 2>&1)
  rc=$?
  [ $rc -eq 0 ] && grep -q '^Tidemark ' <<<"$out" && pass "$where: tidemark --version: $out" ||
    fail "$where: tidemark --version (exit $rc): $out"
  out=$("${run[@]}" env QT_QPA_PLATFORM=offscreen tidemark --version 2>&1)
  rc=$?
  [ $rc -eq 0 ] && grep -q '^Tidemark ' <<<"$out" && pass "$where: QT_QPA_PLATFORM=offscreen tidemark --version: $out" ||
    fail "$where: QT_QPA_PLATFORM=offscreen tidemark --version (exit $rc): $out"
  out=$("${run[@]}" tidemark-cli --version 2>&1)
  rc=$?
  [ $rc -eq 0 ] && grep -q '^Tidemark ' <<<"$out" && pass "$where: tidemark-cli --version: $out" ||
    fail "$where: tidemark-cli --version (exit $rc): $out"

  # Start the real window offscreen: it must still be running after 5 s (timeout's 124), with
  # no platform-plugin or library error. A throwaway HOME keeps the user's settings out of it.
  out=$("${run[@]}" env -u DISPLAY -u WAYLAND_DISPLAY HOME=/tmp/tidemark-check-home XDG_RUNTIME_DIR=/tmp/tidemark-check-run \
        QT_QPA_PLATFORM=offscreen sh -c 'mkdir -p -m 700 "$HOME" "$XDG_RUNTIME_DIR"; timeout 5 tidemark; rc=$?; rm -rf "$HOME" "$XDG_RUNTIME_DIR"; exit $rc' 2>&1)
  rc=$?
  if [ $rc -eq 124 ] && ! grep -qiE 'could not (load|find) the qt platform plugin|error while loading shared libraries|failed to start' <<<"$out"; then
    pass "$where: the GUI starts offscreen and keeps running"
  else
    fail "$where: the GUI did not keep running offscreen (exit $rc): $out"
  fi

  # And on a real X server (the xcb platform plugin) where this machine has Xvfb.
  if [ ${#run[@]} -eq 0 ] && command -v xvfb-run >/dev/null 2>&1; then
    out=$(env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM HOME="$work/home" XDG_RUNTIME_DIR="$work/run" \
          sh -c 'mkdir -p -m 700 "$HOME" "$XDG_RUNTIME_DIR"; xvfb-run -a -s "-screen 0 1280x800x24" timeout 5 tidemark' 2>&1)
    rc=$?
    if [ $rc -eq 124 ] && ! grep -qiE 'could not (load|find) the qt platform plugin|error while loading shared libraries|failed to start' <<<"$out"; then
      pass "$where: the GUI starts on Xvfb (xcb) and keeps running"
    else
      fail "$where: the GUI did not keep running on Xvfb (exit $rc): $out"
    fi
  fi

  out=$("${run[@]}" sh -c 'for f in /usr/share/applications/io.github.tidemark.Tidemark.desktop /usr/share/metainfo/io.github.tidemark.Tidemark.metainfo.xml /usr/share/icons/hicolor/scalable/apps/io.github.tidemark.Tidemark.svg /usr/share/icons/hicolor/48x48/apps/io.github.tidemark.Tidemark.png; do [ -f "$f" ] || echo "missing $f"; done' 2>&1)
  [ -z "$out" ] && pass "$where: desktop file, metainfo and icons installed" || fail "$where: $out"
}

apt_env=(env DEBIAN_FRONTEND=noninteractive)

if [ $fresh -eq 0 ]; then
  # ---- install on this machine ------------------------------------------------------------------
  if dpkg-query -W -f='${Status}' tidemark 2>/dev/null | grep -q 'install ok installed'; then
    die "tidemark is already installed here; remove it first (apt-get purge tidemark) or use --fresh"
  fi
  dpkg-query -W -f='${Package}\n' | sort >"$work/before"
  cleanup_steps+=("remove_installed")
  remove_installed() {
    # Purge tidemark and exactly the packages its install pulled in, nothing else.
    dpkg-query -W -f='${Package}\n' | sort >"$work/after"
    local added
    mapfile -t added < <(comm -13 "$work/before" "$work/after")
    [ ${#added[@]} -eq 0 ] && return
    log "removing: ${added[*]}"
    "${apt_env[@]}" apt-get purge -y -q "${added[@]}" >"$work/purge.log" 2>&1 || cat "$work/purge.log"
  }
  log "apt-get install -y $deb"
  apt_install() { "${apt_env[@]}" apt-get install -y -q "$deb" >"$work/install.log" 2>&1; }
  # Stale package lists (a dependency's version gone from the mirror): refresh once, retry.
  apt_install
  rc=$?
  if [ $rc -ne 0 ] && grep -qE 'Failed to fetch|Unable to fetch|Unable to locate|has no installation candidate' "$work/install.log"; then
    log "apt-get update, then retry"
    "${apt_env[@]}" apt-get update -q >/dev/null 2>&1
    apt_install
    rc=$?
  fi
  if [ $rc -eq 0 ]; then
    pass "apt-get install ./$(basename "$deb")"
  else
    cat "$work/install.log"
    fail "apt-get install ./$(basename "$deb")"
  fi
  dpkg-query -W -f='${Package}\n' | sort >"$work/after"
  added=$(comm -13 "$work/before" "$work/after" | grep -vx tidemark | tr '\n' ' ')
  echo "    apt pulled in besides tidemark: ${added:-nothing (all dependencies were already here)}"
  if dpkg-query -W -f='${Status}' tidemark 2>/dev/null | grep -q 'install ok installed'; then
    installed_checks "this machine"
  fi
  remove_installed
  cleanup_steps=()
  if [ -e /usr/bin/tidemark ] || dpkg-query -W -f='${Status}' tidemark 2>/dev/null | grep -q 'install ok installed'; then
    fail "tidemark still installed after apt-get purge"
  else
    pass "apt-get purge tidemark removed it"
  fi
else
  # ---- install on a fresh root ------------------------------------------------------------------
  command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap"
    "${apt_env[@]}" apt-get install -y -q --no-install-recommends debootstrap >/dev/null || die "cannot install debootstrap"
  }
  . /etc/os-release
  suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
  # The mirror this machine already uses (first deb source), so the root matches its release.
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
  [ -n "$mirror" ] || die "cannot find this machine's apt mirror"
  root="$work/root"
  [ "${TIDEMARK_FRESH_KEEP:-0}" = 1 ] && { root="${TMPDIR:-/tmp}/tidemark-fresh-root"; rm -rf "$root"; }
  log "debootstrap --variant=minbase $suite (from this machine's mirror) into $root"
  start=$(date +%s)
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 30 "$work/debootstrap.log"; die "debootstrap failed"; }
  echo "    debootstrap: $(($(date +%s) - start)) s"
  # Same apt sources as this machine (updates, security), no other packages than minbase.
  cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/" 2>/dev/null || true
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  if mount -t proc proc "$root/proc" 2>/dev/null; then cleanup_steps+=("umount '$root/proc'"); fi
  cp "$deb" "$root/tmp/"
  run=(chroot "$root")
  "${run[@]}" "${apt_env[@]}" apt-get update -q >"$work/update.log" 2>&1 || { cat "$work/update.log"; die "apt-get update in the fresh root failed"; }
  "${run[@]}" dpkg-query -W -f='${Package}\n' | sort >"$work/before"
  log "apt-get install -y ./$(basename "$deb") in the fresh root"
  start=$(date +%s)
  if "${run[@]}" "${apt_env[@]}" sh -c "cd /tmp && apt-get install -y -q ./$(basename "$deb")" >"$work/install.log" 2>&1; then
    pass "fresh root: apt-get install ./$(basename "$deb") ($(($(date +%s) - start)) s)"
  else
    cat "$work/install.log"
    fail "fresh root: apt-get install ./$(basename "$deb")"
  fi
  "${run[@]}" dpkg-query -W -f='${Package}\n' | sort >"$work/after"
  echo "    apt pulled in $(comm -13 "$work/before" "$work/after" | grep -cvx tidemark) packages besides tidemark"
  awk '/^The following NEW packages/ {on = 1; next} on && /^  / {print "    " $0; next} {on = 0}' "$work/install.log"
  installed_checks "fresh root"
  "${run[@]}" "${apt_env[@]}" apt-get purge -y -q tidemark >"$work/purge.log" 2>&1 && [ ! -e "$root/usr/bin/tidemark" ] &&
    pass "fresh root: apt-get purge tidemark removed it" || { cat "$work/purge.log"; fail "fresh root: apt-get purge tidemark"; }
  [ "${TIDEMARK_FRESH_KEEP:-0}" = 1 ] && echo "    kept the fresh root at $root"
fi

echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
