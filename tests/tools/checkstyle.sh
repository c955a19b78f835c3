#!/usr/bin/env bash
# checkstyle.sh: the style and architecture walls, run by `./build.sh test` (and ctest):
# clang-format drift, then checkstyle.py's rules (banned calls, raw OS calls outside
# platform/, printing or exiting in the core, signal handlers outside main.c, cli/ headers
# outside cli/, layers, include cycles, long functions, Python that does not compile).
set -euo pipefail
top="${CHECKSTYLE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$top"
status=0
mapfile -t files < <(find bootstrap platform tests -name '*.[ch]' | sort)
if command -v clang-format >/dev/null; then
    if ! clang-format --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/checkstyle-format.$$"; then
        grep -E '^[^ ].*(warning|error):' "${TMPDIR:-/tmp}/checkstyle-format.$$" |
            sed 's/^/format: /' | head -40
        echo "format: run clang-format -i on the files above"
        status=1
    fi
    rm -f "${TMPDIR:-/tmp}/checkstyle-format.$$"
else
    echo "checkstyle: clang-format is not installed; the format check is skipped" >&2
fi
python3 "$(dirname "$0")/checkstyle.py" || status=1
[ "$status" = 0 ] && echo "checkstyle: clean"
exit "$status"
