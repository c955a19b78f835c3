# Ctrl-C (SIGINT), SIGTERM (timeout, systemd, Ansible) and SIGHUP (the terminal closed)
# stop a run at every long step of install, and of repair, python install and bundle: exit
# 130 within 2 seconds, "rerun to resume", no child left running, the root's lock free,
# and the rerun finishes. Each step is held open by something slow: a fake apt-get that
# sleeps (OS packages), a server that drips the Python build or the torch wheel, ensurepip
# (the venv), and a .pth file that makes the venv's Python sleep in pip or in the verify
# script.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
LIBDIR="$SYS/usr/lib/x86_64-linux-gnu"
python_manifest
PYNAME=$(basename "$PYFILE")
cp "$PYFILE" "$IDX/files/$PYNAME"
sed "s#\"url\": \"$PYFILE\"#\"url\": \"$BASE/files/$PYNAME\"#" "$T/m.json" >"$T/mh.json"
TORCH=torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
TSHA=$(sha256sum <"$IDX/files/$TORCH" | cut -c1-64)
# fresh_torch: the torch wheel downloads again from zero (it is small: about 6 s dripped)
fresh_torch() { rm -f "$ROOT/.cache/downloads/$TSHA"* "$ROOT/.cache/downloads/wheels/$TORCH"; }
SLOW="$T/slow-python" # what the venv's Python sleeps in: a word of its command line

# start_bs ARGS: the binary in the background (BSPID), as run_bs runs it.
start_bs() {
    # shellcheck disable=SC2086
    env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
        "$BS_BIN" "$@" --root "$ROOT" --cacert "$CERTS/ca.crt" $INDEX_ARGS \
        </dev/null >"$OUT" 2>"$ERR" &
    BSPID=$!
}
# wait_until WHAT COMMAND...: polls COMMAND for up to 60 s
wait_until() {
    local what=$1
    shift
    for _ in $(seq 1 600); do
        "$@" && return 0
        kill -0 "$BSPID" 2>/dev/null || fail "the run ended before $what"
        sleep 0.1
    done
    fail "never reached $what"
}
err_has() { grep -qF -- "$1" "$ERR"; }
# part_has_bytes DIR N: a .part in DIR holds N bytes or more
part_has_bytes() {
    local f
    for f in "$1"/*.part; do [ -f "$f" ] && [ "$(stat -c %s "$f")" -ge "$2" ] && return 0; done
    return 1
}
running() { pgrep -f -- "$1" >/dev/null; }
# stop_with SIGNAL STEP: sends it, then expects 130 within 2 s, the hint, no child left.
stop_with() {
    local t0 t1 rc ms
    t0=$(date +%s%N)
    kill "-$1" "$BSPID" 2>/dev/null || { wait "$BSPID" || true; fail "$2: the run ended before $1"; }
    set +e
    wait "$BSPID"
    rc=$?
    set -e
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    echo "$2: $1 -> exit $rc after $ms ms"
    [ "$rc" = 130 ] || fail "$2: $1 gave exit $rc, expected 130"
    [ "$ms" -lt 2000 ] || fail "$2: $1 took $ms ms to stop (at most 2000)"
    expect_err "rerun to resume"
    sleep 0.2
    if pgrep -af -- "$ROOT" | grep -v pgrep; then fail "$2: a child is still running"; fi
    if [ -f "$T/apt.pid" ] && kill -0 "$(cat "$T/apt.pid")" 2>/dev/null; then
        fail "$2: the package manager is still running"
    fi
}

# --- OS packages: apt-get is running (as root the install runs it itself)
if [ "$(id -u)" = 0 ]; then
    rm -f "$LIBDIR/libGL.so.1" "$LIBDIR/libglib-2.0.so.0" "$SYS/etc/ld.so.cache"
    cat >"$BIN/apt-get" <<SCRIPT
#!/bin/sh
echo \$\$ >"$T/apt.pid"
exec /bin/sleep 30
SCRIPT
    chmod +x "$BIN/apt-get"
    start_bs install --yes
    wait_until "apt-get" test -s "$T/apt.pid"
    stop_with INT "OS packages"
    cat >"$BIN/apt-get" <<SCRIPT
#!/bin/sh
: >"$LIBDIR/libGL.so.1"; : >"$LIBDIR/libglib-2.0.so.0"
SCRIPT
fi

# --- the Python build drips in
touch "$IDX/.faults/slow-$PYNAME"
start_bs install --yes --python managed --python-manifest "$T/mh.json"
wait_until "the Python download" part_has_bytes "$ROOT/.cache/downloads" 256
stop_with TERM "Python download"
rm "$IDX/.faults/slow-$PYNAME"

# --- python install alone, the same download
touch "$IDX/.faults/slow-$PYNAME"
ROOT_SAVED=$ROOT
ROOT="$HOMEDIR/py-only"
INDEX_ARGS="" start_bs python install --python-manifest "$T/mh.json"
wait_until "python install's download" part_has_bytes "$ROOT/.cache/downloads" 256
stop_with INT "python install"
ROOT=$ROOT_SAVED
rm "$IDX/.faults/slow-$PYNAME"

# --- the venv (ensurepip), while torch drips in
touch "$IDX/.faults/slow-$TORCH"
fresh_torch
start_bs install --yes --python managed --python-manifest "$T/mh.json"
wait_until "ensurepip" running "$ROOT/.venv"
stop_with HUP "venv"

# --- the torch download
fresh_torch
start_bs install --yes --python managed --python-manifest "$T/mh.json"
wait_until "the torch download" part_has_bytes "$ROOT/.cache/downloads" 256
stop_with INT "torch download"
rm "$IDX/.faults/slow-$TORCH"

# --- pip, and then the verify script, each held by the venv's Python sleeping (the .pth
# is put back while the run goes on: a rerun may make the venv anew)
slow_pth() {
    local site
    while :; do
        for site in "$ROOT"/.venv/lib/python3.*/site-packages; do
            [ -d "$site" ] && [ ! -f "$site/zz_slow.pth" ] &&
                echo "import os, sys, time; f = '$SLOW'; w = open(f).read().strip() if os.path.exists(f) else ''; w and w in ' '.join(sys.orig_argv) and time.sleep(60)" \
                    >"$site/zz_slow.pth"
        done
        sleep 0.05
    done
}
slow_pth &
PTH_PID=$!
echo "-m pip" >"$SLOW"
start_bs install --yes --python managed --python-manifest "$T/mh.json"
wait_until "pip" running "$ROOT/.venv/bin/python.* -m pip"
stop_with TERM "pip"
echo "hashlib, base64" >"$SLOW"
start_bs install --yes --python managed --python-manifest "$T/mh.json"
wait_until "the verify step" running "$ROOT/.venv/bin/python -I -c .*hashlib, base64"
stop_with INT "verify"
kill "$PTH_PID"
wait "$PTH_PID" 2>/dev/null || true

