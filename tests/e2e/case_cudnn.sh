# cudnn status|patch|restore on a Windows-layout venv built here (PE files named and
# versioned like torch's cuDNN DLLs, a Scripts/python.exe that answers as torch does,
# from the files) and zips in NVIDIA's layout: patch, status, restore, restore again,
# patch from a folder and from a bin\x64 zip, every refusal with nothing changed, a file
# in use, SIGKILL at each journal step then a rerun (torch\lib must hold one whole set),
# a failing smoke test that rolls back, and a reinstalled torch that makes backups stale.
. "$BS_E2E_LIB"
MK="$BS_FIXTURES/make_cudnn.py"
LIB="$ROOT/.venv/Lib/site-packages/torch/lib"
Z="$T/zips"
mkdir -p "$Z"
zipname() { echo "$Z/cudnn-windows-x86_64-$1_cuda$2-archive.zip"; }
python3 "$MK" zip "$(zipname 9.10.2.21 12)" 9.10.2.21 12
python3 "$MK" zip "$(zipname 9.23.0.10 12)" 9.23.0.10 12 --x64 --add cudnn_ext64_9.dll \
    --add cudnn_engines_tensor_ir64_9.dll
python3 "$MK" zip "$(zipname 8.9.7.29 12)" 8.9.7.29 12
python3 "$MK" zip "$(zipname 9.10.2.21 11)" 9.10.2.21 11
python3 "$MK" zip "$(zipname 9.1.0.70 12)" 9.1.0.70 12
python3 "$MK" zip "$(zipname 9.11.0.98 12)" 9.11.0.98 12
python3 "$MK" zip "$Z/evil.zip" 9.10.2.21 12 --evil "../../outside.dll"
python3 "$MK" zip "$Z/broken.zip" 9.10.2.21 12 --broken
cp "$Z/broken.zip" "$(zipname 9.12.0.46 12)" # a broken set under a good name
python3 "$MK" folder "$T/unpacked" 9.10.2.21 12

