# lib.sh: helpers for the e2e cases. Each case builds a fake machine (a sysroot of /proc,
# /sys and /etc files, fake vendor tools on a private PATH), runs the real binary as a user
# would, and checks the exit code, the JSON, stderr, and that nothing was written outside.
set -euo pipefail

# BS_RELEASE_BIN (from outside ctest) runs the same cases against a release binary.
BS_BIN="${BS_RELEASE_BIN:-${BS_BIN:-}}"
: "${BS_BIN:?BS_BIN must name the invokeai-bootstrap binary}"
: "${BS_FIXTURES:?BS_FIXTURES must name tests/fixtures}"
RO="$BS_FIXTURES/real-outputs"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-e2e.XXXXXX")
SYS="$T/sysroot"
BIN="$T/bin"
NV="$T/nvidia-smi.d"
HOMEDIR="$T/home"
ROOT="$HOMEDIR/invokeai"
OUT="$T/out.json"
ERR="$T/err.txt"
RC_FILE="$T/rc"
UNMOUNT=""
mkdir -p "$SYS" "$BIN" "$NV" "$HOMEDIR" "$T/tmp"

cleanup() {
    if [ -n "$UNMOUNT" ]; then umount "$UNMOUNT" 2>/dev/null || true; fi
    rm -rf "$T"
}
trap cleanup EXIT
# ctest kills a case that runs too long with SIGTERM: still clean up.
trap 'exit 143' TERM INT

fail() {
    echo "FAIL: $*" >&2
    echo "--- stdout:" >&2
    cat "$OUT" >&2 2>/dev/null || true
    echo "--- stderr:" >&2
    cat "$ERR" >&2 2>/dev/null || true
    exit 1
}

# sysroot_linux OS_RELEASE_FIXTURE RAM_MIB: a glibc x86_64 Linux with OpenCV's libraries.
sysroot_linux() {
    mkdir -p "$SYS/etc" "$SYS/proc" "$SYS/lib64" "$SYS/usr/lib/x86_64-linux-gnu" "$SYS/sys/class/drm"
    cp "$RO/os-release/$1" "$SYS/etc/os-release"
    printf 'MemTotal:       %d kB\nMemFree:         1000 kB\n' "$(($2 * 1024))" >"$SYS/proc/meminfo"
    : >"$SYS/lib64/ld-linux-x86-64.so.2"
    : >"$SYS/usr/lib/x86_64-linux-gnu/libGL.so.1"
    : >"$SYS/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0"
}

# drm_card N VENDOR DEVICE [VRAM_BYTES]: a /sys/class/drm/cardN entry.
drm_card() {
    local d="$SYS/sys/class/drm/card$1/device"
    mkdir -p "$d" "$SYS/sys/class/drm/card$1-DP-1"
    echo "$2" >"$d/vendor"
    echo "$3" >"$d/device"
    if [ $# -ge 4 ]; then echo "$4" >"$d/mem_info_vram_total"; fi
}

# fake_nvidia_smi: installs a fake nvidia-smi that prints $NV/query (for --query-gpu with
# compute_cap), $NV/query_old (without it) or $NV/table (no arguments), exiting with
# the number in the matching .rc file (default 0).
fake_nvidia_smi() {
    cat >"$BIN/nvidia-smi" <<SCRIPT
#!/bin/sh
case "\$*" in
*compute_cap*) f=query ;;
*--query-gpu*) f=query_old ;;
*) f=table ;;
esac
rc=0
if [ -f "$NV/\$f.rc" ]; then rc=\$(/bin/cat "$NV/\$f.rc"); fi
if [ -f "$NV/\$f" ]; then /bin/cat "$NV/\$f"; fi
exit \$rc
SCRIPT
    chmod +x "$BIN/nvidia-smi"
}

# fake_tool NAME FILE [RC]: a tool that prints FILE and exits RC.
fake_tool() {
    printf '#!/bin/sh\n/bin/cat "%s"\nexit %s\n' "$2" "${3:-0}" >"$BIN/$1"
    chmod +x "$BIN/$1"
}

# with_real_python: puts this machine's Python 3.11 on the private PATH, if there is one.
with_real_python() {
    local p
    for p in /usr/bin/python3.11 /usr/local/bin/python3.11; do
        if [ -x "$p" ]; then ln -s "$p" "$BIN/python3.11"; return 0; fi
    done
    return 1
}

# run_doctor [ARGS...]: the real binary, clean environment, private PATH and sysroot.
run_doctor() {
    set +e
    env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="${E2E_TMPDIR:-$T/tmp}" \
        INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" doctor --json --root "$ROOT" "$@" \
        >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}

expect_rc() {
    local rc
    rc=$(cat "$RC_FILE")
    [ "$rc" = "$1" ] || fail "exit code $rc, expected $1"
}

# q EXPR: evaluates a Python expression over the JSON (d), prints the result.
q() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c={x["id"]: x for x in d.get("checks", [])} if isinstance(d, dict) else {}; print(eval(sys.argv[2]))' "$OUT" "$1"
}

expect_eq() {
    local got
    got=$(q "$1") || fail "cannot evaluate $1"
    [ "$got" = "$2" ] || fail "$1 = '$got', expected '$2'"
}

# expect_check ID STATUS [WORDS]: the check's status, and WORDS in its summary or fix.
expect_check() {
    expect_eq "c['$1']['status']" "$2"
    if [ $# -ge 3 ]; then
        local text
        text=$(q "c['$1']['summary'] + ' | ' + c['$1']['fix']")
        case "$text" in *"$3"*) ;; *) fail "check $1: '$3' not in '$text'" ;; esac
    fi
}

# doctor only reads: the install root must not exist afterwards.
expect_nothing_written() {
    [ ! -e "$ROOT" ] || fail "doctor created $ROOT"
    [ -z "$(ls -A "$T/tmp")" ] || fail "doctor left files in TMPDIR"
}
