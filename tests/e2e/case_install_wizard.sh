# Started with no arguments on a terminal: the wizard asks root, version and backend
# (Enter takes the default), shows the plan, asks once more, and installs.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
command -v script >/dev/null || { echo "no script(1): skipped"; exit 77; }
machine none
set +e
printf '%s\n' "$ROOT" "6.9.0" "" "y" | env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" \
    INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$(command -v script)" -qec \
    "'$BS_BIN' --cacert '$CERTS/ca.crt' $INDEX_ARGS" /dev/null >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 0
expect_out "Install into ["
expect_out "InvokeAI version [latest]"
expect_out "PyTorch build: cpu, because no usable GPU found"
expect_out "Install now? [Y/n]"
expect_installed invokeai 6.9.0
expect_installed torch 2.7.1+cpu
