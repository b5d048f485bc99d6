#!/usr/bin/env bash
# Runs a command with a private, unlocked Secret Service: gnome-keyring-daemon in the D-Bus
# session this script runs in (start it under `dbus-run-session`), its keyrings in a
# temporary directory, so the user's own keyring is never touched.
#   dbus-run-session -- tests/secrets/with-keyring.sh COMMAND ARGS...
set -euo pipefail
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "with-keyring.sh: run me under dbus-run-session" >&2; exit 2; }
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring.sh: gnome-keyring is not installed (packaging/dev.sh installs it)" >&2; exit 2; }
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/runtime"
export XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/runtime" XDG_CONFIG_HOME="$home/config"
# --unlock reads the keyring password on stdin and creates the "login" keyring with it.
eval "$(printf 'tidemark-test' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# The daemon may own its bus name a moment after it forks (seen on a loaded 2-core machine:
# "No keychain is reachable"): wait up to 10 s for org.freedesktop.secrets.
if command -v dbus-send >/dev/null; then
  for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
fi
"$@"
