#!/usr/bin/env bash
# startup.sh: how fast the release binaries start (`--version`, median of many runs), next
# to references measured in the same run: /bin/true (the cost of starting any process here)
# and the development build linked against Debian's shared libraries. Also prints the
# release files' sizes against their budgets. Never fails on a number.
# Usage: tests/bench/startup.sh RELEASE_DIR [DEV_BUILD_DIR] [RUNS]
set -euo pipefail
REL="$(cd "${1:?release dir (packaging/release output)}" && pwd)"
DEV="${2:-}"
RUNS="${3:-201}"
STATIC="$(ls "$REL"/invokeai-bootstrap-*-linux-x86_64 | head -1)"

. "$(dirname "$0")/median.sh"

ref=$(median_ms /bin/true)
st=$(median_ms "$STATIC" --version)
printf '%-44s %8s ms\n' "reference: /bin/true" "$ref"
printf '%-44s %8s ms  (%.1fx /bin/true; goal < 10 ms)\n' "static --version" "$st" \
    "$(echo "$st / $ref" | bc -l)"
if [ -n "$DEV" ] && [ -x "$DEV/invokeai-bootstrap" ]; then
    dv=$(median_ms "$DEV/invokeai-bootstrap" --version)
    printf '%-44s %8s ms  (static / dynamic: %.2fx)\n' "dynamic (Debian's shared libraries) --version" \
        "$dv" "$(echo "$st / $dv" | bc -l)"
fi
for f in "$REL"/invokeai-bootstrap-*; do
    case "$f" in *.exe) budget=10 ;; *) budget=8 ;; esac
    printf '%-44s %8.2f MB  (budget %d MB)\n' "$(basename "$f")" \
        "$(echo "$(stat -c %s "$f") / 1000000" | bc -l)" "$budget"
done
echo "($RUNS runs each, $(nproc) cores; medians)"
