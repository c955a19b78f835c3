#!/usr/bin/env bash
# superbuild.sh: builds the static libraries the release binaries link (zlib, xz's liblzma,
# OpenSSL, curl, libarchive, minizip, cJSON) for one target, from the pinned sources in
# pins.tsv, with only the features invokeai-bootstrap uses.
#
#   packaging/superbuild.sh linux-x86_64      musl (Debian's musl-tools)
#   packaging/superbuild.sh windows-x86_64    mingw-w64 (Debian's gcc-mingw-w64-x86-64-posix)
#
# The last line printed is the prefix (include/, lib/) to hand to CMake as BS_DEPS_PREFIX.
# Everything lives outside the source tree, under $BS_DEPS_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/invokeai-bootstrap/deps): sources/ holds the verified
# tarballs, <target>-<key>/ a finished prefix, where key hashes pins.tsv and this script, so
# a rebuild with the same pins costs nothing and a changed pin builds a new prefix.
#
# Sources are looked for in this order: $BS_SOURCES_DIR/<file>, the cache, each URL of the
# pin, then Debian's source package (apt-get source --download-only with a private sources
# list and lists directory: the system's apt configuration is never touched). Every file is
# checked against its SHA-256 before it is unpacked.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="${1:-}"
JOBS="${BS_JOBS:-$(nproc 2>/dev/null || echo 2)}"
CACHE="${BS_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/invokeai-bootstrap/deps}"
DEBIAN_MIRROR="${BS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf 'superbuild: %s\n' "$*" >&2; }
die() { printf 'superbuild: error: %s\n' "$*" >&2; exit 1; }

case "$TARGET" in
linux-x86_64)
    CC=musl-gcc AR=ar RANLIB=ranlib HOST=x86_64-linux-musl OPENSSL_TARGET=linux-x86_64
    command -v musl-gcc >/dev/null || die "musl-gcc not found: apt-get install musl-tools"
    # musl-gcc sees only musl's headers; OpenSSL also wants the kernel's (linux/mman.h).
    KERNEL_HEADERS=/usr/include
    [ -d "$KERNEL_HEADERS/linux" ] || die "kernel headers not found: apt-get install linux-libc-dev"
    ;;
windows-x86_64)
    KERNEL_HEADERS=""
    # The -posix compiler: its winpthreads gives the core the pthreads it uses.
    CC=x86_64-w64-mingw32-gcc-posix AR=x86_64-w64-mingw32-ar RANLIB=x86_64-w64-mingw32-ranlib
    HOST=x86_64-w64-mingw32 OPENSSL_TARGET=mingw64
    command -v "$CC" >/dev/null || die "$CC not found: apt-get install gcc-mingw-w64-x86-64-posix"
    ;;
*)
    die "usage: superbuild.sh linux-x86_64|windows-x86_64"
    ;;
esac
export CC AR RANLIB

KEY="$(cat "$HERE/pins.tsv" "$HERE/superbuild.sh" | sha256sum | cut -c1-12)"
PREFIX="$CACHE/$TARGET-$KEY"
if [ -f "$PREFIX/.complete" ]; then
    log "cached: $PREFIX"
    echo "$PREFIX"
    exit 0
fi
mkdir -p "$CACHE/sources"
WORK="$(mktemp -d "$CACHE/work-$TARGET.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/prefix"
mkdir -p "$STAGE/include" "$STAGE/lib"
EXTRA_CPPFLAGS=""
if [ -n "$KERNEL_HEADERS" ]; then
    # Only the kernel's own folders, after musl's: glibc's headers must stay out of sight.
    mkdir -p "$WORK/kernel"
    ln -s "$KERNEL_HEADERS/linux" "$KERNEL_HEADERS/asm-generic" "$WORK/kernel/"
    ln -s "$KERNEL_HEADERS/$(gcc -print-multiarch)/asm" "$WORK/kernel/asm"
    EXTRA_CPPFLAGS="-idirafter $WORK/kernel"
fi

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

