#!/usr/bin/env bash
# packaging_deb: CPack builds the .deb and the .tar.gz from this build tree; the .deb's control
# data is sane (name, version, architecture, the runtime Depends dpkg-shlibdeps and we add),
# it holds the binaries, desktop file, metainfo, icons and docs, and the binaries extracted
# from it run. Installing it for real is packaging/check-deb-install.sh (needs root).
#
#   check-deb.sh <build dir> <app id> <project version> "<icon sizes>"
set -uo pipefail

build=$1 app_id=$2 version=$3 sizes=$4
failures=0 passes=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf 'PASS: %s\n' "$*"; passes=$((passes + 1)); }
check() { # check <description> <command...>
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/tidemark-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- build the packages -------------------------------------------------------------------------
for gen in DEB TGZ; do
  if ! cpack --config "$build/CPackConfig.cmake" -G "$gen" -B "$work/out" >"$work/cpack-$gen.log" 2>&1; then
    echo "FAIL: cpack -G $gen (log follows)"
    cat "$work/cpack-$gen.log"
    exit 1
  fi
done
mapfile -t debs < <(find "$work/out" -maxdepth 1 -name 'tidemark_*.deb')
if [ ${#debs[@]} -ne 1 ]; then
  echo "FAIL: expected one tidemark_*.deb in $work/out, found: ${debs[*]:-none}"
  cat "$work/cpack-DEB.log"
  exit 1
fi
deb=${debs[0]}
arch=$(dpkg --print-architecture)
check "file name $(basename "$deb")" test "$(basename "$deb")" = "tidemark_${version}-1_${arch}.deb"

# ---- control data -------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: tidemark" test "$(field Package)" = tidemark
check "Version: ${version}-1" test "$(field Version)" = "${version}-1"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
check "Maintainer set" test -n "$(field Maintainer)"
check "Description set" test -n "$(field Description)"
depends=$(field Depends)
echo "Depends: $depends"
# Each clause of Depends, one per line, for exact matching of package names.
clauses=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ *$//')
has_dep() { grep -qE "^($1)( \(|$| \|)" <<<"$clauses"; }
# What dpkg-shlibdeps must find from the links (t64: Debian 13 / Ubuntu 24.04 names)...
for lib in 'libc6' 'libstdc\+\+6' 'libqt6core6(t64)?' 'libqt6gui6(t64)?' 'libqt6widgets6(t64)?'; do
  check "Depends on ${lib//\\/}" has_dep "$lib"
done
# ...and what we add for what Qt loads at run time (plugins, fonts).
check "Depends on the SVG plugins (libqt6svg6)" has_dep 'libqt6svg6(t64)?'
check "Depends on a Cyrillic system font" grep -qE '^fonts-dejavu-core \|' <<<"$clauses"
check "Depends has no empty clause" test -z "$(grep -E '^$' <<<"$clauses")"
check "Depends has no build-tree or -dev package" test -z "$(grep -E -- '-dev( |$)' <<<"$clauses")"

# ---- contents -----------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
expect=(/usr/bin/tidemark /usr/bin/tidemark-cli
        "/usr/share/applications/$app_id.desktop"
        "/usr/share/metainfo/$app_id.metainfo.xml"
        "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
        /usr/share/doc/tidemark/copyright /usr/share/doc/tidemark/README.md
        /usr/share/doc/tidemark/LICENSE-DejaVu.txt /usr/share/doc/tidemark/docs/user-guide.md
        /usr/share/doc/tidemark/tests/ui/golden/readme-main-window.png)
for size in $sizes; do
  expect+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expect[@]}"; do
  check "contains $path" grep -qx -- "$path" "$work/contents"
done
check "installs nothing outside /usr" test -z "$(grep -vE '^/(usr(/.*)?)?$' "$work/contents")"

# ---- extracted tree -----------------------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"
for size in $sizes; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  check "${size}x${size} icon is a ${size} x ${size} PNG" grep -q "PNG image data, $size x $size," <(file -b "$png")
done
# Every library the binaries link directly (ELF NEEDED) comes from a package in Depends:
# as the app grows (Charts, librdkafka, ...), a missing runtime dependency fails here.
covered() { # covered <binary> <soname>
  local path pkg
  # "libfoo.so.1 => /path (0x...)", or for the dynamic loader (NEEDED when the code uses
  # dynamic TLS) "/lib64/ld-linux-x86-64.so.2 (0x...)".
  path=$(ldd "$1" | awk -v so="$2" '$1 == so {print $3; exit} substr($1, length($1) - length(so)) == "/" so {print $1; exit}')
  [ -n "$path" ] || { echo "  $2: not found by ldd"; return 1; }
  local real
  real=$(readlink -f "$path")
  # dpkg records some files under /lib and some under /usr/lib (merged /usr): try both.
  for candidate in "$path" "$real" "${real#/usr}" "/usr${path#/usr}"; do
    pkg=$(dpkg-query -S "$candidate" 2>/dev/null | head -n1) && break
  done
  pkg=${pkg%%:*}
  [ -n "$pkg" ] || { echo "  $2 ($path): no package owns it"; return 1; }
  has_dep "$(sed 's/[+.]/\\&/g' <<<"$pkg")" || { echo "  $2 comes from $pkg, which Depends does not name"; return 1; }
}
for exe in tidemark tidemark-cli; do
  for so in $(readelf -d "$root/usr/bin/$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    check "$exe needs $so: covered by Depends" covered "$root/usr/bin/$exe" "$so"
  done
done
check "installed desktop file validates" test -z "$(desktop-file-validate "$root/usr/share/applications/$app_id.desktop" 2>&1)"
validate_tree() {
  appstreamcli validate-tree --no-net --no-color "$root" >"$work/validate-tree.log" 2>&1 && return 0
  cat "$work/validate-tree.log"
  return 1
}
check "installed tree validates (appstreamcli validate-tree)" validate_tree

export HOME="$work/home" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
for exe in tidemark tidemark-cli; do
  out=$("$root/usr/bin/$exe" --version 2>&1)
  rc=$?
  echo "$exe --version: $out"
  check "extracted $exe --version exits 0" test $rc -eq 0
  check "extracted $exe --version names version $version" grep -q "^Tidemark $version" <<<"$out"
done

# ---- tar.gz -------------------------------------------------------------------------------------
mapfile -t tgzs < <(find "$work/out" -maxdepth 1 -name "tidemark-${version}-*.tar.gz")
if [ ${#tgzs[@]} -eq 1 ]; then
  pass "tar.gz $(basename "${tgzs[0]}")"
  tar -tzf "${tgzs[0]}" >"$work/tgz-contents"
  for path in bin/tidemark bin/tidemark-cli "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml"; do
    check "tar.gz contains */$path" grep -qE "^[^/]+/$path\$" "$work/tgz-contents"
  done
else
  fail "expected one tidemark-${version}-*.tar.gz, found: ${tgzs[*]:-none}"
fi

echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
