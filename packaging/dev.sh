#!/usr/bin/env bash
# Tidemark's developer entry point. Idempotent: re-running it only does what is missing.
#
#   packaging/dev.sh run               install dependencies, build, start the app (built-in broker)
#   packaging/dev.sh test [--sanitize] install dependencies, build, run the whole test suite
#   packaging/dev.sh deps              install dependencies only
#   packaging/dev.sh build [--sanitize]
#   packaging/dev.sh fuzz              install clang + libFuzzer, build the fuzz targets (build-fuzz/),
#                                      run each for $TIDEMARK_FUZZ_TIME s (default 30), fixed seed
#
# Works on Debian 12 and Ubuntu 24.04+ as root or with sudo (librdkafka 2.0+ is needed: Ubuntu
# 22.04's 1.8 is too old). Build trees: build/ and, with --sanitize (AddressSanitizer + UBSan),
# build-asan/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-l10n-tools qt6-translations-l10n qt6-tools-dev qt6-tools-dev-tools
  libgl-dev librdkafka-dev nlohmann-json3-dev
  zlib1g-dev libsnappy-dev liblz4-dev libzstd-dev
  kcat xvfb xauth fonts-dejavu-core openssl libssl-dev
  qtkeychain-qt6-dev gnome-keyring dbus-x11
  openjdk-17-jre-headless maven
  desktop-file-utils appstream dpkg-dev file
)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to install packages: run as root or install sudo"
  fi
}

have_java() { command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; }

deps() {
  local missing=() p
  for p in "${packages[@]}"; do
    case "$p" in
      # Any Java 17+ and any Maven will do; don't pull Debian's if one is already on PATH.
      openjdk-17-jre-headless) have_java && continue ;;
      maven) command -v mvn >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "dependencies: all present"
    return
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get: see README.md for other platforms"
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  local dir=build extra=()
  if [ "${1:-}" = "--sanitize" ]; then
    dir=build-asan
    # Benchmarks are built (and so compile-checked) in the normal tree only.
    extra=(-DTIDEMARK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DTIDEMARK_BUILD_BENCH=OFF)
  fi
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir"
    cmake -S . -B "$dir" -G Ninja "${extra[@]}"
  fi
  log "building $dir"
  cmake --build "$dir" --parallel "$(nproc 2>/dev/null || echo 2)"
  BUILD_DIR="$dir"
}

# clang, libFuzzer and clang's sanitizer runtimes, for `dev.sh fuzz` only (the normal build is gcc).
fuzz_deps() {
  local missing=() p major
  command -v clang++ >/dev/null 2>&1 || missing+=(clang)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: clang"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang ||
      { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang; }
  fi
  major="$(clang++ --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)"
  missing=()
  for p in "libfuzzer-$major-dev" "libclang-rt-$major-dev"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

fuzz() {
  local dir=build-fuzz
  fuzz_deps
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir (clang, libFuzzer)"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DTIDEMARK_FUZZ=ON -DTIDEMARK_BUILD_BENCH=OFF
  fi
  cmake "$dir" -DTIDEMARK_FUZZ_TIME="${TIDEMARK_FUZZ_TIME:-30}" >/dev/null
  log "building the fuzz targets in $dir"
  cmake --build "$dir" --parallel "$(nproc 2>/dev/null || echo 2)" --target fuzzers
  log "one timed run per fuzz target (${TIDEMARK_FUZZ_TIME:-30} s each, -seed=1)"
  ctest --test-dir "$dir" -L fuzz-timed --output-on-failure
}

fetch_kafka() {
  if [ -x tests/kafka/cluster.sh ]; then
    # The version the Kafka tests run (TIDEMARK_KAFKA_VERSION, default the newest tested 4.x),
    # and 3.7.2, whose kafka-clients jar the Java interop test of `serve` compiles against.
    tests/kafka/cluster.sh fetch
    TIDEMARK_KAFKA_VERSION=3.7.2 tests/kafka/cluster.sh fetch
  fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
  deps) deps ;;
  fuzz) fuzz ;;
  build) deps; build "$@" ;;
  run)
    deps
    build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      log "no display found: starting under xvfb-run (set DISPLAY to see the window)"
      exec xvfb-run -a "$BUILD_DIR/ui/tidemark" "$@"
    fi
    log "starting Tidemark on the built-in broker"
    exec "$BUILD_DIR/ui/tidemark" "$@"
    ;;
  test)
    deps
    fetch_kafka
    build "$@"
    log "running the test suite in $BUILD_DIR"
    export QT_QPA_PLATFORM=offscreen
    if [ "${1:-}" = "--sanitize" ]; then
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
      export LSAN_OPTIONS="suppressions=$here/tests/lsan.supp:print_suppressions=0"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    fi
    if ! ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j "${TIDEMARK_TEST_JOBS:-2}"; then
      # The failed cases last, where a log's tail shows them (the whole output above is long).
      log "failed test cases:"
      grep -E -A5 '^FAIL!' "$BUILD_DIR/Testing/Temporary/LastTest.log" | grep -v '^QWARN' | tail -80 || true
      exit 1
    fi
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
