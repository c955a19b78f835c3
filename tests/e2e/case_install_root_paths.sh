# The install root is made absolute once, however it was typed: relative to the working
# folder, ~/x (as a script or the wizard passes it, unexpanded), pasted with quotes around
# it (Explorer's "Copy as path"), with spaces, through a link and a "..". Both launchers
# hold the absolute path, and invoke.sh starts InvokeAI from any working folder.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
command -v script >/dev/null || { echo "no script(1): skipped"; exit 77; }
machine none
mkdir -p "$T/cwd" "$HOMEDIR/real"
ln -s "$HOMEDIR/real" "$T/link"

# inst DIR ROOT: install --yes from the working folder DIR with --root ROOT, as typed.
inst() {
    set +e
    (cd "$1" && env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" \
        INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" install --yes --version 6.9.0 --root "$2" \
        --cacert "$CERTS/ca.crt" $INDEX_ARGS </dev/null >"$OUT" 2>"$ERR")
    echo $? >"$RC_FILE"
    set -e
}
# check_root ABS: the install is in ABS, its launchers name ABS, and it starts from /.
check_root() {
    local abs=$1 said
    [ -x "$abs/invoke.sh" ] || fail "no $abs/invoke.sh"
    grep -qxF "INVOKEAI_ROOT='$abs'" "$abs/invoke.sh" || fail "invoke.sh: $(grep INVOKEAI_ROOT= "$abs/invoke.sh")"
    grep -qF "set \"INVOKEAI_ROOT=${abs//\//\\}\"" "$abs/invoke.bat" || fail "invoke.bat: $(grep INVOKEAI_ROOT= "$abs/invoke.bat")"
    said=$(cd / && env -i PATH=/usr/bin:/bin "$abs/invoke.sh" --probe) || fail "invoke.sh failed from /"
    [ "$said" = "InvokeAI stand-in 6.9.0 root=$abs args=--probe" ] || fail "invoke.sh from / said: $said"
    expect_out "Plan for $abs"
}

inst "$T/cwd" rel-root
expect_rc 0
check_root "$T/cwd/rel-root"

inst "$T/cwd" "~/tilde root"
expect_rc 0
check_root "$HOMEDIR/tilde root"
[ ! -e "$T/cwd/~" ] || fail "a folder named ~ was made"

inst "$T/cwd" "  \"$HOMEDIR/quoted path\" "
expect_rc 0
check_root "$HOMEDIR/quoted path"
ls "$HOMEDIR" | grep -q '"' && fail "a folder with quotes in its name was made"

inst / "$T/link/sub/../through link"
expect_rc 0
check_root "$HOMEDIR/real/through link"

# INVOKEAI_ROOT relative too
set +e
(cd "$T/cwd" && env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_ROOT=env-root \
    INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" install --yes --version 6.9.0 \
    --cacert "$CERTS/ca.crt" $INDEX_ARGS </dev/null >"$OUT" 2>"$ERR")
echo $? >"$RC_FILE"
set -e
expect_rc 0
check_root "$T/cwd/env-root"

# The wizard's answer, typed with ~ and quotes, from a terminal.
set +e
printf '%s\n' "'~/wizard root'" "6.9.0" "" "y" | (cd "$T/cwd" && env -i HOME="$HOMEDIR" \
    PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$(command -v script)" -qec \
    "'$BS_BIN' --cacert '$CERTS/ca.crt' $INDEX_ARGS" /dev/null >"$OUT" 2>"$ERR")
echo $? >"$RC_FILE"
set -e
expect_rc 0
check_root "$HOMEDIR/wizard root"

# An empty root is a usage error (exit 2), not the working folder.
inst "$T/cwd" '""'
expect_rc 2
expect_err "must not be empty"
echo "case_install_root_paths: ok"
