# Offline bundles: an install against the local mirror, `bundle --out` from it (the Python
# build, every wheel, bundle.json, this program), then with the mirror gone `install
# --bundle DIR` on a new root (every index URL would fail: no server), the receipt naming
# the bundle; a bundle served over HTTPS installs the same way; a tampered wheel, a missing
# file and a bundle for another platform are refused with nothing installed.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
python_manifest
run_install --backend cpu
expect_rc 0
B="$T/bundle"
: >"$LOG"
INDEX_ARGS="" run_bs bundle --out "$B" --python-manifest "$T/m.json"
expect_rc 0
# the torch wheel the install kept is bundled as it is, not downloaded again
! grep -q '/files/torch-' "$LOG" || fail "bundle downloaded torch again"
grep -q '/files/InvokeAI-' "$LOG" || fail "bundle did not fetch the other wheels"
expect_out "install --yes --bundle"
[ -f "$B/bundle.json" ] || fail "no bundle.json"
[ -x "$B/$(basename "$BS_BIN")" ] || fail "the bundle lacks this program"
python3 -c 'import json,sys; b=sys.argv[1]; d=json.load(open(b+"/bundle.json")); r=json.load(open(b+"/resolution.json")); assert r["source"]=="install" and sorted("wheels/"+f["filename"] for f in r["files"])==sorted(f["path"] for f in d["files"]), r' \
    "$B" || fail "resolution.json does not list the bundle's wheels"
python3 - "$B" <<'PY' || fail "bundle.json does not describe the folder"
import hashlib, json, os, sys
b = sys.argv[1]
d = json.load(open(os.path.join(b, "bundle.json")))
assert d["invokeai"] and d["backend"] == "cpu" and d["platform"]["os"] == "linux", d
names = sorted(os.path.basename(f["path"]) for f in d["files"])
assert any(n.startswith("torch-2.7.1+cpu") for n in names), names
assert any(n.startswith("InvokeAI-") for n in names), names
for f in d["files"] + [dict(path=d["python"]["file"], sha256=d["python"]["sha256"])]:
    data = open(os.path.join(b, f["path"]), "rb").read()
    assert hashlib.sha256(data).hexdigest() == f["sha256"], f
assert sorted(os.listdir(os.path.join(b, "wheels"))) == names
PY
INDEX_ARGS="" run_bs bundle --out "$B" --python-manifest "$T/m.json"
expect_rc 2
expect_err "not empty"

# --- no network at all: the mirror is stopped, so any index request would fail
mirror_stop
INDEX_ARGS=""
ROOT="$HOMEDIR/from-bundle"
run_bs install --yes --bundle "$B"
expect_rc 0
expect_installed torch 2.7.1+cpu
expect_receipt "r['bundle']" "$(realpath "$B")"
expect_receipt "r['offline']" True
run_bs install --yes --bundle "$B"
expect_rc 0
expect_out "Nothing to do"
run_bs install --yes --bundle "$B" --version 6.9.0
expect_rc 2
expect_err "--bundle brings its own version"

# --- refused: a tampered wheel, a missing file, another platform; nothing installed
cp -r "$B" "$T/bad"
W=$(ls "$T/bad/wheels" | grep '^torch-' | head -1)
printf 'x' >>"$T/bad/wheels/$W"
ROOT="$HOMEDIR/refused"
run_bs install --yes --bundle "$T/bad"
expect_rc 5
expect_err "$W does not match the bundle"
[ ! -e "$ROOT/.venv" ] || fail "a venv after a refused bundle"
rm "$T/bad/wheels/$W"
run_bs install --yes --bundle "$T/bad"
expect_rc 5
expect_err "the bundle lacks"
cp -r "$B" "$T/other"
python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["platform"]["arch"]="aarch64"; json.dump(d, open(p,"w"))' \
    "$T/other/bundle.json"
run_bs install --yes --bundle "$T/other"
expect_rc 3
expect_err "the bundle is for linux aarch64"

# --- over HTTPS: the same bundle served flat by the test server
FLAT="$T/flat"
mkdir -p "$FLAT"
cp "$B/bundle.json" "$B"/wheels/* "$B"/python/* "$FLAT"/
python3 "$BS_FIXTURES/https_server.py" --root "$FLAT" --cert "$CERTS/good.crt" --key "$CERTS/good.key" \
    --log "$T/flat.log" --port-file "$T/flat.port" &
FLAT_PID=$!
for _ in $(seq 1 100); do [ -s "$T/flat.port" ] && break; sleep 0.05; done
ROOT="$HOMEDIR/from-https"
run_bs install --yes --bundle "https://127.0.0.1:$(cat "$T/flat.port")/ok/"
kill "$FLAT_PID" 2>/dev/null || true
expect_rc 0
expect_installed torch 2.7.1+cpu
echo "case_bundle: ok"
