# install_lib.sh: helpers for the install cases (sourced after lib.sh): the local mirror
# of fixtures/mirror.sh (a package index and PyTorch-style backend indexes of stand-in
# wheels, HTTPS on 127.0.0.1 with a test CA), and the real binary run against it on a
# fake machine.
# shellcheck source=../fixtures/mirror.sh
. "$BS_FIXTURES/mirror.sh"
with_real_python || { echo "no python3.11 on this machine: skipped"; exit 77; }
IDX="$T/mirror"
CERTS="$T/certs"
LOG="$T/mirror.log"
mirror_make "$T"
trap 'mirror_stop; cleanup' EXIT
mirror_start "$T"
BASE="$MIRROR_BASE"

# A Linux x86_64 machine (Debian 12) with the given GPU; "none" for no GPU.
# machine nvidia NAME CC DRIVER | machine amd | machine none
machine() {
    sysroot_linux debian-12 32768
    case "$1" in
    nvidia)
        drm_card 0 0x10de 0x2684
        printf '0, %s, 24564, %s, %s, 00000000:01:00.0\n' "$2" "$4" "$3" >"$NV/query"
        fake_nvidia_smi
        ;;
    amd)
        drm_card 0 0x1002 0x744c 25753026560
        ;;
    none) ;;
    esac
}

# run_bs COMMAND ARGS...: the real binary with the test indexes and CA, clean environment.
# EXTRA_ENV (words KEY=VALUE) is added to the environment.
run_bs() {
    set +e
    # shellcheck disable=SC2086
    env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
        ${EXTRA_ENV:-} "$BS_BIN" "$@" --root "$ROOT" --cacert "$CERTS/ca.crt" \
        ${INDEX_ARGS:-} </dev/null >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}
INDEX_ARGS="--index-url $BASE/simple --torch-index-url $BASE/whl"

run_install() { run_bs install --yes "$@"; }

venv_py() { echo "$ROOT/.venv/bin/python"; }
# installed DIST: its version in the venv
installed() {
    "$(venv_py)" -I -c 'import importlib.metadata as m,sys; print(m.version(sys.argv[1]))' "$1" 2>/dev/null || echo none
}
expect_installed() {
    local got
    got=$(installed "$1")
    [ "$got" = "$2" ] || fail "$1 $got is installed, expected $2"
}
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks '$1'"; }
expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks '$1'"; }
# receipt EXPR: a Python expression over the receipt (r)
receipt() {
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$ROOT/.invokeai-bootstrap/receipt.json" "$1"
}
expect_receipt() {
    local got
    got=$(receipt "$1") || fail "no receipt"
    [ "$got" = "$2" ] || fail "receipt: $1 = '$got', expected '$2'"
}

# venv_set: "name==version ..." of what the venv holds, sorted, without pip and setuptools
venv_set() {
    "$(venv_py)" -I -c 'import importlib.metadata as m; print(" ".join(sorted(d.metadata["Name"].lower()+"=="+d.version for d in m.distributions() if d.metadata["Name"].lower() not in ("pip","setuptools"))))'
}
# pip_resolution FILE REQ...: what pip itself resolves for REQ (the cpu plan's indexes), in
# a venv of its own, written to FILE as venv_set prints a venv
pip_resolution() {
    local out=$1
    shift
    [ -d "$T/ref" ] || /usr/bin/python3.11 -m venv "$T/ref" 2>/dev/null || python3.11 -m venv "$T/ref"
    env -i HOME="$HOMEDIR" PATH=/usr/bin:/bin "$T/ref/bin/python" -m pip install -q --dry-run \
        --ignore-installed --report "$T/ref.json" --cert "$CERTS/ca.crt" --index-url "$BASE/simple" \
        --extra-index-url "$BASE/whl/cpu" "$@" >/dev/null 2>&1 || fail "pip could not resolve $* itself"
    python3 -c 'import json,sys; print(" ".join(sorted(i["metadata"]["name"].lower()+"=="+i["metadata"]["version"] for i in json.load(open(sys.argv[1]))["install"])))' \
        "$T/ref.json" >"$out"
}

# python_manifest: a relocatable Python 3.11 made from this machine's as $PYFILE
# ($VERSION), and $T/m.json, a --python-manifest with it; exits 77 (skipped) where no
# Python 3.11 with venv is at hand
python_manifest() {
    PYFILE="$T/pyfiles/cpython-3.11-test-install_only.tar.gz"
    mkdir -p "$T/pyfiles"
    VERSION=$(bash "$BS_FIXTURES/make_python_fixture.sh" "$PYFILE") || {
        [ $? = 77 ] && { echo "skipped: no Python 3.11 with venv here"; exit 77; }
        fail "cannot make the Python fixture"
    }
    cat >"$T/m.json" <<JSON
{"entries": [{"python_version": "$VERSION", "os": "linux", "arch": "$(uname -m)", "libc": "gnu",
  "url": "$PYFILE", "sha256": "$(sha256sum <"$PYFILE" | cut -c1-64)",
  "executable_relpath": "python/bin/python3.11"}]}
JSON
}
