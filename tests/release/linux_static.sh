#!/usr/bin/env bash
# linux_static.sh BIN: the release binary is what it claims: statically linked, within its
# size budget, and working where no library is visible: in a mount namespace whose library
# folders are empty tmpfs mounts it prints its version, runs doctor, and fetches an install
# plan over HTTPS trusting the system's CA bundle found at run time (the test CA is put in
# place of Debian's bundle inside the namespace only). Prints "static: N passed, M failed".
set -uo pipefail
BIN="$(realpath "${1:?usage: linux_static.sh path/to/invokeai-bootstrap-linux-x86_64}")"
HERE="$(cd "$(dirname "$0")" && pwd)"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-static.XXXXXX")
MIRROR_PID=""
cleanup() {
    [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/     /' "$T/err" | tail -8; }

file -b "$BIN" | grep -q 'statically linked' && ok "file: statically linked" || bad "file: $(file -b "$BIN")"
LDD="$(ldd "$BIN" 2>&1)"
echo "$LDD" | grep -qE 'not a dynamic executable|statically linked' && ok "ldd: not dynamic" || bad "ldd: $LDD"
SIZE=$(stat -c %s "$BIN")
[ "$SIZE" -le $((8 * 1000 * 1000)) ] && ok "size $SIZE bytes <= 8 MB" || bad "size $SIZE bytes > 8 MB"

if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
    echo "static: $PASS passed, $FAIL failed, 1 skipped (the namespace case needs root)"
    [ "$FAIL" = 0 ]
    exit
fi

. "$HERE/../fixtures/mirror.sh"
mirror_make "$T" && mirror_start "$T" || { bad "mirror did not start"; exit 1; }
cp "$BIN" "$T/invokeai-bootstrap"
# in_bare CMD...: CMD with every library folder hidden and the test CA as the system's.
in_bare() {
    # Each folder once (merged /usr makes /lib/x86_64-linux-gnu the same as /usr's), and
    # libc's own folder last: mount itself needs it. /lib64 (the loader) stays.
    local libc_dir hide="" d seen=" "
    libc_dir="$(dirname "$(realpath "$(ldd /bin/sh | awk '/libc\.so/ {print $3}')")")"
    for d in /usr/local/lib /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu; do
        [ -d "$d" ] || continue
        d="$(realpath "$d")"
        case "$seen" in *" $d "*) continue ;; esac
        seen="$seen$d "
        [ "$d" = "$libc_dir" ] || hide="$hide mount -t tmpfs bare $d &&"
    done
    unshare -m --propagation private /bin/sh -c "mount --bind '$T/certs/ca.crt' \
        /etc/ssl/certs/ca-certificates.crt && $hide mount -t tmpfs bare $libc_dir && \
        exec \"\$@\"" sh "$@" >"$T/out" 2>"$T/err"
    RC=$?
}
in_bare "$T/invokeai-bootstrap" --version
[ $RC = 0 ] && grep -q '^invokeai-bootstrap ' "$T/out" && ok "--version with no libraries visible" ||
    bad "--version with no libraries visible (rc $RC)"
# The proof that libraries really were hidden: a dynamic program cannot start there.
in_bare /usr/bin/python3 -c pass
[ $RC != 0 ] && ok "control: a dynamic program fails in the bare namespace" ||
    bad "control: python3 ran, so libraries were visible"
in_bare "$T/invokeai-bootstrap" doctor --json --root "$T/root"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["facts"]["os"]=="linux"' "$T/out" &&
    ok "doctor --json with no libraries visible" || bad "doctor --json (rc $RC)"
unset SSL_CERT_FILE
in_bare "$T/invokeai-bootstrap" install --dry-run --yes --root "$T/root" \
    --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl" --python 3.11
[ $RC = 0 ] && grep -q '6.14.0' "$T/out" && ok "HTTPS plan trusting the system bundle (no --cacert)" ||
    bad "HTTPS plan with the system bundle (rc $RC)"

echo "static: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
