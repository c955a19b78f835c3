#!/usr/bin/env bash
# prefetch.sh BUILD_DIR [TORCH_MIB] [DELAY_MS] [EXTRA_DEPS]: InvokeAI 6.14.0 on the local
# mirror with 4 + EXTRA_DEPS (default 36, so 40) wheels, torch padded to TORCH_MIB (default
# 200), every request waiting DELAY_MS (default 100: a far-away index). Three installs of
# the same plan into fresh roots and caches, in the same run:
#   prefetch:  ours, resolved from the release's uv.lock, every wheel fetched in parallel
#   no-prefetch: ours with --no-prefetch (pip resolves and downloads; torch still ours)
#   plain pip: python -m venv, then pip install from the same indexes
# Prints each wall time, the venv-and-packages phase (from our stderr, timestamped: from
# "Virtual environment" to "Verifying"; for plain pip, venv + pip install; prefetch makes
# the venv while the wheels download), and the ratios; never fails on a number.
set -euo pipefail
BIN="$(cd "$1" && pwd)/invokeai-bootstrap"
MIB="${2:-200}"
DELAY="${3:-100}"
DEPS="${4:-36}"
. "$(dirname "$0")/../fixtures/mirror.sh"
D=$(mktemp -d)
trap 'mirror_stop; [ -n "${KEEP:-}" ] || rm -rf "$D"' EXIT
MAKE_INDEX_TORCH_PAD="cpu:$MIB" MAKE_INDEX_EXTRA_DEPS="$DEPS" mirror_make "$D"
mirror_start "$D"
echo "$DELAY" >"$D/mirror/.faults/delay-ms"
PY=/usr/bin/python3.11 # as the install tests: Debian's, whose pip takes the test CA
[ -x "$PY" ] || PY=$(command -v python3.11)
B="$MIRROR_BASE"
now() { date +%s%N; }
# stamp FILE: each stderr line with the milliseconds since $START
stamp() { while IFS= read -r l; do echo "$((($(now) - START) / 1000000)) $l"; done >"$1"; }
# phase FILE: ms from "==> Virtual environment" to "==> Verifying"
phase() { awk '/==> Virtual environment/{a=$1} /==> Verifying/{b=$1} END{print b-a}' "$1"; }
ours() {
    local name=$1
    shift
    START=$(now)
    env -i HOME="$D" PATH=/usr/bin:/bin "$BIN" install --yes --backend cpu --root "$D/$name" \
        --cacert "$D/certs/ca.crt" --index-url "$B/simple" --torch-index-url "$B/whl" "$@" \
        2> >(stamp "$D/$name.err") >/dev/null
    local end
    end=$(now)
    sleep 0.2 # the stamping loop finishes its file
    [ -f "$D/$name/.invokeai-bootstrap/receipt.json" ] || { echo "$name failed" >&2; cat "$D/$name.err" >&2; exit 1; }
    echo $(((end - START) / 1000000))
}
pre=$(ours pre --lock-url "$B/locks")
grep -q "uv.lock: $((DEPS + 4)) packages" "$D/pre.err" || { echo "the prefetch run did not use the lock" >&2; cat "$D/pre.err" >&2; exit 1; }
nopre=$(ours nopre --no-prefetch)
s=$(now)
"$PY" -m venv "$D/pipvenv"
m=$(now)
env -i HOME="$D" PATH=/usr/bin:/bin "$D/pipvenv/bin/python" -m pip install -q --no-input \
    --disable-pip-version-check --cert "$D/certs/ca.crt" --index-url "$B/simple" \
    --extra-index-url "$B/whl/cpu" --cache-dir "$D/pipcache" torch==2.7.1+cpu \
    torchvision==0.22.1+cpu invokeai==6.14.0 >/dev/null
e=$(now)
pip_all=$(((e - s) / 1000000))
pip_venv=$(((m - s) / 1000000))
# pip's own resolution of the same plan: Debian 12's pip 23 downloads every wheel to do it
: >"$D/mirror.log"
s=$(now)
env -i HOME="$D" PATH=/usr/bin:/bin "$D/pipvenv/bin/python" -m pip install -q --no-input \
    --disable-pip-version-check --cert "$D/certs/ca.crt" --index-url "$B/simple" \
    --extra-index-url "$B/whl/cpu" --no-cache-dir --dry-run --ignore-installed --report "$D/r.json" \
    torch==2.7.1+cpu torchvision==0.22.1+cpu invokeai==6.14.0 >/dev/null
e=$(now)
dry_ms=$(((e - s) / 1000000))
dry_mb=$(python3 -c 'import json,sys; print(round(sum(json.loads(l).get("bytes", 0) for l in open(sys.argv[1]) if "/files/" in l) / 1e6, 1))' "$D/mirror.log")
lock_ms=$(awk '/==> Virtual environment/{a=$1} /uv.lock: /{b=$1} END{print b-a}' "$D/pre.err")
ratio() { echo "scale=2; $1 / $2" | bc; }
echo "$((DEPS + 4)) wheels (torch $MIB MiB), +$DELAY ms a request; wall ms / venv+packages ms"
echo "prefetch (uv.lock, parallel):  $pre / $(phase "$D/pre.err")"
echo "--no-prefetch (pip downloads): $nopre / $(phase "$D/nopre.err")"
echo "plain pip (venv + install):    $pip_all / $pip_all (venv alone $pip_venv)"
echo "ratio prefetch/plain pip: wall $(ratio "$pre" "$pip_all"), venv+packages $(ratio "$(phase "$D/pre.err")" "$pip_all")"
echo "ratio prefetch/--no-prefetch: wall $(ratio "$pre" "$nopre"), venv+packages $(ratio "$(phase "$D/pre.err")" "$(phase "$D/nopre.err")")"
echo "resolution alone: uv.lock fetched and read in $lock_ms ms; pip $("$D/pipvenv/bin/python" -m pip --version | cut -d' ' -f2) --dry-run $dry_ms ms, downloading $dry_mb MB"