# Debian's source package, through a private apt configuration made once per run.
APT_DIR=""
debian_fetch() { # debian-spec file sha -> file in sources/, or fails
    local spec="$1" file="$2" sha="$3" opts
    [ "$spec" != "-" ] || return 1
    command -v apt-get >/dev/null || return 1
    if [ -z "$APT_DIR" ]; then
        APT_DIR="$WORK/apt"
        mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/dl"
        echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $DEBIAN_MIRROR bookworm main" \
            >"$APT_DIR/sources.list"
    fi
    opts=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache"
          -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq)
    if [ ! -f "$APT_DIR/updated" ]; then
        apt-get "${opts[@]}" update >&2 || return 1
        touch "$APT_DIR/updated"
    fi
    (cd "$APT_DIR/dl" && apt-get "${opts[@]}" source --download-only "$spec" >&2) || {
        log "Debian no longer has $spec: update its pin (packaging/README.md)"
        return 1
    }
    sha_ok "$APT_DIR/dl/$file" "$sha" || return 1
    mv "$APT_DIR/dl/$file" "$CACHE/sources/$file"
}

fetch_source() { # component -> path of its verified tarball on stdout
    local comp="$1" line name version file sha debian url got=""
    while IFS=$'\t' read -r name version file sha debian urls; do
        [ "$name" = "$comp" ] || continue
        local dest="$CACHE/sources/$file"
        if [ -n "${BS_SOURCES_DIR:-}" ] && sha_ok "$BS_SOURCES_DIR/$file" "$sha"; then
            echo "$BS_SOURCES_DIR/$file"; return 0
        fi
        sha_ok "$dest" "$sha" && { echo "$dest"; return 0; }
        for url in $urls; do
            [ "$url" = "-" ] && continue
            log "fetching $url"
            if curl -fsSL --proto '=https' --tlsv1.2 --retry 2 --connect-timeout 10 \
                    -o "$dest.part" "$url" && sha_ok "$dest.part" "$sha"; then
                mv "$dest.part" "$dest"; echo "$dest"; return 0
            fi
            rm -f "$dest.part"
        done
        log "fetching $file from Debian's source package $debian"
        debian_fetch "$debian" "$file" "$sha" && { echo "$dest"; return 0; }
        got="no"
    done < <(grep -v '^#' "$HERE/pins.tsv")
    [ -n "$got" ] || die "no pin for $comp in pins.tsv"
    die "no source of $comp matched its pinned SHA-256 (put the file in \$BS_SOURCES_DIR)"
}

unpack() { # component -> source directory on stdout
    local tarball dir
    tarball="$(fetch_source "$1")"
    dir="$WORK/src-$1"
    mkdir -p "$dir"
    tar -xf "$tarball" -C "$dir" --strip-components=1
    echo "$dir"
}

# Small libraries are compiled file by file: their own build systems would only add time.
compile_lib() { # libname srcdir cflags files...
    local lib="$1" src="$2" cflags="$3" objs=() f
    shift 3
    for f in "$@"; do
        # shellcheck disable=SC2086
        $CC -O2 -fPIC $cflags -c "$src/$f" -o "$WORK/$lib-$(basename "$f" .c).o"
        objs+=("$WORK/$lib-$(basename "$f" .c).o")
    done
    $AR rcs "$STAGE/lib/$lib.a" "${objs[@]}"
}

build_zlib() {
    local s; s="$(unpack zlib)"
    compile_lib libz "$s" "-D_LARGEFILE64_SOURCE=1" adler32.c crc32.c deflate.c infback.c \
        inffast.c inflate.c inftrees.c trees.c zutil.c compress.c uncompr.c gzclose.c gzlib.c \
        gzread.c gzwrite.c
    cp "$s/zlib.h" "$s/zconf.h" "$STAGE/include/"
}

build_minizip() {
    # Only reading: unzip.c and the stdio I/O layer (the core opens files through it).
    local s; s="$(unpack minizip)"
    compile_lib libminizip "$s" "-I$STAGE/include -DNOCRYPT" unzip.c ioapi.c
    mkdir -p "$STAGE/include/minizip"
    cp "$s/unzip.h" "$s/ioapi.h" "$STAGE/include/minizip/"
}

build_cjson() {
    local s; s="$(unpack cjson)"
    compile_lib libcjson "$s" "-DCJSON_HIDE_SYMBOLS -std=c89" cJSON.c
    mkdir -p "$STAGE/include/cjson"
    cp "$s/cJSON.h" "$STAGE/include/cjson/"
}

configure_flags=(--host="$HOST" --prefix="$STAGE" --disable-shared --enable-static)

