# `python install` on a machine as a user would meet it, against a local HTTPS mirror:
# a relocatable Python 3.11 fixture (made from this machine's Python), pinned in a manifest,
# served with a dropped connection (it resumes), installed into the root, then a venv made
# with it. Then: a rerun is a no-op; a wrong hash is exit 5 with both hashes; a hostile
# archive is refused; a failure never harms the working .python; --python-mirror; a
# manifest by URL; a platform the manifest lacks; not enough space (exit 6).
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
FILE=cpython-3.11-test-install_only.tar.gz
VERSION=$(bash "$BS_FIXTURES/make_python_fixture.sh" "$FILES/$FILE") || {
    [ $? = 77 ] && { echo "skipped: no Python 3.11 with venv here"; exit 77; }
    fail "cannot make the Python fixture"
}
SHA=$(sha256sum "$FILES/$FILE" | cut -d' ' -f1)
ARCH=$(uname -m)
start_server

# manifest FILE URL SHA [VERSION]: a one-entry manifest (with a key we do not know).
manifest() {
    cat >"$1" <<JSON
{"entries": [{"python_version": "${4:-$VERSION}", "os": "linux", "arch": "$ARCH", "libc": "gnu",
  "url": "$2", "sha256": "$3", "executable_relpath": "python/bin/python3.11",
  "flavor": "install_only", "some_future_key": {"x": 1}}]}
JSON
}
bsrun() {
    set +e
    env -i HOME="$HOMEDIR" PATH=/usr/bin:/bin "$BS_BIN" "$@" >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}

R="$T/root"
manifest "$T/m.json" "$BASE/reset40/releases/download/test/$FILE" "$SHA"
bsrun python install -v --root "$R" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
expect_out "Python $VERSION is ready: $R/.python/python/bin/python3.11"
expect_log "r[-1]['range'] is not None" True
# the stream carried on across the resume (same bytes, same order), checked by the hash
expect_err "python.unpack: unpacked while downloading"
[ -z "$(ls -d "$R"/.python.staging-* 2>/dev/null)" ] || fail "staging left behind"
"$R/.python/python/bin/python3.11" -m venv "$R/.venv" || fail "cannot make a venv with the managed Python"
"$R/.venv/bin/python" -c 'import sys; assert sys.prefix != sys.base_prefix' || fail "venv broken"
bsrun python find --root "$R" --json
expect_eq "d['source']" managed
expect_eq "d['python']" "$R/.python/python/bin/python3.11"

requests=$(logq "len(r)")
bsrun python install --root "$R" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
expect_log "len(r)" "$requests"

# Progress: JSON lines with --json, plain lines off a terminal, nothing with -q.
bsrun python install --json --root "$T/rp1" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
expect_err '"event":"progress","step":"'"$FILE"'"'
bsrun python install --root "$T/rp2" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
grep -qE "^$FILE: [0-9.]+ MiB" "$ERR" || fail "no plain progress line: $(cat "$ERR")"
bsrun python install -q --root "$T/rp3" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
[ ! -s "$ERR" ] && [ ! -s "$OUT" ] || fail "-q printed something"
bsrun python install --root "$T/rp4" --retries 0 --python-manifest "$T/m.json"
expect_rc 2
expect_err "--retries 0"

# A download that restarts from zero (a 200 to the resume) cannot be trusted as a stream:
# the staging folder is made anew from the verified file.
manifest "$T/restart.json" "$BASE/ignore-range/releases/download/test/$FILE" "$SHA"
bsrun python install -v --root "$T/root-restart" --python-manifest "$T/restart.json" \
    --cacert "$CERTS/ca.crt"
expect_rc 0
expect_err "python.unpack: unpacking Python $VERSION"
"$T/root-restart/.python/python/bin/python3.11" -c 'import venv' || fail "restarted install broken"

# Another series would replace the working 3.11 under its venv: refused before any download.
requests=$(logq "len(r)")
manifest "$T/m312.json" "$BASE/ok/releases/download/test/$FILE" "$SHA" 3.12.9
bsrun python install --python 3.12 --root "$R" --python-manifest "$T/m312.json" --cacert "$CERTS/ca.crt"
expect_rc 2
expect_err "holds Python $VERSION; installing 3.12 would replace it"
expect_log "len(r)" "$requests"
"$R/.python/python/bin/python3.11" -c 'pass' || fail "the earlier install was harmed"