fresh_venv() {
    rm -rf "$ROOT"
    python3 "$MK" venv "$ROOT" 2.7.1+cu128 9.7.1.26
    state >"$T/pristine"
}
# state: every cudnn file in torch\lib (and any leftover of ours) with its SHA-256.
state() {
    (cd "$LIB" && for f in cudnn* *.bs-new *.bs-old; do
        if [ -e "$f" ]; then echo "$f $(sha256sum <"$f" | cut -c1-64)"; fi
    done) | sort
}
run_bs() {
    set +e
    env -i HOME="$HOMEDIR" PATH="$BIN:/usr/bin:/bin" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
        ${FAULT:+INVOKEAI_BOOTSTRAP_FAULT=$FAULT} "$BS_BIN" "$@" --root "$ROOT" >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks: $1"; }
expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks: $1"; }
unchanged() { state | diff -u "$T/pristine" - >&2 || fail "torch\\lib changed ($1)"; }
# one_set NAME: torch\lib is exactly the pristine set, or exactly the set patched from NAME.
one_set() {
    local now
    now=$(state)
    [ "$now" = "$(cat "$T/pristine")" ] && return 0
    [ "$now" = "$(cat "$T/after-$1")" ] && return 0
    echo "$now" >&2
    fail "torch\\lib holds neither whole set"
}
sysroot_linux debian-12 16384
fake_nvidia_smi

# --- status on the pristine torch
fresh_venv
run_bs cudnn status
expect_rc 0
expect_out "cuDNN:      9.7.1.26 (8 DLLs"
expect_out "torch says: cuDNN 9.7.1"
expect_out "patched:    no"

# --- patch, status, restore, restore again
run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
expect_rc 0
expect_out "9.7.1.26 -> 9.10.2.21"
expect_out "Smoke test: torch 2.7.1+cu128 loads cuDNN 9.10.2.21"
state >"$T/after-9.10"
[ "$(cat "$T/after-9.10")" != "$(cat "$T/pristine")" ] || fail "patch changed nothing"
ls "$LIB" | grep -q '\.bs-' && fail "staging left in torch\\lib"
# the backup holds torch's own files, byte for byte
(cd "$ROOT"/.invokeai-bootstrap/backups/cudnn-*/files && for f in *; do echo "$f $(sha256sum <"$f" | cut -c1-64)"; done) |
    sort | diff -u "$T/pristine" - >&2 || fail "the backup is not torch's set"
run_bs cudnn status --json
expect_rc 0
expect_eq "d['cudnn']" "9.10.2.21"
expect_eq "d['patched']" "True"
expect_eq "d['runtime']['cudnn']" "9.10.2"
expect_eq "d['backups'][0]['status']" "restorable"
expect_eq "d['backups'][0]['before']" "9.7.1.26"
run_bs cudnn restore
expect_rc 0
expect_out "Restored torch's cuDNN 9.7.1.26"
unchanged "after restore"
run_bs cudnn restore
expect_rc 0
expect_out "Nothing to restore"
unchanged "after restore again"

# --- from a folder; from a bin\x64 zip that adds two DLLs (restore must remove them)
fresh_venv
run_bs cudnn patch --from "$T/unpacked"
expect_rc 0
[ "$(state)" = "$(cat "$T/after-9.10")" ] || fail "folder patch differs from zip patch"
run_bs cudnn patch --from "$(zipname 9.23.0.10 12)"
expect_rc 0
[ -f "$LIB/cudnn_ext64_9.dll" ] && [ -f "$LIB/cudnn_engines_tensor_ir64_9.dll" ] || fail "new sub-libraries missing"
run_bs cudnn restore
expect_rc 0
[ "$(state)" = "$(cat "$T/after-9.10")" ] || fail "restore of the second patch is not the first patch's set"
[ ! -e "$LIB/cudnn_ext64_9.dll" ] || fail "restore left an added DLL"
run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
expect_rc 0
expect_out "Nothing to do: torch already has cuDNN 9.10.2.21"
# restores walk back patch by patch: the folder's patch is undone next, then nothing is left
run_bs cudnn restore
expect_rc 0
expect_out "Restored torch's cuDNN 9.7.1.26"
unchanged "after walking back both patches"
run_bs cudnn restore
expect_rc 0
expect_out "Nothing to restore"
# a root moved to another folder: its backups still restore there
run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
expect_rc 0
mv "$ROOT" "$ROOT-moved" && mv "$ROOT-moved" "$T/moved-root"
ROOT="$T/moved-root" LIB="$T/moved-root/.venv/Lib/site-packages/torch/lib"
run_bs cudnn restore
expect_rc 0
expect_out "Restored torch's cuDNN 9.7.1.26"
unchanged "restore in a moved root"
ROOT="$HOMEDIR/invokeai" LIB="$ROOT/.venv/Lib/site-packages/torch/lib"

# --- refusals: nothing changes
fresh_venv
refused() { # RC WORDS ARGS...
    local rc=$1 words=$2
    shift 2
    run_bs cudnn "$@"
    expect_rc "$rc"
    expect_err "$words"
    unchanged "$words"
    [ ! -e "$ROOT/.invokeai-bootstrap/backups" ] || [ -z "$(ls -A "$ROOT/.invokeai-bootstrap/backups")" ] ||
        fail "a refused patch left a backup"
}
refused 3 "torch 2.7.1+cu128 loads cuDNN 9" patch --from "$(zipname 8.9.7.29 12)"
refused 3 "built for CUDA 12" patch --from "$(zipname 9.10.2.21 11)"
refused 3 "older than the 9.7.1.26 torch was built with" patch --from "$(zipname 9.1.0.70 12)"
refused 5 "'../../outside.dll' refused: '..' in path" patch --from "$Z/evil.zip"
[ ! -e "$T/outside.dll" ] && [ ! -e "$HOMEDIR/outside.dll" ] || fail "evil entry written"
refused 1 "no such file" patch --from "$Z/none.zip"
printf 'not a zip' >"$Z/junk.zip"
refused 5 "not a zip" patch --from "$Z/junk.zip"
# a Pascal card: cuDNN 9.11 needs compute capability 7.5
printf '0, NVIDIA GeForce GTX 1080, 8192, 560.94, 6.1, 00000000:01:00.0\n' >"$NV/query"
refused 3 "compute capability 7.5 or newer; this one is 6.1" patch --from "$(zipname 9.11.0.98 12)"
rm -f "$NV/query"
refused 2 "needs --from" patch
# in use: another process holds one of torch's DLLs open
sleep 60 3<"$LIB/cudnn_ops64_9.dll" &
HOLDER=$!
refused 7 "cudnn_ops64_9.dll is in use" patch --from "$(zipname 9.10.2.21 12)"
expect_err "close InvokeAI first"
kill "$HOLDER"; wait "$HOLDER" 2>/dev/null || true

# --- a set torch cannot load: the smoke test fails and the patch rolls back by itself
run_bs cudnn patch --from "$(zipname 9.12.0.46 12)"
expect_rc 1
expect_err "torch failed its smoke test with cuDNN 9.10.2:" # the header wins over the name
expect_err "WinError 126"
unchanged "after a failed smoke test"
[ -z "$(ls -A "$ROOT/.invokeai-bootstrap/backups")" ] || fail "a rolled-back patch left its backup"

# --- SIGKILL after each journal step, then any cudnn run: one whole set, no leftovers
if [ -z "${BS_RELEASE_BIN:-}" ]; then # release builds carry no fault points
    python3 "$MK" zip "$Z/cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip" 9.10.2.21 12
    for step in backing-up staged replacing replacing:1 complete; do
        fresh_venv
        FAULT="cudnn:$step" run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
        expect_rc 137
        run_bs cudnn status
        expect_rc 0
        one_set 9.10
        ls "$LIB" | grep -q '\.bs-' && fail "leftovers after recovering from $step"
        case $step in
        replacing | replacing:1 | complete) [ "$(state)" = "$(cat "$T/after-9.10")" ] || fail "$step: not finished" ;;
        *) unchanged "recovered from $step" ;;
        esac
    done
    for step in restoring restoring:1; do
        fresh_venv
        run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
        expect_rc 0
        FAULT="cudnn:$step" run_bs cudnn restore
        expect_rc 137
        run_bs cudnn status
        expect_rc 0
        unchanged "restore finished after a kill at $step"
    done
    for step in rolling-back rolling-back:1; do
        fresh_venv
        FAULT="cudnn:$step" run_bs cudnn patch --from "$(zipname 9.12.0.46 12)"
        expect_rc 137
        run_bs cudnn restore
        expect_rc 1 # nothing left to restore once the roll-back is finished
        expect_err "no cuDNN backup"
        unchanged "roll-back finished after a kill at $step"
    done
