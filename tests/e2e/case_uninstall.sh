# uninstall and cache on a root laid out as install leaves it: what we installed goes, the
# user's models, outputs, databases and invokeai.yaml stay, links are removed as links and
# never followed (a link to a folder outside the root, one inside .venv, .venv itself a
# link), consent is needed, --dry-run removes nothing, --purge removes the root, a folder
# we did not install is refused; cache info/clean, --cache-dir and INVOKEAI_BOOTSTRAP_CACHE.
. "$BS_E2E_LIB"
run_bs() {
    set +e
    env -i HOME="$HOMEDIR" PATH="$BIN:/usr/bin:/bin" TMPDIR="$T/tmp" ${EXTRA_ENV:-} "$BS_BIN" "$@" \
        >"$OUT" 2>"$ERR" </dev/null
    echo $? >"$RC_FILE"
    set -e
}
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks: $1"; }
expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks: $1"; }
OUTSIDE="$T/outside"
make_root() {
    rm -rf "$ROOT" "$OUTSIDE"
    mkdir -p "$OUTSIDE/models-elsewhere" "$T/outside2" "$ROOT/.venv/bin" "$ROOT/.python/bin" \
        "$ROOT/.cache/downloads" "$ROOT/.cache/pip/http" "$ROOT/.invokeai-bootstrap/backups" \
        "$ROOT/models/sdxl" "$ROOT/outputs/images" "$ROOT/databases"
    echo keep >"$OUTSIDE/models-elsewhere/big.safetensors"
    echo keep2 >"$T/outside2/precious"
    head -c 3000000 /dev/zero >"$ROOT/.cache/downloads/0123abcd"
    echo x >"$ROOT/.cache/pip/http/y"
    echo '#!/bin/sh' >"$ROOT/.venv/bin/python"
    ln -s "$T/outside2" "$ROOT/.venv/evil-link"
    echo '{}' >"$ROOT/.invokeai-bootstrap/receipt.json"
    : >"$ROOT/invoke.sh"
    : >"$ROOT/invoke.bat"
    echo model >"$ROOT/models/sdxl/model.safetensors"
    echo img >"$ROOT/outputs/images/1.png"
    echo db >"$ROOT/databases/invokeai.db"
    echo "precision: float32" >"$ROOT/invokeai.yaml"
    ln -s "$OUTSIDE/models-elsewhere" "$ROOT/more-models"
}
user_data_intact() {
    [ "$(cat "$ROOT/models/sdxl/model.safetensors")" = model ] || fail "models lost"
    [ "$(cat "$ROOT/outputs/images/1.png")" = img ] || fail "outputs lost"
    [ "$(cat "$ROOT/databases/invokeai.db")" = db ] || fail "database lost"
    [ -f "$ROOT/invokeai.yaml" ] || fail "invokeai.yaml lost"
}
outside_intact() {
    [ "$(cat "$OUTSIDE/models-elsewhere/big.safetensors")" = keep ] || fail "followed a link out of the root"
    [ "$(cat "$T/outside2/precious")" = keep2 ] || fail "followed the link inside .venv"
}

# --- cache info, and doctor's size report
make_root
run_bs cache info --root "$ROOT"
expect_rc 0
expect_out "$ROOT/.cache: 2.9 MiB"
sysroot_linux debian-12 16384
set +e
env -i HOME="$HOMEDIR" PATH="$BIN" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" doctor --json --root "$ROOT" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_eq "d['facts']['cache']['path']" "$ROOT/.cache"
expect_eq "d['facts']['cache']['mib']" "2"

# --- consent, --dry-run
run_bs uninstall --root "$ROOT"
expect_rc 2
expect_err "pass --yes"
run_bs uninstall --root "$ROOT" --dry-run
expect_rc 0
expect_out "Would remove from"
expect_out ".venv"
expect_out "kept (your models"
[ -d "$ROOT/.venv" ] && [ -d "$ROOT/.cache" ] || fail "--dry-run removed something"

# --- uninstall: ours gone, the user's kept, no link followed
run_bs uninstall --root "$ROOT" --yes
expect_rc 0
expect_out "Your data is still there"
for x in .venv .python .cache .invokeai-bootstrap invoke.sh invoke.bat; do
    [ ! -e "$ROOT/$x" ] && [ ! -L "$ROOT/$x" ] || fail "$x was not removed"
done
user_data_intact
outside_intact
[ -L "$ROOT/more-models" ] || fail "the user's link was removed without --purge"
# a second run: the root is no longer ours
run_bs uninstall --root "$ROOT" --yes
expect_rc 1
expect_err "was not installed by invokeai-bootstrap"
user_data_intact

# --- .venv itself a link to a folder outside: the link goes, the folder stays
make_root
rm -rf "$ROOT/.venv"
mkdir -p "$T/venv-elsewhere/bin" && echo v >"$T/venv-elsewhere/bin/python"
ln -s "$T/venv-elsewhere" "$ROOT/.venv"
run_bs uninstall --root "$ROOT" --yes
expect_rc 0
[ ! -L "$ROOT/.venv" ] || fail ".venv link left"
[ -f "$T/venv-elsewhere/bin/python" ] || fail "followed .venv's link"

# --- --purge: everything in the root goes, nothing outside it
make_root
run_bs uninstall --root "$ROOT" --purge --yes
expect_rc 0
[ ! -e "$ROOT" ] || fail "--purge left the root"
outside_intact

# --- not ours: refused, nothing removed
mkdir -p "$T/somebody/models" && echo m >"$T/somebody/models/a"
run_bs uninstall --root "$T/somebody" --yes --purge
expect_rc 1
expect_err "nothing was removed"
[ -f "$T/somebody/models/a" ] || fail "removed a folder we did not install"

# --- a shared cache: --cache-dir and INVOKEAI_BOOTSTRAP_CACHE; clean removes only ours
SHARED="$T/shared-cache"
mkdir -p "$SHARED/downloads" "$SHARED/pip" "$SHARED/not-ours"
head -c 2000000 /dev/zero >"$SHARED/downloads/f"
echo keep >"$SHARED/not-ours/file"
make_root
EXTRA_ENV="INVOKEAI_BOOTSTRAP_CACHE=$SHARED" run_bs cache info --root "$ROOT" --json
expect_rc 0
expect_eq "d['cache']" "$SHARED"
expect_eq "d['bytes']" "2000000"
run_bs cache clean --root "$ROOT" --cache-dir "$SHARED"
expect_rc 0
expect_out "Freed 1.9 MiB in $SHARED"
[ ! -e "$SHARED/downloads" ] && [ ! -e "$SHARED/pip" ] || fail "cache clean left ours"
[ -f "$SHARED/not-ours/file" ] || fail "cache clean removed what is not ours"
run_bs uninstall --root "$ROOT" --yes --cache-dir "$SHARED"
expect_rc 0
expect_out "The shared cache $SHARED was kept"
[ -d "$SHARED" ] || fail "uninstall removed the shared cache"
run_bs cache clean --root "$ROOT"
expect_rc 0
[ ! -e "$ROOT/.invokeai-bootstrap" ] || fail "cache clean made an uninstalled root look installed"
run_bs cache tidy
expect_rc 2
expect_err "expected 'info' or 'clean'"
echo "case_uninstall: ok"