# A wrong hash into a new root: exit 5, nothing installed, no staging.
R2="$T/root2"
manifest "$T/bad.json" "$BASE/ok/releases/download/test/$FILE" "$(printf '%064d' 1)"
bsrun python install --root "$R2" --python-manifest "$T/bad.json" --cacert "$CERTS/ca.crt"
expect_rc 5
expect_err "SHA-256 mismatch"
[ ! -e "$R2/.python" ] || fail ".python after a hash mismatch"

# A hostile archive with a correct pin: refused, nothing outside, no .python, no staging.
"$BS_MKARCHIVE" tgz "$FILES/evil.tar.gz" "f:python/bin/python3.11=x" "f:python/../../escaped=x"
manifest "$T/evil.json" "$BASE/ok/releases/download/test/evil.tar.gz" \
    "$(sha256sum "$FILES/evil.tar.gz" | cut -d' ' -f1)"
bsrun python install --root "$R2" --python-manifest "$T/evil.json" --cacert "$CERTS/ca.crt"
expect_rc 5
expect_err "refused"
[ ! -e "$R2/.python" ] && [ ! -e "$T/escaped" ] && [ ! -e "$R2/escaped" ] || fail "hostile archive left files"
[ -z "$(ls -d "$R2"/.python.staging-* 2>/dev/null)" ] || fail "staging left after a refusal"

# --python-mirror replaces the URL prefix; a manifest can come by URL.
R3="$T/root3"
manifest "$FILES/mirror.json" "https://unreachable.invalid/releases/download/test/$FILE" "$SHA"
rm -f "$LOG"
bsrun python install -v --root "$R3" --python-manifest "$BASE/ok/mirror.json" \
    --python-mirror "$BASE/ok/releases/download" --cacert "$CERTS/ca.crt"
expect_rc 0
expect_err "python.unpack: unpacked while downloading"
"$R3/.python/python/bin/python3.11" -c 'import venv, ensurepip' || fail "streamed install broken"
expect_log "[x['path'] for x in r]" "['/ok/mirror.json', '/ok/releases/download/test/$FILE']"

# A manifest without a build for this platform.
sed "s/\"arch\": \"$ARCH\"/\"arch\": \"sparc\"/" "$T/m.json" >"$T/other.json"
bsrun python install --root "$T/root4" --python-manifest "$T/other.json" --cacert "$CERTS/ca.crt"
expect_rc 1
expect_err "no Python 3.11 build for linux $ARCH gnu"

# Not enough space: the root on a 16 MiB tmpfs (needs root to mount).
if [ "$(id -u)" = 0 ] && mkdir -p "$T/small" && mount -t tmpfs -o size=16m tmpfs "$T/small" 2>/dev/null; then
    UNMOUNT="$T/small"
    bsrun python install --root "$T/small/root" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
    expect_rc 6
    expect_err "not enough free space at $T/small"
    expect_log "len(r) >= 0" True
fi

# One run per root: a second install while the first is still downloading exits 7 naming
# the first one's PID; once the first ends (or is killed) the lock is free again.
RL="$T/root-lock"
manifest "$T/slow.json" "$BASE/slow/releases/download/test/$FILE" "$SHA"
env -i HOME="$HOMEDIR" PATH=/usr/bin:/bin "$BS_BIN" -q python install --root "$RL" \
    --python-manifest "$T/slow.json" --cacert "$CERTS/ca.crt" >/dev/null 2>&1 &
first=$!
for _ in $(seq 1 100); do [ -s "$RL/.invokeai-bootstrap/lock" ] && break; sleep 0.05; done
bsrun python install --root "$RL" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 7
expect_err "another run (PID $first) is working on $RL"
kill -9 "$first"
wait "$first" 2>/dev/null || true
[ -n "$(ls -d "$RL"/.python.staging-* 2>/dev/null)" ] || fail "the killed run left no staging (test premise)"
bsrun python install --root "$RL" --python-manifest "$T/m.json" --cacert "$CERTS/ca.crt"
expect_rc 0
[ -z "$(ls -d "$RL"/.python.staging-* 2>/dev/null)" ] || fail "the killed run's staging folder was left"
