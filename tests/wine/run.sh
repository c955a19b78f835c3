#!/usr/bin/env bash
# run.sh EXE: the Windows .exe under Wine (Debian's wine64), short and non-interactive:
# --version, --help, doctor --json with Windows facts (the VC++ runtime and long paths from
# the registry too), a usage error's exit code, the root
# lock held by one run and refused to a second, os-deps turning long paths on and refusing
# an unsigned VC++ installer, cudnn status/patch/restore on a Windows venv, an install
# plan fetched over HTTPS from the
# local mirror (curl + OpenSSL with the delay-loaded system DLLs), and DLLs planted beside
# the .exe never loaded. Prints "wine: N passed, M failed"; exits non-zero on a failure.
set -uo pipefail
EXE="$(realpath "${1:?usage: run.sh path/to/invokeai-bootstrap.exe}")"
HERE="$(cd "$(dirname "$0")" && pwd)"
WINE="${WINE:-/usr/lib/wine/wine64}"
[ -x "$WINE" ] || WINE="$(command -v wine64 || command -v wine || true)"
[ -n "$WINE" ] || { echo "wine64 not found: apt-get install wine64" >&2; exit 1; }
CC_WIN="${CC_WIN:-x86_64-w64-mingw32-gcc-posix}"

T=$(mktemp -d "${TMPDIR:-/tmp}/bs-wine.XXXXXX")
export WINEPREFIX="$T/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
MIRROR_PID="" STALL_PID=""
cleanup() {
    [ -n "$STALL_PID" ] && kill "$STALL_PID" 2>/dev/null
    [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null
    /usr/lib/wine/wineserver -k 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/     /' "$T/err" | tail -8; }
win_path() { echo "Z:${1//\//\\}"; }
# run ARGS...: the .exe under Wine; stdout in $T/out, stderr in $T/err, exit code in $RC.
run() { timeout 120 "$WINE" "$EXE" "$@" >"$T/out" 2>"$T/err"; RC=$?; }

# A new prefix, told to be Windows 10 (Wine's default prefix says Windows 7).
timeout 300 "$WINE" winecfg /v win10 >/dev/null 2>&1 || true

run --version
[ $RC = 0 ] && grep -q '^invokeai-bootstrap [0-9]' "$T/out" && ok "--version" || bad "--version (rc $RC)"

run --help
[ $RC = 0 ] && grep -q 'doctor' "$T/out" && grep -q 'install' "$T/out" && ok "--help" || bad "--help (rc $RC)"

run --frobnicate
[ $RC = 2 ] && grep -q "unknown option '--frobnicate'" "$T/err" && ok "usage error exits 2" ||
    bad "usage error (rc $RC)"

# A feature-update name in the registry, as Windows 10 and 11 keep it, must reach os_name.
timeout 60 "$WINE" reg add 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' /v DisplayVersion \
    /t REG_SZ /d 23H2 /f >/dev/null 2>&1
run doctor --json --root 'C:\invokeai test'
if python3 - "$T/out" <<'PY'; then ok "doctor --json: Windows facts"; else bad "doctor --json (rc $RC)"; fi
import json, sys
d = json.load(open(sys.argv[1]))
f = d["facts"]
c = {x["id"]: x for x in d["checks"]}
assert f["os"] == "windows" and f["arch"] == "x86_64", f
assert f["ram_mib"] and f["ram_mib"] > 0, f["ram_mib"]
assert f["disk_free_mib"] and f["disk_free_mib"] > 0, f["disk_free_mib"]
assert f["root"] == "C:\\invokeai test", f["root"]
assert c["os"]["status"] == "pass" and "Windows 10" in c["os"]["summary"], c["os"]
assert f["os_name"].startswith("Windows 10 23H2 (10.0."), f["os_name"]
assert c["opencv-libs"]["status"] == "pass", c["opencv-libs"]
assert d["recommended"]["backend"] == "cpu", d["recommended"]
PY

# vcredist and long-paths from Wine's registry: a new prefix has no VC++ runtime entry and
# long paths off; once the runtime's key and the policy are there, both pass.
REGK='HKLM\SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64'
vc_check() { # CHECK.FIELD=WORDS...
    python3 - "$T/out" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["id"]: x for x in d["checks"]}
for arg in sys.argv[2:]:
    k, v = arg.split("=", 1)
    check, field = k.split(".")
    assert v in c[check][field], (k, v, c[check])
PY
}
run doctor --json --root 'C:\invokeai'
vc_check vcredist.status=fail "vcredist.summary=not installed" long-paths.status=pass "long-paths.summary=off" &&
    ok "doctor: vcredist missing, long paths off (Wine's registry)" || bad "vcredist/long-paths in a new prefix"
for v in "Installed 1" "Major 14" "Minor 40" "Bld 33810"; do
    timeout 60 "$WINE" reg add "$REGK" /v "${v% *}" /t REG_DWORD /d "${v#* }" /f >/dev/null 2>&1
done
timeout 60 "$WINE" reg add 'HKLM\SYSTEM\CurrentControlSet\Control\FileSystem' /v LongPathsEnabled \
    /t REG_DWORD /d 1 /f >/dev/null 2>&1
run doctor --json --root 'C:\invokeai'
vc_check vcredist.status=pass "vcredist.summary=14.40.33810" "long-paths.summary=enabled" &&
    ok "doctor: vcredist 14.40.33810 and long paths read back from the registry" ||
    bad "vcredist/long-paths after reg add"

# The local mirror over HTTPS with the test CA: the plan needs the package index.
. "$HERE/../fixtures/mirror.sh"
mirror_make "$T" && mirror_start "$T" || { bad "mirror did not start"; exit 1; }
CA="$(win_path "$T/certs/ca.crt")"
PLAN=(install --dry-run --yes --root 'C:\r' --cacert "$CA" --index-url "$MIRROR_BASE/simple"
      --torch-index-url "$MIRROR_BASE/whl" --python 3.11)
run "${PLAN[@]}"
# The whole plan over HTTPS with the test CA: the release (6.14.0), its torch pin, and the
# build for a Windows machine without a GPU, PyPI's own (CPU) torch from the package index.
PLANNED() {
    [ "$RC" = 0 ] && grep -Eq 'InvokeAI +6\.14\.0 from https://' "$T/out" &&
        grep -Eq 'torch +2\.7\.1 \(cpu\) from https://.*/simple' "$T/out"
}
PLANNED && ok "install plan over HTTPS: the release, its torch pin and the Windows build from the mirror" ||
    bad "install plan over HTTPS (rc $RC)"
run install --dry-run --yes --root 'C:\r' --index-url "$MIRROR_BASE/simple" \
    --torch-index-url "$MIRROR_BASE/whl" --python 3.11
[ $RC = 4 ] && ok "an unknown CA is refused (exit 4)" || bad "unknown CA (rc $RC)"

# os-deps on Windows: long paths turned on through an elevated reg.exe (Wine has no UAC
# prompt, the same call runs), read back by doctor; an unsigned "vc_redist.x64.exe" from the
# mirror is refused for its signature and never runs.
timeout 60 "$WINE" reg add 'HKLM\SYSTEM\CurrentControlSet\Control\FileSystem' /v LongPathsEnabled \
    /t REG_DWORD /d 0 /f >/dev/null 2>&1
timeout 60 "$WINE" reg delete "$REGK" /f >/dev/null 2>&1
if "$CC_WIN" -o "$T/mirror/files/vc_redist.x64.exe" "$HERE/fake_vcredist.c"; then
    export FAKE_VCREDIST_MARKER="$(win_path "$T/vcredist-ran")"
    run os-deps --yes --root 'C:\od' --cacert "$CA" --vcredist-url "$MIRROR_BASE/files/vc_redist.x64.exe"
    [ $RC = 5 ] && [ ! -e "$T/vcredist-ran" ] && grep -q 'not signed' "$T/err" &&
        ok "os-deps: an unsigned VC++ installer is refused (exit 5) and not run" ||
        bad "unsigned VC++ installer (rc $RC, ran: $([ -e "$T/vcredist-ran" ] && echo yes || echo no))"
    run doctor --json --root 'C:\od'
    vc_check "long-paths.summary=enabled" vcredist.status=fail &&
        ok "os-deps: long paths turned on (elevated reg.exe), read back by doctor" ||
        bad "long paths not turned on by os-deps"
    unset FAKE_VCREDIST_MARKER
else
    bad "could not build the fake VC++ installer"
fi

# The lock: a python install that stalls on a server that never answers holds the root.
python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(8); open("'"$T"'/stall","w").write(str(s.getsockname()[1])); time.sleep(600)' &
STALL_PID=$!
for _ in $(seq 1 50); do [ -s "$T/stall" ] && break; sleep 0.1; done
cat >"$T/manifest.json" <<EOF
{"entries": [{"python_version": "3.11.16", "os": "windows", "arch": "x86_64", "libc": "none",
  "url": "https://127.0.0.1:$(cat "$T/stall")/python.tar.gz",
  "sha256": "0000000000000000000000000000000000000000000000000000000000000000",
  "executable_relpath": "python/python.exe"}]}
EOF
MANIFEST="$(win_path "$T/manifest.json")"
timeout 120 "$WINE" "$EXE" python install --root 'C:\locked' --python-manifest "$MANIFEST" \
    --connect-timeout 60 --retries 1 >"$T/first.out" 2>&1 &
FIRST=$!
LOCK="$WINEPREFIX/drive_c/locked/.invokeai-bootstrap/lock"
for _ in $(seq 1 100); do [ -s "$LOCK" ] && break; sleep 0.2; done
run python install --root 'C:\locked' --python-manifest "$MANIFEST"
HOLDER="$(tr -d '\r\n' <"$LOCK" 2>/dev/null)"
[ $RC = 7 ] && [ -n "$HOLDER" ] && grep -q "$HOLDER" "$T/err" && ok "second run on a locked root exits 7 naming PID $HOLDER" ||
    bad "lock (rc $RC, holder '$HOLDER')"
kill "$FIRST" 2>/dev/null; wait "$FIRST" 2>/dev/null
/usr/lib/wine/wineserver -k 2>/dev/null; sleep 1
run python install --root 'C:\locked' --python-manifest "$MANIFEST" --connect-timeout 2 --retries 1
[ $RC != 7 ] && ok "the lock dies with its process (next run: exit $RC)" || bad "stale lock (rc $RC)"

# Ctrl-C reaches a run under Wine through its console control handler (the one handler the
# run installs): an install whose Python download hangs on a server that never answers
# stops with exit 130 and "rerun to resume", its lock free for the next run.
# wine_ctrl_c WHAT ARGS...: the .exe in the background, Ctrl-C (SIGINT, which Wine delivers
# as CTRL_C_EVENT) once WAIT_FOR exists, then RC and MS (how long it took to stop).
wine_ctrl_c() {
    local t0
    "$WINE" "$EXE" "$@" >"$T/out" 2>"$T/err" &
    local pid=$!
    for _ in $(seq 1 150); do [ -e "$WAIT_FOR" ] && break; sleep 0.2; done
    sleep 1
    t0=$(date +%s%N)
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid"
    RC=$?
    MS=$((($(date +%s%N) - t0) / 1000000))
}
WAIT_FOR="$WINEPREFIX/drive_c/ctrlc/.invokeai-bootstrap/lock"
wine_ctrl_c install --yes --no-os-deps --root 'C:\ctrlc' --cacert "$CA" \
    --index-url "$MIRROR_BASE/simple" --torch-index-url "$MIRROR_BASE/whl" --python managed \
    --python-manifest "$MANIFEST" --connect-timeout 60 --retries 1
[ $RC = 130 ] && [ "$MS" -lt 3000 ] && grep -q "rerun to resume" "$T/err" &&
    ok "install: Ctrl-C during the Python download stops it in ${MS} ms, exit 130" ||
    bad "install Ctrl-C (rc $RC after $MS ms)"
run python install --root 'C:\ctrlc' --python-manifest "$MANIFEST" --connect-timeout 2 --retries 1
[ $RC != 7 ] && ok "after Ctrl-C the root's lock is free (next run: exit $RC)" || bad "lock after Ctrl-C"
/usr/lib/wine/wineserver -k 2>/dev/null; sleep 1

# A root typed with quotes around it (Explorer's "Copy as path") is the folder without them,
# made absolute once.
run doctor --json --root '"C:\quoted root\inv"'
GOT_ROOT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["facts"]["root"])' "$T/out" 2>/dev/null)
[ "$GOT_ROOT" = 'C:\quoted root\inv' ] && ok "a quoted root is the folder without the quotes" ||
    bad "quoted root: '$GOT_ROOT'"

