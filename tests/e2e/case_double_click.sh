# Started by a file manager in a terminal of its own (the program leads the terminal's
# session: no shell stays behind to keep the window), the wizard runs and, at the end,
# success or failure, waits for Enter so the message does not vanish with the window.
# From a shell, with a command, or with --yes, it never waits.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
command -v script >/dev/null || { echo "no script(1): skipped"; exit 77; }
machine none
# on_terminal SHELL_COMMAND ANSWERS...: a new terminal session running SHELL_COMMAND.
on_terminal() {
    local cmd="$1"
    shift
    set +e
    printf '%s\n' "$@" | env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" \
        INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$(command -v script)" -qec "$cmd" /dev/null \
        >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}
ARGS="--cacert '$CERTS/ca.crt' $INDEX_ARGS"
# exec: the terminal runs the program itself, as a desktop launcher does.
on_terminal "exec '$BS_BIN' $ARGS" "$ROOT" "6.9.0" "" "n" ""
expect_rc 1
expect_out "declined: nothing was installed"
expect_out "Press Enter to close this window."
# The same from a shell prompt: the shell leads the session and keeps the window.
on_terminal "'$BS_BIN' $ARGS; exit \$?" "$ROOT" "6.9.0" "" "n" ""
expect_rc 1
expect_out "declined: nothing was installed"
grep -q "Press Enter" "$OUT" && fail "waited for Enter when started from a shell"
# With a command, or --yes, a double click never waits either.
on_terminal "exec '$BS_BIN' doctor --root '$ROOT'" ""
grep -q "Press Enter" "$OUT" && fail "waited for Enter after a command"
on_terminal "exec '$BS_BIN' --yes --dry-run $ARGS --root '$ROOT'" ""
grep -q "Press Enter" "$OUT" && fail "waited for Enter with --yes"
[ ! -e "$ROOT/.venv" ] || fail "a declined wizard made the venv"
