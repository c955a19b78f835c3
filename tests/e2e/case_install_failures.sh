# pip failing part way (the InvokeAI wheel answers 404): clear error with pip's last
# lines, no receipt; the rerun finishes. A second run while one holds the root: exit 7
# naming the PID. SIGKILL of the installer and pip mid-download: the rerun finishes.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
touch "$IDX/.faults/404-InvokeAI-6.9.0-py3-none-any.whl"
run_install --version 6.9.0
expect_rc 1
expect_err "pip install failed"
expect_err "404"
expect_err "rerun the same command"
[ ! -e "$ROOT/.invokeai-bootstrap/receipt.json" ] || fail "a receipt after a failed install"
rm "$IDX/.faults/404-InvokeAI-6.9.0-py3-none-any.whl"
run_install --version 6.9.0
expect_rc 0
expect_installed invokeai 6.9.0

# A slow download keeps the first run busy inside pip.
ROOT="$HOMEDIR/kill me"
touch "$IDX/.faults/slow-InvokeAI-6.14.0-py3-none-any.whl"
env -i HOME="$HOMEDIR" PATH="$BIN" TMPDIR="$T/tmp" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
    "$BS_BIN" install --yes --version 6.14.0 --root "$ROOT" --cacert "$CERTS/ca.crt" $INDEX_ARGS \
    </dev/null >"$T/first.out" 2>"$T/first.err" &
first=$!
for _ in $(seq 1 300); do
    grep -q '"/files/InvokeAI-6.14.0-py3-none-any.whl"' "$LOG" 2>/dev/null && break
    sleep 0.1
done
grep -q '"/files/InvokeAI-6.14.0-py3-none-any.whl"' "$LOG" || fail "the first run never reached pip's download"
run_install --version 6.14.0
expect_rc 7
expect_err "PID $first"
# The installer first: killed after its pip, it could see pip die and exit on its own
# before the kill (a race that failed this case under load).
kill -KILL "$first"
pkill -KILL -f "$ROOT/.venv/bin/python" || true
wait "$first" 2>/dev/null || true
rm "$IDX/.faults/slow-InvokeAI-6.14.0-py3-none-any.whl"
run_install --version 6.14.0
expect_rc 0
expect_installed invokeai 6.14.0
expect_receipt "r['invokeai']" 6.14.0