# Planted DLLs: bcrypt.dll and crypt32.dll beside the .exe must never be loaded.
mkdir -p "$T/downloads"
cp "$EXE" "$T/downloads/invokeai-bootstrap.exe"
if "$CC_WIN" -shared -o "$T/downloads/bcrypt.dll" "$HERE/planted_dll.c" &&
    cp "$T/downloads/bcrypt.dll" "$T/downloads/crypt32.dll" &&
    "$CC_WIN" -o "$T/downloads/control.exe" "$HERE/import_control.c" "$T/downloads/bcrypt.dll"; then
    # Wine prefers its own builtin system DLLs; "native first" makes it search like Windows.
    export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;bcrypt,crypt32=n,b"
    export PLANTED_MARKER="$(win_path "$T/planted-control")"
    timeout 60 "$WINE" "$T/downloads/control.exe" >/dev/null 2>&1
    [ -e "$T/planted-control" ] && ok "control: a plain import loads the planted bcrypt.dll" ||
        bad "control: the planted DLL was not loaded by a plain import (the test cannot see a plant)"
    export PLANTED_MARKER="$(win_path "$T/planted-ours")"
    EXE="$T/downloads/invokeai-bootstrap.exe"
    run "${PLAN[@]}"
    [ ! -e "$T/planted-ours" ] && PLANNED &&
        ok "planted bcrypt.dll/crypt32.dll beside the .exe are not loaded" ||
        bad "planted DLLs (rc $RC, marker: $([ -e "$T/planted-ours" ] && echo present || echo absent))"
    unset PLANTED_MARKER