fi

# --- torch reinstalled (another build, new RECORD): the old backup is stale, restore refuses
fresh_venv
run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
expect_rc 0
BACKUPS=$(cd "$ROOT/.invokeai-bootstrap" && tar cf - backups | base64 -w0)
python3 "$MK" venv "$T/reinstalled" 2.7.1+cu128 9.7.1.26
rm -rf "$ROOT/.venv" && mv "$T/reinstalled/.venv" "$ROOT/.venv"
echo "torch/__init__.py,sha256=x,1" >>"$ROOT"/.venv/Lib/site-packages/torch-*.dist-info/RECORD
run_bs cudnn status
expect_out "stale: torch 2.7.1+cu128 was reinstalled"
run_bs cudnn restore
expect_rc 5
expect_err "is stale"
unchanged "stale restore"

# --- not a Windows venv: the command explains the wheel instead
rm -rf "$ROOT" && mkdir -p "$ROOT/.venv/bin" "$ROOT/.venv/lib/python3.11/site-packages/torch-2.7.1+cu128.dist-info" \
    "$ROOT/.venv/lib/python3.11/site-packages/nvidia_cudnn_cu12-9.10.2.21.dist-info"
: >"$ROOT/.venv/bin/python"
run_bs cudnn status
expect_rc 0
expect_out "nvidia-cudnn-cu12 9.10.2.21"
expect_out "repair --backend"
run_bs cudnn patch --from "$(zipname 9.10.2.21 12)"
expect_rc 2
expect_err "is for torch on Windows"
# no install at all
rm -rf "$ROOT"
run_bs cudnn status
expect_rc 1
expect_err "no install in"
echo "case_cudnn: ok"
