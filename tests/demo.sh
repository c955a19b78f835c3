#!/usr/bin/env bash
# demo.sh BINARY: the whole install, end to end, on a machine without the internet: the
# real binary installs into a temporary root from a local mirror on 127.0.0.1 (the test
# fixtures: a package index and PyTorch-style backend indexes of small stand-in wheels,
# over HTTPS with a throwaway CA). This machine's own GPU, drivers and Python are used.
set -euo pipefail
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
. "$(dirname "$0")/fixtures/mirror.sh"
D=$(mktemp -d "${TMPDIR:-/tmp}/invokeai-demo.XXXXXX")
trap mirror_stop EXIT
mirror_make "$D"
mirror_start "$D"
ARGS=(install --yes --root "$D/invokeai" --cacert "$D/certs/ca.crt"
      --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl")
echo "Demo: installing into $D/invokeai from the local mirror $MIRROR_BASE (stand-in wheels)"
"$BIN" "${ARGS[@]}"
echo "Demo: starting it with $D/invokeai/invoke.sh:"
"$D/invokeai/invoke.sh"
echo "Demo: a second run, with the mirror stopped (no network needed):"
mirror_stop
"$BIN" "${ARGS[@]}"
echo "Demo done: this was the real installer against a local demo mirror; the install is in $D"
