# bundle --version/--backend/--platform: no install needed, the plan resolved from the
# release's uv.lock. For this platform: the Python build, the lock's wheels, resolution.json
# and this program; it installs with the mirror gone. For Windows, made here: the Windows
# wheels (cpu there is PyPI's own torch) and Python build, and no copy of this (Linux)
# program. Refused, with the reason:
# --platform without --backend, an unknown platform, a release with no lock.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
python_manifest
WINPY="$T/pyfiles/cpython-3.11-windows-install_only.tar.gz"
head -c 4096 /dev/urandom >"$WINPY" # only fetched and hashed here, never run
python3 - "$T/m.json" "$WINPY" "$(sha256sum <"$WINPY" | cut -c1-64)" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["entries"].append(dict(m["entries"][0], os="windows", arch="x86_64", libc="none", url=sys.argv[2],
                         sha256=sys.argv[3], executable_relpath="python/python.exe"))
json.dump(m, open(sys.argv[1], "w"))
PY
PLAN="--version 6.14.0 --backend cpu --python-manifest $T/m.json --lock-url $BASE/locks"
# bundle_json DIR EXPR: a Python expression over DIR/bundle.json (d)
bundle_json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]+"/bundle.json")); print(eval(sys.argv[2]))' "$1" "$2"; }

# --- this platform, from the plan alone
run_bs bundle --out "$T/b1" $PLAN
expect_rc 0
[ ! -e "$ROOT/.venv" ] || fail "bundle made an install"
[ "$(bundle_json "$T/b1" "d['invokeai'], d['backend'], d['platform']['os']")" = "('6.14.0', 'cpu', 'linux')" ] ||
    fail "bundle.json: $(bundle_json "$T/b1" "d['invokeai'], d['backend'], d['platform']")"
[ "$(bundle_json "$T/b1" "sorted(f['path'].split('/')[1].split('-')[0] for f in d['files'])")" = \
    "['InvokeAI', 'filelock', 'torch', 'torchvision']" ] || fail "wheels: $(bundle_json "$T/b1" "[f['path'] for f in d['files']]")"
bundle_json "$T/b1" "[f['path'] for f in d['files']]" | grep -q "manylinux" || fail "not the Linux wheels"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["source"]=="uv.lock" and len(d["files"])==4, d' \
    "$T/b1/resolution.json" || fail "no resolution.json"
[ -x "$T/b1/$(basename "$BS_BIN")" ] || fail "the bundle lacks this program"

# --- for Windows, made on this Linux machine
run_bs bundle --out "$T/bw" $PLAN --platform windows-x86_64
expect_rc 0
[ "$(bundle_json "$T/bw" "d['platform']['os'], d['python']['os']")" = "('windows', 'windows')" ] ||
    fail "bundle.json: $(bundle_json "$T/bw" "d['platform'], d['python']")"
[ "$(bundle_json "$T/bw" "sorted(f['path'] for f in d['files'] if 'win_amd64' in f['path'])")" = \
    "['wheels/torch-2.7.1-cp311-cp311-win_amd64.whl', 'wheels/torchvision-0.22.1-cp311-cp311-win_amd64.whl']" ] ||
    fail "not the Windows wheels: $(bundle_json "$T/bw" "[f['path'] for f in d['files']]")"
[ ! -e "$T/bw/$(basename "$BS_BIN")" ] || fail "the Linux program was put in a Windows bundle"
expect_out "put the windows-x86_64 build of invokeai-bootstrap beside it"
cmp -s "$T/bw/python/$(basename "$WINPY")" "$WINPY" || fail "the Windows Python build is not in it"

# --- refused
run_bs bundle --out "$T/bx" --version 6.14.0 --platform windows-x86_64 --lock-url "$BASE/locks"
expect_rc 2
expect_err "needs --backend"
run_bs bundle --out "$T/bx" $PLAN --platform freebsd-riscv
expect_rc 2
expect_err "--platform freebsd-riscv"
run_bs bundle --out "$T/bx" --version 6.9.0 --backend cpu --python-manifest "$T/m.json" --lock-url "$BASE/locks"
expect_rc 1
expect_err "InvokeAI 6.9.0 publishes no uv.lock"
expect_err "install it on a machine like the targets"
[ ! -e "$T/bx" ] || fail "a refused bundle left a folder"

# --- a Python without pip (Debian's python3.11 without python3-pip; here, site turned off):
# a venv of its own, made once in the cache, reads the lock
REALPY=$(readlink "$BIN/python3.11")
rm "$BIN/python3.11"
printf '#!/bin/sh\nexec %s -S "$@"\n' "$REALPY" >"$BIN/python3.11"
chmod +x "$BIN/python3.11"
"$BIN/python3.11" -I -c 'import pip' 2>/dev/null && fail "the stand-in Python still has pip"
run_bs bundle --out "$T/b3" $PLAN
expect_rc 0
expect_err "Making a Python with pip to read the lock with"
[ -x "$ROOT/.cache/downloads/lock-reader/.venv/bin/python" ] || fail "no lock-reader venv in the cache"
[ "$(bundle_json "$T/b3" "len(d['files'])")" = 4 ] || fail "the bundle read with the venv lacks wheels"
rm "$BIN/python3.11"
ln -s "$REALPY" "$BIN/python3.11"

# --- the first bundle installs with the mirror gone; the Windows one is refused here
mirror_stop
ROOT="$T/rw"
INDEX_ARGS="" run_bs install --yes --bundle "$T/bw"
expect_rc 3
expect_err "the bundle is for windows x86_64"
ROOT="$T/r1"
INDEX_ARGS="" run_bs install --yes --bundle "$T/b1"
expect_rc 0
expect_installed torch 2.7.1+cpu
expect_installed invokeai 6.14.0
expect_receipt "r['bundle'].endswith('/b1')" True
echo "case_bundle_plan: ok"
