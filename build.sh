#!/usr/bin/env bash
# build.sh: the README's two commands.
#   ./build.sh        installs the build dependencies this machine lacks, builds, and
#                     installs InvokeAI into ~/invokeai (without the internet: the same
#                     install against a local demo mirror, into a temporary root)
#   ./build.sh test   the same dependencies plus the test ones, the style check
#                     (tests/tools/checkstyle.sh), then the whole test suite
#                     twice: a -Werror build, and an ASan+UBSan build (clang); then the
#                     release files (packaging/release: static musl binary, mingw .exe),
#                     the e2e cases again with the static binary, and the .exe under Wine
#   ./build.sh release  only the release files, into build-release/
# `./build.sh -- ARGS` builds and runs the binary with ARGS instead.
set -euo pipefail
cd "$(dirname "$0")"

MODE="${1:-run}"
[ "$MODE" = "--" ] && MODE=run
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

# libc6-dev: gcc only recommends it, and --no-install-recommends on a minimal Debian would
# leave a compiler that cannot link (no crt1.o); zlib1g-dev: minizip's unzip.h includes
# zlib.h, and libminizip-dev does not bring it.
BUILD_DEPS=(cmake make gcc libc6-dev pkg-config libcurl4-openssl-dev libarchive-dev libssl-dev
            libminizip-dev zlib1g-dev libcjson-dev)
# libclang-rt-14-dev holds the sanitizer runtimes (only recommended by clang); zlib1g-dev
# gives the test zip writer its CRC-32;
# python3 reads the JSON in e2e tests and serves HTTPS (openssl makes its certificates);
# python3.11-venv makes the relocatable Python fixture usable; script(1) (bsdutils) gives
# them a terminal; bc does the benchmark's arithmetic.
# clang-format holds the style (tests/tools/checkstyle.sh).
TEST_DEPS=(clang clang-format libclang-rt-14-dev libcmocka-dev zlib1g-dev python3 python3.11-venv openssl
           bsdutils bc)
# The release build: musl for Linux, mingw-w64 for Windows, perl for OpenSSL's Configure,
# xz/bzip2 to unpack the pinned sources, file to check the result, Wine to run the .exe.
RELEASE_DEPS=(musl-tools gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 perl xz-utils bzip2
              file curl ca-certificates)
WINE_DEPS=(wine64)

install_missing() {
    local missing=() p
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "Not a Debian-family system: install these, then run this script again:" >&2
        echo "  Fedora/RHEL: sudo dnf install -y cmake make gcc clang pkgconf-pkg-config libcurl-devel libarchive-devel openssl-devel minizip-ng-compat-devel cjson-devel libcmocka-devel python3 bc" >&2
        echo "  Arch:        sudo pacman -S --needed cmake make gcc clang pkgconf curl libarchive openssl minizip cjson cmocka python bc" >&2
        exit 1
    fi
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "Missing packages. Run:  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

JOBS="$(nproc 2>/dev/null || echo 2)"

case "$MODE" in
run)
    install_missing "${BUILD_DEPS[@]}"
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBS_TESTS=OFF >/dev/null
    cmake --build build -j "$JOBS" >/dev/null
    [ $# -gt 0 ] && exec ./build/invokeai-bootstrap "$@"
    # With the internet: the real install into ~/invokeai. Without (CI): the same binary,
    # end to end, against a local demo mirror on 127.0.0.1, into a temporary root.
    if timeout 5 bash -c '</dev/tcp/pypi.org/443' 2>/dev/null; then
        exec ./build/invokeai-bootstrap install --yes
    fi
    echo "pypi.org cannot be reached: running the demo install against a local mirror instead"
    install_missing python3 python3.11-venv openssl
    exec bash tests/demo.sh ./build/invokeai-bootstrap
    ;;
test)
    install_missing "${BUILD_DEPS[@]}" "${TEST_DEPS[@]}"
    # The walls first: a style or architecture slip fails in seconds, not after the suite.
    bash tests/tools/checkstyle.sh
    cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBS_WERROR=ON >/dev/null
    cmake --build build-test -j "$JOBS"
    (cd build-test && ctest --output-on-failure -j "$JOBS")
    cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DBS_WERROR=ON \
        -DBS_SANITIZE=ON >/dev/null
    cmake --build build-asan -j "$JOBS"
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --output-on-failure -j "$JOBS")
    install_missing "${RELEASE_DEPS[@]}" "${WINE_DEPS[@]}"
    packaging/release build-release
    linux_bin="$(ls build-release/invokeai-bootstrap-*-linux-x86_64)"
    bash tests/release/linux_static.sh "$linux_bin"
    # The doctor and install e2e cases again, with the static binary from a folder of its
    # own (the fetch and unpack cases drive the core through test tools, not the binary).
    bare="$(mktemp -d)"
    chmod 755 "$bare" # some cases run it as an unprivileged user (setpriv)
    cp "$linux_bin" "$bare/invokeai-bootstrap"
    (cd build-test && BS_RELEASE_BIN="$bare/invokeai-bootstrap" \
        ctest --output-on-failure -j "$JOBS" -R '^e2e\.' -E 'e2e\.case_(fetch|unpack)')
    rm -rf "$bare"
    bash tests/wine/run.sh build-release/invokeai-bootstrap-*-windows-x86_64.exe
    ;;
release)
    install_missing cmake make gcc pkg-config "${RELEASE_DEPS[@]}"
    exec packaging/release build-release
    ;;
*)
    echo "usage: ./build.sh [test|release] [-- ARGS]" >&2
    exit 2
    ;;
esac
