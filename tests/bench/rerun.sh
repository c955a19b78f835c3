#!/usr/bin/env bash
# rerun.sh BUILD_DIR [N]: how long `install` takes when everything is already installed
# (the no-network "already installed" path), against the start of one Python, measured
# side by side in the same run. Prints medians and the ratio; never fails on a number.
set -euo pipefail
BIN="$(cd "$1" && pwd)/invokeai-bootstrap"
N="${2:-11}"
. "$(dirname "$0")/../fixtures/mirror.sh"
D=$(mktemp -d)
trap 'mirror_stop; rm -rf "$D"' EXIT
mirror_make "$D"
mirror_start "$D"
ARGS=(install --yes --root "$D/root" --cacert "$D/certs/ca.crt"
      --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl")
"$BIN" "${ARGS[@]}" >/dev/null 2>&1
mirror_stop
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
PY=$(command -v python3.11 || command -v python3)
rerun=$(for _ in $(seq "$N"); do ms "$BIN" "${ARGS[@]}"; done | median)
python=$(for _ in $(seq "$N"); do ms "$PY" -c pass; done | median)
echo "no-op install rerun: ${rerun} ms median of $N"
echo "python start:        ${python} ms median of $N ($PY)"
echo "ratio rerun/python:  $(echo "scale=1; $rerun / $python" | bc)"
