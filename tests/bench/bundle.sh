#!/usr/bin/env bash
# bundle.sh BUILD_DIR [DELAY_MS]: the same install three ways, on the local mirror whose
# every request waits DELAY_MS (default 100, a far-away index): online (pip resolving and
# downloading from the index), then `install --bundle` from a bundle of it with the mirror
# stopped (no network at all). Prints both times and the ratio; never fails on a number.
set -euo pipefail
BIN="$(cd "$1" && pwd)/invokeai-bootstrap"
DELAY="${2:-100}"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../fixtures/mirror.sh"
D=$(mktemp -d)
trap 'mirror_stop; rm -rf "$D"' EXIT
mirror_make "$D"
mirror_start "$D"
echo "$DELAY" >"$D/mirror/.faults/delay-ms"
PY="$D/py/cpython-3.11-test-install_only.tar.gz"
mkdir -p "$D/py"
V=$(BS_E2E_LIB=/dev/null bash "$HERE/../fixtures/make_python_fixture.sh" "$PY")
cat >"$D/m.json" <<JSON
{"entries": [{"python_version": "$V", "os": "linux", "arch": "$(uname -m)", "libc": "gnu",
  "url": "$PY", "sha256": "$(sha256sum <"$PY" | cut -c1-64)", "executable_relpath": "python/bin/python3.11"}]}
JSON
run() { env -i HOME="$D" PATH=/usr/bin:/bin "$BIN" "$@" >/dev/null 2>&1; }
ms() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
online=$(ms run install --yes --backend cpu --root "$D/a" --cacert "$D/certs/ca.crt" \
    --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl")
run bundle --out "$D/bundle" --root "$D/a" --python-manifest "$D/m.json" --cacert "$D/certs/ca.crt"
mirror_stop
bundle=$(ms run install --yes --root "$D/b" --bundle "$D/bundle")
[ -f "$D/b/.invokeai-bootstrap/receipt.json" ] || { echo "the bundle install failed" >&2; exit 1; }
echo "online install (index at +${DELAY} ms a request): ${online} ms"
echo "install --bundle, no network:                    ${bundle} ms"
echo "ratio bundle/online: $(echo "scale=2; $bundle / $online" | bc)"
