#!/usr/bin/env bash
# torch_resume.sh BUILD_DIR [TORCH_MIB] [MIB_PER_S]: a download of torch killed at 60 %,
# then rerun, for our install (torch through the resumable fetch engine) and for plain pip
# on the same local mirror in the same run, with the torch stand-in padded to TORCH_MIB
# (default 200) and served at MIB_PER_S (default 40). The server logs what it really sent.
# Prints, for each, what the rerun fetched and what was fetched twice, as fractions of the
# wheel; never fails on a number.
set -euo pipefail
BIN="$(cd "$1" && pwd)/invokeai-bootstrap"
MIB="${2:-200}"
RATE=$(("${3:-40}" << 20))
. "$(dirname "$0")/../fixtures/mirror.sh"
D=$(mktemp -d)
trap 'mirror_stop; rm -rf "$D"' EXIT
MAKE_INDEX_TORCH_PAD="cpu:$MIB" mirror_make "$D"
mirror_start "$D"
WHEEL=torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
SIZE=$(stat -c %s "$D/mirror/files/$WHEEL")
SHA=$(sha256sum <"$D/mirror/files/$WHEEL" | cut -c1-64)
PY=/usr/bin/python3.11 # as the install tests: Debian's, whose pip takes the test CA
[ -x "$PY" ] || PY=$(command -v python3.11)
ARGS=(install --yes --root "$D/root" --cacert "$D/certs/ca.crt" --backend cpu
      --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl")
# sent: bytes the server really sent of the wheel, per request, since the log was emptied.
sent() { python3 -c 'import json,sys; print(sum(json.loads(l).get("sent", 0) for l in open(sys.argv[1]) if "torch-2.7.1" in l and "\"sent\"" in l))' "$D/mirror.log"; }
frac() { echo "scale=4; $1 / $SIZE" | bc; }

# ours: killed when the .part holds 60 %
echo "$RATE" >"$D/mirror/.faults/rate-$WHEEL"
: >"$D/mirror.log"
"$BIN" "${ARGS[@]}" >/dev/null 2>&1 &
pid=$!
PART="$D/root/.cache/downloads/$SHA.part"
until [ -f "$PART" ] && [ "$(stat -c %s "$PART")" -ge $((SIZE * 6 / 10)) ]; do sleep 0.05; done
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
sleep 0.5
first=$(sent)
rm "$D/mirror/.faults/rate-$WHEEL"
: >"$D/mirror.log"
echo "$((RATE * 4))" >"$D/mirror/.faults/rate-$WHEEL" # fast, but still logged
"$BIN" "${ARGS[@]}" >/dev/null 2>&1
again=$(sent)
ours_rerun=$(frac "$again")
ours_twice=$(frac $((first + again - SIZE)))

# pip: the same wheel, killed after 60 % of the transfer time, then rerun (with a clean
# environment, as our pip runs: no PIP_*, no REQUESTS_CA_BUNDLE)
"$PY" -m venv "$D/venv"
PIPA=(-m pip install --no-input --disable-pip-version-check --cert "$D/certs/ca.crt"
      --index-url "$MIRROR_BASE/whl/cpu" --no-cache-dir --no-deps "torch==2.7.1+cpu")
echo "$RATE" >"$D/mirror/.faults/rate-$WHEEL"
: >"$D/mirror.log"
env -i HOME="$D" PATH=/usr/bin:/bin "$D/venv/bin/python" "${PIPA[@]}" >/dev/null 2>&1 &
pid=$!
sleep "$(echo "scale=2; 0.6 * $SIZE / $RATE + 0.5" | bc)"
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
sleep 0.5
first=$(sent)
: >"$D/mirror.log"
echo "$((RATE * 4))" >"$D/mirror/.faults/rate-$WHEEL"
env -i HOME="$D" PATH=/usr/bin:/bin "$D/venv/bin/python" "${PIPA[@]}" >/dev/null 2>&1
again=$(sent)
echo "torch wheel: $SIZE bytes, served at $((RATE >> 20)) MiB/s, killed at ~60 %"
echo "ours: the rerun fetched $ours_rerun of the wheel; fetched twice: $ours_twice"
echo "pip:  the rerun fetched $(frac "$again") of the wheel; fetched twice: $(frac $((first + again - SIZE)))"
