#!/usr/bin/env bash
# demo.sh BINARY: the whole install, end to end, on a machine without the internet: the
# real binary installs into a temporary root from a local mirror on 127.0.0.1 (the test
# fixtures: a package index and PyTorch-style backend indexes of small stand-in wheels,
# over HTTPS with a throwaway CA). This machine's own GPU, drivers and Python are used.
set -euo pipefail
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
HERE="$(cd "$(dirname "$0")" && pwd)"
D=$(mktemp -d "${TMPDIR:-/tmp}/invokeai-demo.XXXXXX")
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; true' EXIT
bash "$HERE/fixtures/gen_certs.sh" "$D/certs" >/dev/null
python3 "$HERE/fixtures/make_index.py" "$D/mirror"
python3 "$HERE/fixtures/index_server.py" --root "$D/mirror" --cert "$D/certs/good.crt" \
    --key "$D/certs/good.key" --log "$D/mirror.log" --port-file "$D/port" &
SERVER=$!
for _ in $(seq 1 100); do [ -s "$D/port" ] && break; sleep 0.05; done
BASE="https://127.0.0.1:$(cat "$D/port")"
echo "Demo: installing into $D/invokeai from the local mirror $BASE (stand-in wheels)"
"$BIN" install --yes --root "$D/invokeai" --cacert "$D/certs/ca.crt" \
    --index-url "$BASE/simple" --torch-index-url "$BASE/whl"
echo "Demo: starting it with $D/invokeai/invoke.sh:"
"$D/invokeai/invoke.sh"
echo "Demo: a second run (no network needed):"
kill "$SERVER"; SERVER=""
"$BIN" install --yes --root "$D/invokeai" --cacert "$D/certs/ca.crt" \
    --index-url "$BASE/simple" --torch-index-url "$BASE/whl"
echo "Demo done: this was the real installer against a local demo mirror; the install is in $D"
