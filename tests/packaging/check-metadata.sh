#!/usr/bin/env bash
# packaging_metadata: the .desktop file and the AppStream metainfo validate with the
# freedesktop/AppStream validators (no warnings, no hints), agree with each other, and the
# newest release in the metainfo is the CMake project version.
#
#   check-metadata.sh <packaging/linux dir> <app id> <project version>
set -uo pipefail

dir=$1 app_id=$2 version=$3
desktop="$dir/$app_id.desktop"
metainfo="$dir/$app_id.metainfo.xml"
failures=0 passes=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf 'PASS: %s\n' "$*"; passes=$((passes + 1)); }

for tool in desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (Debian: desktop-file-utils, appstream)"; exit 1; }
done
for f in "$desktop" "$metainfo"; do
  [ -f "$f" ] || { echo "FAIL: missing $f"; exit 1; }
done

# desktop-file-validate exits 0 on hints and some warnings: treat any output as a failure.
out=$(desktop-file-validate "$desktop" 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ -n "$out" ]; then fail "desktop-file-validate $desktop (exit $rc): $out"
else pass "desktop-file-validate $desktop"; fi

# appstreamcli: errors and warnings fail its exit code; infos do not, so look for them too.
out=$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1)
rc=$?
if [ $rc -ne 0 ] || grep -qE '^[EWI]: ' <<<"$out"; then fail "appstreamcli validate $metainfo (exit $rc):"$'\n'"$out"
else pass "appstreamcli validate $metainfo"; fi

# The two files name the same application and icon.
grep -qx "Icon=$app_id" "$desktop" && pass "desktop Icon=$app_id" || fail "desktop file: expected Icon=$app_id"
grep -q "<id>$app_id</id>" "$metainfo" && pass "metainfo id" || fail "metainfo: expected <id>$app_id</id>"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" && pass "metainfo launchable" ||
  fail "metainfo: expected <launchable type=\"desktop-id\">$app_id.desktop</launchable>"
grep -qx "Exec=tidemark.*" "$desktop" && pass "desktop Exec" || fail "desktop file: Exec must start tidemark"

# Releases are newest first; the first one must be this version, so bumping the version in
# CMake without a release entry (date, notes) fails here.
newest=$(grep -o '<release [^>]*version="[^"]*"' "$metainfo" | head -n1 | sed 's/.*version="\([^"]*\)"/\1/')
if [ "$newest" = "$version" ]; then pass "newest release $newest = project version"
else fail "metainfo: newest <release> is '${newest:-none}', project version is $version; add a release entry"; fi

echo "$passes passed, $failures failed"
[ $failures -eq 0 ]