else
    bad "could not build the planted DLL"
fi

# cudnn on a Windows-layout venv: Scripts\python.exe is fake_torch.exe, which reads torch's
# cuDNN with GetFileVersionInfoW. status, patch (with its smoke test), a DLL held open by
# another process refused with nothing changed, restore back to torch's own bytes.
CR="$T/cudnn-root"
CZ="$T/cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip"
CLIB="$CR/.venv/Lib/site-packages/torch/lib"
cudnn_state() { (cd "$CLIB" && sha256sum cudnn*) | sort; }
if python3 "$HERE/../fixtures/make_cudnn.py" venv "$CR" 2.7.1+cu128 9.7.1.26 &&
    python3 "$HERE/../fixtures/make_cudnn.py" zip "$CZ" 9.10.2.21 12 &&
    "$CC_WIN" -municode -o "$CR/.venv/Scripts/python.exe" "$HERE/fake_torch.c" -lversion; then
    cudnn_state >"$T/cudnn-pristine"
    run cudnn status --root "$(win_path "$CR")"
    [ $RC = 0 ] && grep -q "cuDNN:      9.7.1.26" "$T/out" && grep -q "torch says: cuDNN 9.7.1" "$T/out" &&
        ok "cudnn status: 9.7.1.26 from our PE parser and from GetFileVersionInfoW" ||
        bad "cudnn status (rc $RC): $(tr '\n' ' ' <"$T/out")"
    run cudnn patch --root "$(win_path "$CR")" --from "$(win_path "$CZ")"
    [ $RC = 0 ] && grep -q "9.7.1.26 -> 9.10.2.21" "$T/out" && grep -q "loads cuDNN 9.10.2.21" "$T/out" &&
        ! cmp -s <(cudnn_state) "$T/cudnn-pristine" && ! ls "$CLIB" | grep -q '\.bs-' &&
        ok "cudnn patch: 9.7.1.26 -> 9.10.2.21, smoke test passed" || bad "cudnn patch (rc $RC)"
    timeout 60 "$WINE" "$CR/.venv/Scripts/python.exe" --hold "$(win_path "$CLIB/cudnn_ops64_9.dll")" 30 \
        >"$T/hold" 2>/dev/null &
    HOLD_PID=$!
    for _ in $(seq 1 50); do grep -q holding "$T/hold" 2>/dev/null && break; sleep 0.2; done
    cudnn_state >"$T/cudnn-patched"
    run cudnn restore --root "$(win_path "$CR")"
    [ $RC = 7 ] && grep -q "cudnn_ops64_9.dll is in use" "$T/err" && cmp -s <(cudnn_state) "$T/cudnn-patched" &&
        ok "cudnn restore: a DLL in use (sharing violation) is refused, nothing changed" ||
        bad "cudnn in use (rc $RC)"
    kill "$HOLD_PID" 2>/dev/null; wait "$HOLD_PID" 2>/dev/null
    /usr/lib/wine/wineserver -k 2>/dev/null; sleep 1
    run cudnn restore --root "$(win_path "$CR")"
    [ $RC = 0 ] && grep -q "Restored torch's cuDNN 9.7.1.26" "$T/out" && cmp -s <(cudnn_state) "$T/cudnn-pristine" &&
        ok "cudnn restore: torch's own bytes are back" || bad "cudnn restore (rc $RC)"
    # Ctrl-C while the patch's smoke test runs (the new DLLs are in): the swap is undone or
    # finished at once, never left half done, and the exit is 130.
    WAIT_FOR="$CR/.invokeai-bootstrap/backups"
    export FAKE_TORCH_CONV_SECONDS=30
    wine_ctrl_c cudnn patch --root "$(win_path "$CR")" --from "$(win_path "$CZ")"
    unset FAKE_TORCH_CONV_SECONDS
    /usr/lib/wine/wineserver -k 2>/dev/null; sleep 1
    { cmp -s <(cudnn_state) "$T/cudnn-pristine" || cmp -s <(cudnn_state) "$T/cudnn-patched"; } &&
        ! ls "$CLIB" | grep -q '\.bs-' && [ $RC = 130 ] &&
        ok "cudnn patch: Ctrl-C during the smoke test (exit 130 in ${MS} ms), torch\\lib holds one whole set" ||
        bad "cudnn patch Ctrl-C (rc $RC after $MS ms)"
    run cudnn status --root "$(win_path "$CR")"
    [ $RC = 0 ] && ok "cudnn status after the interrupted patch" || bad "cudnn status after Ctrl-C (rc $RC)"
else
    bad "could not build the cuDNN fixtures"
fi

echo "wine: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
