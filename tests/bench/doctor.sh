#!/usr/bin/env bash
# doctor.sh: how long `doctor` takes, as medians over repeated runs, next to a reference
# measured in the same run: one start of this machine's Python (the cheapest thing doctor
# does per interpreter it finds). Prints ratios; never fails on a number.
# Usage: tests/bench/doctor.sh BUILD_DIR [RUNS]
set -euo pipefail
BIN="$(cd "${1:?build dir}" && pwd)/invokeai-bootstrap"
RUNS="${2:-21}"
HERE="$(cd "$(dirname "$0")" && pwd)"
RO="$HERE/../fixtures/real-outputs"
# The interpreter itself, not a wrapper (pyenv shims are shell scripts).
PY="$("$(command -v python3.11 || command -v python3)" -c 'import sys; print(sys.executable)')"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# A replayed RTX 4090 machine: fake nvidia-smi (two runs of it per doctor) and sysroot.
mkdir -p "$T/sys/etc" "$T/sys/proc" "$T/sys/lib64" "$T/bin"
cp "$RO/os-release/ubuntu-22.04" "$T/sys/etc/os-release"
printf 'MemTotal: 67108864 kB\n' >"$T/sys/proc/meminfo"
: >"$T/sys/lib64/ld-linux-x86-64.so.2"
printf '0, NVIDIA GeForce RTX 4090, 24564, 580.126.09, 8.9, 00000000:01:00.0\n' >"$T/query"
cat >"$T/bin/nvidia-smi" <<S
#!/bin/sh
case "\$*" in *query*) exec /bin/cat "$T/query" ;; *) exec /bin/cat "$RO/nvidia-smi/rtx4090-x2-linux-580.126.09.txt" ;; esac
S
chmod +x "$T/bin/nvidia-smi"
ln -s "$PY" "$T/bin/python3.11"

. "$(dirname "$0")/median.sh"

ref=$(median_ms "$PY" -I -c pass)
here=$(median_ms "$BIN" doctor --json --root "$T/root")
plain=$(median_ms env PATH=/usr/bin:/bin "$BIN" doctor --json --root "$T/root")
replay=$(median_ms env -i PATH="$T/bin" INVOKEAI_BOOTSTRAP_SYSROOT="$T/sys" HOME="$T" "$BIN" doctor --json --root "$T/root")
printf 'runs per figure: %s\n' "$RUNS"
printf '%-56s %10s ms\n' "reference: one Python start ($PY -I -c pass)" "$ref"
printf '%-56s %10s ms  (%.1fx reference)\n' "doctor on this machine" "$here" "$(echo "$here / $ref" | bc -l)"
printf '%-56s %10s ms  (%.1fx reference)\n' "doctor on this machine, PATH=/usr/bin:/bin" "$plain" "$(echo "$plain / $ref" | bc -l)"
printf '%-56s %10s ms  (%.1fx reference)\n' "doctor, replayed RTX 4090 box (2 nvidia-smi, 1 Python)" "$replay" "$(echo "$replay / $ref" | bc -l)"