build_xz() {
    local s; s="$(unpack xz)"
    (cd "$s" && ./configure "${configure_flags[@]}" --disable-xz --disable-xzdec \
        --disable-lzmadec --disable-lzmainfo --disable-lzma-links --disable-scripts \
        --disable-doc --disable-nls --disable-rpath CFLAGS="-O2 -fPIC" >&2 &&
        make -C src/liblzma -j"$JOBS" >&2 && make -C src/liblzma install >&2)
}

build_openssl() {
    # TLS 1.2/1.3 client with the usual ciphers; no engines, no dlopen, no legacy provider.
    local s; s="$(unpack openssl)"
    (cd "$s" && CC="$CC" ./Configure "$OPENSSL_TARGET" no-shared no-module no-dso no-engine \
        no-legacy no-tests no-afalgeng no-async no-comp no-ssl3 no-dtls no-srp no-ui-console \
        no-idea no-camellia no-seed no-bf no-cast no-rc2 no-rc4 no-rc5 no-md2 no-md4 no-mdc2 \
        no-whirlpool no-sm2 no-sm3 no-sm4 no-aria no-gost no-ct no-ocsp no-cms no-ts \
        --prefix="$STAGE" --libdir=lib --openssldir=/etc/ssl -O2 $EXTRA_CPPFLAGS >&2 &&
        make -j"$JOBS" build_libs >&2 && make install_dev >&2)
}

build_curl() {
    # HTTP and HTTPS only (proxies through CONNECT included): every other protocol is off.
    # No CA path is compiled in: the program finds the system's bundle at run time.
    local s; s="$(unpack curl)"
    (cd "$s" && PKG_CONFIG="pkg-config --static" PKG_CONFIG_LIBDIR="$STAGE/lib/pkgconfig" \
        CPPFLAGS="-I$STAGE/include $EXTRA_CPPFLAGS" LDFLAGS="-L$STAGE/lib" \
        ./configure "${configure_flags[@]}" --with-openssl="$STAGE" --with-zlib="$STAGE" \
        --disable-ftp --disable-file --disable-ldap --disable-ldaps --disable-rtsp --disable-dict \
        --disable-telnet --disable-tftp --disable-pop3 --disable-imap --disable-smb --disable-smtp \
        --disable-gopher --disable-mqtt --disable-manual --disable-ntlm-wb --disable-unix-sockets \
        --without-libpsl --without-brotli --without-zstd --without-nghttp2 --without-libidn2 \
        --without-librtmp --without-libssh2 --without-ca-bundle --without-ca-path \
        --without-ca-fallback CFLAGS="-O2" >&2 &&
        make -C lib -j"$JOBS" >&2 && make -C lib install >&2 && make -C include install >&2)
}

build_libarchive() {
    # Reading tar (gzip, xz) is what the program asks of it; every optional library is off.
    local s; s="$(unpack libarchive)"
    (cd "$s" && CPPFLAGS="-I$STAGE/include $EXTRA_CPPFLAGS" LDFLAGS="-L$STAGE/lib" \
        ./configure "${configure_flags[@]}" --disable-bsdtar --disable-bsdcpio --disable-bsdcat \
        --disable-acl --disable-xattr --without-bz2lib --without-libb2 --without-lz4 \
        --without-zstd --without-lzo2 --without-cng --without-openssl --without-nettle \
        --without-mbedtls --without-xml2 --without-expat --with-zlib --with-lzma \
        CFLAGS="-O2" >&2 && make -j"$JOBS" libarchive.la >&2 &&
        make install-libLTLIBRARIES install-includeHEADERS >&2)
}

start=$(date +%s)
for comp in zlib minizip cjson xz openssl curl libarchive; do
    log "building $comp for $TARGET"
    # The build's own chatter goes to a log; its end is shown when a step fails.
    if ! "build_$comp" >"$WORK/$comp.log" 2>&1; then
        tail -40 "$WORK/$comp.log" >&2
        cp "$WORK/$comp.log" "$CACHE/failed-$TARGET-$comp.log"
        die "building $comp failed (whole log: $CACHE/failed-$TARGET-$comp.log)"
    fi
done
rm -rf "$STAGE/bin" "$STAGE/share"
touch "$STAGE/.complete"
rm -rf "$PREFIX"
mv "$STAGE" "$PREFIX"
log "built in $(($(date +%s) - start)) s: $PREFIX"
echo "$PREFIX"
