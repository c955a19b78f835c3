# Prefetch where no lock applies: pip's dry-run report is the resolution (Debian 12's pip
# 23 only when a test asks, since that pip downloads every wheel to resolve, and the test
# index has no pip 25.3 to upgrade to); the set equals pip's own; the resolution is kept.
# Without the test's say-so the old pip is not asked and pip installs as before.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
INDEX_ARGS="--index-url $BASE/simple --torch-index-url $BASE/whl --lock-url none"
/usr/bin/python3.11 -m venv "$T/ref" 2>/dev/null || python3.11 -m venv "$T/ref"
env -i HOME="$HOMEDIR" PATH=/usr/bin:/bin "$T/ref/bin/python" -m pip install -q --dry-run \
    --ignore-installed --report "$T/ref.json" --cert "$CERTS/ca.crt" --index-url "$BASE/simple" \
    --extra-index-url "$BASE/whl/cpu" torch==2.7.1+cpu torchvision==0.22.1+cpu invokeai==6.14.0 \
    >/dev/null 2>&1 || fail "pip could not resolve the plan itself"
python3 -c 'import json,sys; print(" ".join(sorted(i["metadata"]["name"].lower()+"=="+i["metadata"]["version"] for i in json.load(open(sys.argv[1]))["install"])))' \
    "$T/ref.json" >"$T/want"
venv_set() {
    "$(venv_py)" -I -c 'import importlib.metadata as m; print(" ".join(sorted(d.metadata["Name"].lower()+"=="+d.version for d in m.distributions() if d.metadata["Name"].lower() not in ("pip","setuptools"))))'
}

# --- no lock for the plan: pip's dry-run report is the resolution (forced with old pip)
EXTRA_ENV="INVOKEAI_BOOTSTRAP_RESOLVE_WITH_OLD_PIP=1" run_install --backend cpu
expect_rc 0
expect_err "Resolving with pip 23"
[ "$(venv_set)" = "$(cat "$T/want")" ] || fail "pip-resolved install differs: $(venv_set)"
python3 -c 'import json,sys,glob; d=json.load(open(glob.glob(sys.argv[1])[0])); assert d["source"]=="pip" and len(d["files"])==4, d' \
    "$ROOT/.cache/downloads/resolutions/*.json" || fail "the pip resolution was not kept"

# --- and without the test's say-so, Debian's pip 23 is not asked: pip installs as before
ROOT="$T/root2"
run_install --backend cpu
expect_rc 0
expect_err "would download every wheel just to resolve"
expect_installed torch 2.7.1+cpu
echo "case_install_prefetch_pip: ok"
