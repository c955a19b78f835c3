# Prefetch from the lock, continued: killed while torch drips in, the rerun resumes it
# with a Range request; a wheel the lock gives no hash for is pinned to its first
# download, said once; a plan the lock does not cover (its cuda extra is cu128) is said
# and pip installs as before; killed while the venv is being made, the rerun still makes
# it; an upgrade in place fetches only what the venv lacks.
. "$BS_E2E_LIB"
MAKE_INDEX_TORCH_PAD=cpu:6 MAKE_INDEX_EXTRA_DEPS=3 . "$BS_INSTALL_LIB"
machine none
INDEX_ARGS="$INDEX_ARGS --lock-url $BASE/locks"
WHEEL=torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
SHA=$(sha256sum <"$IDX/files/$WHEEL" | cut -c1-64)
SIZE=$(stat -c %s "$IDX/files/$WHEEL")

# --- killed while torch drips in: the rerun resumes it with a Range request
PART="$ROOT/.cache/downloads/$SHA.part"
echo 1000000 >"$IDX/.faults/rate-$WHEEL"
: >"$LOG"
env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
    "$BS_BIN" install --yes --backend cpu --root "$ROOT" --cacert "$CERTS/ca.crt" $INDEX_ARGS \
    </dev/null >"$T/first.out" 2>"$T/first.err" &
first=$!
for _ in $(seq 1 300); do
    [ -f "$PART" ] && [ "$(stat -c %s "$PART")" -ge $((SIZE / 3)) ] && break
    sleep 0.05
done
[ -f "$PART" ] || { cat "$T/first.err" >&2; fail "the first run never started torch"; }
kill -KILL "$first"
wait "$first" 2>/dev/null || true
HAD=$(stat -c %s "$PART")
rm "$IDX/.faults/rate-$WHEEL"
: >"$LOG"
run_install --backend cpu
expect_rc 0
python3 - "$LOG" "$HAD" <<'PY' || fail "the rerun did not resume torch"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
t = [r for r in reqs if "/files/torch-2.7.1" in r["path"] and "status" in r]
assert len(t) == 1 and t[0]["status"] == 206 and t[0]["range"] == "bytes=%s-" % sys.argv[2], t
PY
expect_installed torch 2.7.1+cpu

# --- a wheel the lock gives no hash for: said once, pinned to its first download
ROOT="$T/root5"
sed -i -E '/benchdep02-1.0/s/hash = "sha256:[0-9a-f]{64}", //' "$IDX/locks/v6.14.0/uv.lock"
run_install --backend cpu --cache-dir "$T/cache5"
expect_rc 0
expect_err "uv.lock gives no SHA-256 for 1 wheel (benchdep02-1.0-py3-none-any.whl)"
DEP_SHA=$(sha256sum <"$IDX/files/benchdep02-1.0-py3-none-any.whl" | cut -c1-64)
python3 -c 'import json,sys,glob; d=json.load(open(glob.glob(sys.argv[1])[0])); assert [f["sha256"] for f in d["files"] if f["name"]=="benchdep02"]==[sys.argv[2]], d' \
    "$T/cache5/downloads/resolutions/*.json" "$DEP_SHA" || fail "benchdep02 was not pinned to its first download"

# --- a plan the lock does not pin (its cuda extra is cu128): said, then pip installs
ROOT="$T/root4"
run_install --backend cu126
expect_rc 0
expect_err "not usable for this plan (uv.lock: torch 2.7.1+cu128 comes from $BASE/whl/cu128, an index this install does not use)"
expect_installed torch 2.7.1+cu126
# --- killed while ensurepip fills the venv (it outlives the kill and goes on writing into
# it): the rerun makes the venv again, waiting while the old one is still being written
ROOT="$T/root7"
env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
    "$BS_BIN" install --yes --backend cpu --root "$ROOT" --cacert "$CERTS/ca.crt" $INDEX_ARGS \
    </dev/null >"$T/first.out" 2>"$T/first.err" &
first=$!
SITE="$ROOT/.venv/lib/python3.11/site-packages"
for _ in $(seq 1 500); do [ -e "$SITE/pip" ] && break; sleep 0.02; done
kill -KILL "$first"
wait "$first" 2>/dev/null || true
[ -e "$SITE/pip" ] || fail "the first run never got to ensurepip"
run_install --backend cpu
expect_rc 0
expect_installed invokeai 6.14.0

# --- an upgrade in place (6.9.0, which has no lock, to 6.14.0): the wheels the venv has at
# the right version are not fetched, and pip, hashes required, leaves them be
ROOT="$T/root6"
run_install --backend cpu --version 6.9.0
expect_rc 0
run_install --backend cpu --version 6.14.0
expect_rc 0
expect_err "Downloading 4 wheels"
expect_installed invokeai 6.14.0
expect_installed torch 2.7.1+cpu
echo "case_install_prefetch_resume: ok"
