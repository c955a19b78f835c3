# Prefetch where no lock applies: pip's dry-run report is the resolution (Debian 12's pip
# 23 only when a test asks, since that pip downloads every wheel to resolve, and the test
# index has no pip 25.3 to upgrade to); the set equals pip's own; the resolution is kept.
# Without the test's say-so the old pip is not asked and pip installs as before; with a
# pip 25.3 on the index the venv's pip is upgraded to it first and resolves.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
INDEX_ARGS="--index-url $BASE/simple --torch-index-url $BASE/whl --lock-url none"
pip_resolution "$T/want" torch==2.7.1+cpu torchvision==0.22.1+cpu invokeai==6.14.0

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
# --- a package index that has a pip 25.3: the venv's pip is upgraded to it first (fetched
# and hash-checked by us), and that pip resolves with no say-so from the test. The stand-in
# is Debian's own pip 23.0.1 wheel relabelled 25.3 (its metadata; the code is 23.0.1's).
SRC=$(ls /usr/share/python-wheels/pip-*.whl 2>/dev/null | head -1)
if [ -n "$SRC" ]; then
    python3 - "$SRC" "$IDX" <<'PY'
import base64, hashlib, json, os, re, sys, zipfile
src, idx = sys.argv[1], sys.argv[2]
name = "pip-25.3-py3-none-any.whl"
old = re.search(r"pip-([^-]+)-", os.path.basename(src)).group(1)
zin = zipfile.ZipFile(src)
items = {}
for i in zin.infolist():
    data = zin.read(i)
    path = i.filename.replace(f"pip-{old}.dist-info/", "pip-25.3.dist-info/")
    if path == "pip-25.3.dist-info/METADATA":
        data = data.replace(f"Version: {old}".encode(), b"Version: 25.3", 1)
    items[path] = data
def rec(d):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b"=").decode()
items["pip-25.3.dist-info/RECORD"] = "".join(
    f"{p},{rec(d)},{len(d)}\n" for p, d in items.items() if not p.endswith("RECORD")).encode() + b"pip-25.3.dist-info/RECORD,,\n"
with zipfile.ZipFile(os.path.join(idx, "files", name), "w", zipfile.ZIP_DEFLATED) as z:
    for p, d in items.items():
        z.writestr(p, d)
sha = hashlib.sha256(open(os.path.join(idx, "files", name), "rb").read()).hexdigest()
os.makedirs(os.path.join(idx, "simple", "pip"), exist_ok=True)
open(os.path.join(idx, "simple", "pip", "index.html"), "w").write(f'<a href="/files/{name}#sha256={sha}">{name}</a>\n')
json.dump({"meta": {"api-version": "1.0"}, "name": "pip",
           "files": [{"filename": name, "url": f"/files/{name}", "hashes": {"sha256": sha}}]},
          open(os.path.join(idx, "simple", "pip", "index.json"), "w"))
PY
    ROOT="$T/root3"
    : >"$LOG"
    run_install --backend cpu
    expect_rc 0
    expect_err "Upgrading pip to pip-25.3-py3-none-any.whl"
    expect_err "Resolving with pip 25.3"
    grep '/files/pip-25.3' "$LOG" | grep -q '"agent": "invokeai-bootstrap' || fail "the pip wheel was not fetched by us"
    [ "$(installed pip)" = 25.3 ] || fail "pip $(installed pip) in the venv, expected the upgrade"
    [ "$(venv_set)" = "$(cat "$T/want")" ] || fail "install after the pip upgrade differs: $(venv_set)"
else
    echo "no /usr/share/python-wheels/pip-*.whl here: the pip upgrade is not tested"
fi
echo "case_install_prefetch_pip: ok"