# --- the rerun finishes, and the install answers
rm -f "$SLOW"
run_install --python managed --python-manifest "$T/mh.json"
expect_rc 0
expect_installed torch 2.7.1+cpu
[ -x "$ROOT/invoke.sh" ] || fail "no launcher after the rerun"

# --- repair: its check of the venv is held
SITE=$(ls -d "$ROOT"/.venv/lib/python3.*/site-packages)
[ -f "$SITE/zz_slow.pth" ] || fail "the slow .pth is gone"
echo "hashlib, base64" >"$SLOW"
start_bs repair
wait_until "repair's check" running "$ROOT/.venv/bin/python -I -c .*hashlib, base64"
stop_with TERM "repair"
rm -f "$SLOW"
run_bs repair
expect_rc 0

# --- bundle: its downloads (the Python build drips in)
touch "$IDX/.faults/slow-$PYNAME"
rm -rf "$ROOT/.cache/downloads"
start_bs bundle --out "$T/bundle" --python-manifest "$T/mh.json"
wait_until "the bundle's downloads" part_has_bytes "$ROOT/.cache/downloads" 256
stop_with INT "bundle"
rm "$IDX/.faults/slow-$PYNAME"
run_bs bundle --out "$T/bundle" --python-manifest "$T/mh.json"
expect_rc 0
[ -f "$T/bundle/bundle.json" ] || fail "the rerun of bundle made no bundle"

# The lock is free after all of it (a held one is exit 7), and the install stands.
run_install
expect_rc 0
expect_out "Nothing to do"
echo "case_install_signals: ok"
