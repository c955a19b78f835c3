# The command line as a user meets it: help, version, usage errors (exit 2, naming the
# word), subcommands that later work fills in (exit 1), text output and colour rules.
. "$BS_E2E_LIB"
sysroot_linux debian-12 32768

run() {
    set +e
    env -i HOME="$HOMEDIR" PATH="$BIN" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" ${EXTRA_ENV:-} \
        "$BS_BIN" "$@" >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}
expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks '$1'"; }

run --version
expect_rc 0
expect_out "invokeai-bootstrap 0."
run --help
expect_rc 0
for w in install doctor repair cudnn uninstall cache bundle --root --json --no-color "130 interrupted"; do expect_out "$w"; done
run help install
expect_rc 0
expect_out "--backend NAME"
run doctor --help
expect_rc 0
expect_out "Usage: invokeai-bootstrap doctor"

run doctor --frobnicate
expect_rc 2
expect_err "unknown option '--frobnicate'"
run frobnicate
expect_rc 2
expect_err "unknown command 'frobnicate'"
run doctor --backend cuda13
expect_rc 2
expect_err "cuda13"
run doctor --backend mps
expect_rc 2
expect_err "--backend mps"
run doctor --version 2.0.0
expect_rc 2
expect_err "2.0.0"
run doctor --pre
expect_rc 2
expect_err "'--pre' does not apply to doctor"

run uninstall --root "$T/nothing-here"
expect_rc 1
expect_err "no install in"
# cudnn: the action and its options are checked before anything is read.
run cudnn
expect_rc 2
expect_err "say 'status', 'patch' or 'restore'"
run cudnn swap
expect_rc 2
expect_err "cudnn swap: expected"
run cudnn restore --from x.zip
expect_rc 2
expect_err "--from goes with cudnn patch"
run cudnn status --backup cudnn-1
expect_rc 2
expect_err "--backup goes with cudnn restore"
run cudnn status --root "$T/nothing-here"
expect_rc 1
expect_err "no install in"
# install without a terminal and without --yes: exit 2 at once; repair with no install.
run install
expect_rc 2
expect_err "pass --yes"
run repair --root "$T/nothing-here"
expect_rc 1
expect_err "no finished install"
[ ! -e "$T/nothing-here" ] || fail "repair created the root"

# Text output: every check id in an aligned table, no colour off a terminal.
run doctor --root "$ROOT"
expect_rc 0
for id in os gpu gpu-problematic vram ram disk tmpfs python driver opencv-libs backend; do
    grep -qE "^  $id +(pass|warn|fail) " "$OUT" || fail "no table row for $id"
done
if grep -q $'\033' "$OUT"; then fail "colour escape codes off a terminal"; fi
expect_out "Install would use: torch cpu"

# Colour on a terminal (script(1) gives one, where the machine has ptys), and NO_COLOR /
# --no-color turn it off.
if command -v script >/dev/null 2>&1 && script -qec 'test -t 1 && echo is-a-tty' /dev/null 2>/dev/null | grep -q is-a-tty; then
    script -qec "env -i HOME=$HOMEDIR PATH=$BIN INVOKEAI_BOOTSTRAP_SYSROOT=$SYS $BS_BIN doctor --root $ROOT" /dev/null >"$OUT" || true
    grep -q $'\033\[3[123]m' "$OUT" || fail "no colour on a terminal"
    script -qec "env -i HOME=$HOMEDIR PATH=$BIN NO_COLOR=1 INVOKEAI_BOOTSTRAP_SYSROOT=$SYS $BS_BIN doctor --root $ROOT" /dev/null >"$OUT" || true
    if grep -q $'\033' "$OUT"; then fail "colour despite NO_COLOR"; fi
    script -qec "env -i HOME=$HOMEDIR PATH=$BIN INVOKEAI_BOOTSTRAP_SYSROOT=$SYS $BS_BIN --no-color doctor --root $ROOT" /dev/null >"$OUT" || true
    if grep -q $'\033' "$OUT"; then fail "colour despite --no-color"; fi
else
    echo "note: no pseudo-terminal here, colour-on-a-terminal part not run"
fi

# -q prints nothing when nothing fails; --json is one JSON object.
run doctor -q --root "$ROOT"
expect_rc 0
[ ! -s "$OUT" ] || fail "-q printed output"
run doctor --json --root "$ROOT"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT" || fail "--json is not JSON"

# -v shows the probe steps on stderr; with --json they are JSON lines.
run doctor -v --root "$ROOT"
expect_err "- probe.gpu: looking for GPUs"
run doctor -vv --json --root "$ROOT"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$ERR" || fail "-v --json events are not JSON lines"
expect_err '"event":"step_start","step":"probe.python"'

# INVOKEAI_ROOT is the default root; --root wins over it.
EXTRA_ENV="INVOKEAI_ROOT=$T/from-env" run doctor --json
expect_eq "d['facts']['root']" "$T/from-env"
EXTRA_ENV="INVOKEAI_ROOT=$T/from-env" run doctor --json --root "$T/from-cli"
expect_eq "d['facts']['root']" "$T/from-cli"
[ ! -e "$ROOT" ] || fail "doctor created $ROOT"
