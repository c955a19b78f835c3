#!/usr/bin/env bash
# checkstyle_selftest.sh: each rule of checkstyle.sh fires on a planted offence, in a copy
# of the tree, and the real tree is clean. A rule that stopped firing fails here.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/tests"
cp -r "$src/bootstrap" "$src/platform" "$src/assets" "$src/.clang-format" "$t/"
cp -r "$src/tests/tools" "$t/tests/"
export CHECKSTYLE_TOP="$t"
bash "$t/tests/tools/checkstyle.sh" >/dev/null || { echo "the clean copy fails"; exit 1; }

cat >>"$t/bootstrap/act/hash.c" <<'C'

static void planted(char *out, const char *in)
{
    sprintf(out, "%s", in);
    rename(in, out);
}
C
cat >>"$t/bootstrap/decide/verify.c" <<'C'

static void planted_print(void)
{
    printf("hello\n");
}
C
sed -i '0,/#include "/s//#include "cli\/options.h"\n#include "/' "$t/bootstrap/act/venv.c"
cat >>"$t/bootstrap/ops/session.c" <<'C'

static void planted_signal(void)
{
    signal(2, 0);
}
C
# a cycle: core/buf.h now includes core/json.h, whose module already includes buf.h
sed -i '0,/#include </s//#include "core\/json.h"\n#include </' "$t/bootstrap/core/buf.h"
grep -q 'core/buf.h' "$t/bootstrap/core/json.h" "$t/bootstrap/core/json.c" ||
    sed -i '0,/#include "/s//#include "core\/buf.h"\n#include "/' "$t/bootstrap/core/json.c"
{
    printf '\nvoid planted_long(void);\nvoid planted_long(void)\n{\n'
    for i in $(seq 1 85); do printf '    (void)%d;\n' "$i"; done
    printf '}\n'
} >>"$t/bootstrap/core/strutil.c"
echo 'def broken(:' >"$t/assets/py/planted.py"
out=$(bash "$t/tests/tools/checkstyle.sh" 2>&1) && { echo "offences went unnoticed"; exit 1; }
for rule in "banned: sprintf" "raw-os: rename" "prints: printf in decide/" "cli-include: cli/options.h" \
    "signal: signal() outside main.c" "cycle: bootstrap/core/buf <-> bootstrap/core/json" \
    "long-fn: planted_long" "layers: act/ includes cli/options.h" "py: "; do
    grep -qF -- "$rule" <<<"$out" || { echo "rule did not fire: $rule"; echo "$out"; exit 1; }
done
echo "checkstyle_selftest: every rule fired"
