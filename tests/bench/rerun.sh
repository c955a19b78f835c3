#!/usr/bin/env bash
# rerun.sh BUILD_DIR [N]: how long `install` takes when everything is already installed
# (the no-network "already installed" path), against the start of one Python, measured
# side by side in the same run. Prints medians and the ratio; never fails on a number.
set -euo pipefail
BIN="$(cd "$1" && pwd)/invokeai-bootstrap"
N="${2:-11}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
D=$(mktemp -d)
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$D"' EXIT
bash "$HERE/fixtures/gen_certs.sh" "$D/certs" >/dev/null
python3 "$HERE/fixtures/make_index.py" "$D/mirror"
python3 "$HERE/fixtures/index_server.py" --root "$D/mirror" --cert "$D/certs/good.crt" \
    --key "$D/certs/good.key" --log "$D/log" --port-file "$D/port" &
SERVER=$!
for _ in $(seq 1 100); do [ -s "$D/port" ] && break; sleep 0.05; done
B="https://127.0.0.1:$(cat "$D/port")"
ARGS=(install --yes --root "$D/root" --cacert "$D/certs/ca.crt" --index-url "$B/simple" --torch-index-url "$B/whl")
"$BIN" "${ARGS[@]}" >/dev/null 2>&1
kill "$SERVER"; SERVER=""
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
PY=$(command -v python3.11 || command -v python3)
rerun=$(for _ in $(seq "$N"); do ms "$BIN" "${ARGS[@]}"; done | median)
python=$(for _ in $(seq "$N"); do ms "$PY" -c pass; done | median)
echo "no-op install rerun: ${rerun} ms median of $N"
echo "python start:        ${python} ms median of $N ($PY)"
echo "ratio rerun/python:  $(echo "scale=1; $rerun / $python" | bc)"
