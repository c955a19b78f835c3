# The torch wheel comes through our fetch engine, not pip's: killed part way (SIGKILL while
# the server drips it), the rerun resumes it with Range from where the .part stopped and
# the server sends only the rest; a wheel whose bytes do not match the index's SHA-256 is
# refused, named, with both hashes, and pip never sees it; the receipt names the index URL.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
WHEEL=torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
SIZE=$(stat -c %s "$IDX/files/$WHEEL")
SHA=$(sha256sum <"$IDX/files/$WHEEL" | cut -c1-64)
PART="$ROOT/.cache/downloads/$SHA.part"

# --- bytes that do not match the index: refused before pip runs
cp "$IDX/files/$WHEEL" "$T/good.whl"
python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[100]^=0xff; open(sys.argv[1],"wb").write(b)' \
    "$IDX/files/$WHEEL"
run_install
expect_rc 5
expect_err "$WHEEL"
expect_err "$SHA"
[ ! -e "$(venv_py)" ] || ! "$(venv_py)" -c 'import torch' 2>/dev/null || fail "a torch with the wrong bytes was installed"
cp "$T/good.whl" "$IDX/files/$WHEEL"

# --- killed while the wheel drips in; the rerun resumes it
touch "$IDX/.faults/slow-$WHEEL"
: >"$LOG"
env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
    "$BS_BIN" install --yes --root "$ROOT" --cacert "$CERTS/ca.crt" $INDEX_ARGS \
    </dev/null >"$T/first.out" 2>"$T/first.err" &
first=$!
for _ in $(seq 1 300); do
    [ -f "$PART" ] && [ "$(stat -c %s "$PART")" -ge 512 ] && break
    sleep 0.1
done
[ -f "$PART" ] && [ "$(stat -c %s "$PART")" -ge 512 ] || { cat "$T/first.err" >&2; ls -la "$ROOT/.cache/downloads" >&2; fail "the first run never got 512 bytes of torch"; }
kill -KILL "$first"
wait "$first" 2>/dev/null || true
HAD=$(stat -c %s "$PART")
rm "$IDX/.faults/slow-$WHEEL"
: >"$LOG"
run_install
expect_rc 0
python3 - "$LOG" "$WHEEL" "$HAD" "$SIZE" <<'PY' || fail "the rerun did not resume torch"
import json, sys
log, wheel, had, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
reqs = [json.loads(l) for l in open(log) if l.strip()]
mine = [r for r in reqs if r["path"].endswith("/files/" + wheel.replace("+", "%2B")) or r["path"].endswith("/files/" + wheel)]
assert len(mine) == 1, mine
r = mine[0]
assert r["status"] == 206 and r["range"] == "bytes=%d-" % had, r
assert r["bytes"] == size - had, (r, size, had)
PY
expect_installed torch 2.7.1+cpu
expect_receipt "[a['url'] for a in r['artifacts'] if a['name'] == 'torch'][0].endswith('/files/$WHEEL')" True
expect_receipt "[a['sha256'] for a in r['artifacts'] if a['name'] == 'torch'][0]" "$SHA"
[ -f "$ROOT/.cache/downloads/wheels/$WHEEL" ] || fail "the verified wheel is not kept for a later run"
[ ! -e "$PART" ] || fail "the .part was left"
echo "case_install_torch_resume: ok"
