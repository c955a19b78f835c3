# Prefetch: InvokeAI 6.14.0 publishes a uv.lock, so the install resolves nothing: every
# wheel comes through our fetch engine (pip downloads none), then one pip run installs
# them with no index and every hash required. The set equals pip's own resolution of the
# plan; the resolution is kept for the next install of the same plan; a wheel whose bytes
# differ from the lock's hash is refused and named. (case_install_prefetch_resume.sh: a
# killed prefetch, a wheel with no hash, a plan the lock does not cover.)
# (case_install_prefetch_pip.sh: where no lock applies.)
. "$BS_E2E_LIB"
MAKE_INDEX_TORCH_PAD=cpu:6 MAKE_INDEX_EXTRA_DEPS=3 . "$BS_INSTALL_LIB"
machine none
INDEX_ARGS="$INDEX_ARGS --lock-url $BASE/locks"
WHEEL=torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
SHA=$(sha256sum <"$IDX/files/$WHEEL" | cut -c1-64)
SIZE=$(stat -c %s "$IDX/files/$WHEEL")

pip_resolution "$T/want" torch==2.7.1+cpu torchvision==0.22.1+cpu invokeai==6.14.0
# files_by AGENT: how many wheel downloads the server saw from that client
files_by() { python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if "/files/" in l and ".metadata" not in l and json.loads(l).get("status") in (200, 206) and json.loads(l).get("agent","").startswith(sys.argv[2])))' "$LOG" "$1"; }

# --- the lock: resolved without pip, fetched by us, installed from the cache
: >"$LOG"
run_install --backend cpu
expect_rc 0
expect_err "Resolved from InvokeAI 6.14.0's uv.lock"
expect_err "Downloading 7 wheels"
[ "$(venv_set)" = "$(cat "$T/want")" ] || fail "installed $(venv_set); pip resolves $(cat "$T/want")"
[ "$(files_by pip)" = 0 ] || fail "pip downloaded $(files_by pip) wheels itself"
[ "$(files_by invokeai-bootstrap)" = 7 ] || fail "we downloaded $(files_by invokeai-bootstrap) wheels, expected 7"
expect_receipt "[a['url'] for a in r['artifacts'] if a['name'] == 'torch'][0].endswith('/files/torch-2.7.1%2Bcpu-cp311-cp311-manylinux_2_28_x86_64.whl')" True
expect_receipt "[a['sha256'] for a in r['artifacts'] if a['name'] == 'torch'][0]" "$SHA"
expect_receipt "sorted(a['name'] for a in r['artifacts'])" "['benchdep00', 'benchdep01', 'benchdep02', 'filelock', 'invokeai', 'torch', 'torchvision']"
KEPT=$(ls "$ROOT"/.cache/downloads/resolutions/*.json)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["source"]=="uv.lock" and len(d["files"])==7, d' "$KEPT" \
    || fail "the resolution was not kept"

# --- the same plan again (venv gone): the kept resolution and the kept wheels; no network
# but the index pages the plan reads
rm -rf "$ROOT/.venv"
: >"$LOG"
run_install --backend cpu
expect_rc 0
expect_err "Using the resolution kept from an earlier install"
grep -q '/locks/' "$LOG" && fail "the lock was fetched again"
[ "$(files_by "")" = 0 ] || fail "wheels were downloaded again"
[ "$(venv_set)" = "$(cat "$T/want")" ] || fail "reinstall from the kept resolution differs"

# --- bytes that differ from the lock's hash: refused, named, nothing installed
ROOT="$T/root2"
cp "$IDX/files/benchdep01-1.0-py3-none-any.whl" "$T/good.whl"
python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[50]^=0xff; open(sys.argv[1],"wb").write(b)' \
    "$IDX/files/benchdep01-1.0-py3-none-any.whl"
run_install --backend cpu
expect_rc 5
expect_err "benchdep01-1.0-py3-none-any.whl"
expect_err "SHA-256 mismatch"
[ "$(installed invokeai)" = none ] || fail "InvokeAI was installed despite a bad wheel"
cp "$T/good.whl" "$IDX/files/benchdep01-1.0-py3-none-any.whl"

echo "case_install_prefetch: ok"
