# Started with no arguments on a terminal: the wizard asks root, version and backend
# (Enter takes the default), shows the plan, asks once more, and installs; "n" at the
# last question installs nothing (exit 1).
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
command -v script >/dev/null || { echo "no script(1): skipped"; exit 77; }
machine none
# wizard ANSWERS...: the binary with no command on a terminal (script(1)), fed the answers.
wizard() {
    set +e
    printf '%s\n' "$@" | env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" \
        INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$(command -v script)" -qec \
        "'$BS_BIN' --cacert '$CERTS/ca.crt' $INDEX_ARGS" /dev/null >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}
wizard "$ROOT" "6.9.0" "" "n"
expect_rc 1
expect_out "declined: nothing was installed"
[ ! -e "$ROOT/.venv" ] || fail "a declined wizard made the venv"
wizard "$ROOT" "6.9.0" "" "y"
expect_rc 0
expect_out "Install into ["
expect_out "InvokeAI version [latest]"
expect_out "PyTorch build: cpu, because no usable GPU found"
expect_out "Install now? [Y/n]"
expect_installed invokeai 6.9.0
expect_installed torch 2.7.1+cpu
