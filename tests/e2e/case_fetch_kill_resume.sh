# SIGKILL half way through a large download, then a rerun: the server log shows a Range
# request, and the bytes sent twice are under 1 % of the file. SIGINT stops a download
# with exit 130, "rerun to resume", and the partial kept.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file big.bin $((64 * 1024 * 1024))

"$BS_FETCH" --cacert "$CERTS/ca.crt" "$CACHE" "$SHA" "$SIZE" "$BASE/slow/big.bin" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    have=$(stat -c %s "$CACHE/$SHA.part" 2>/dev/null || echo 0)
    [ "$have" -gt $((SIZE / 3)) ] && break
    sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
have=$(stat -c %s "$CACHE/$SHA.part")
[ "$have" -gt 0 ] && [ "$have" -lt "$SIZE" ] || fail "no partial after the kill ($have bytes)"
sleep 0.3

fetch "$BASE/ok/big.bin"
expect_rc 0
expect_cached
expect_log "r[-1]['range']" "bytes=$have-"
# Everything the server sent, minus the file once: what was sent twice.
twice=$(logq "sum(x['sent'] for x in r) - $SIZE")
[ "$twice" -lt $((SIZE / 100)) ] || fail "$twice bytes sent twice (limit 1 %)"

# SIGINT: clean stop, partial kept, exit 130.
rm -rf "$CACHE" "$LOG"
"$BS_FETCH" --cacert "$CERTS/ca.crt" "$CACHE" "$SHA" "$SIZE" "$BASE/slow/big.bin" >"$OUT" 2>"$ERR" &
pid=$!
for _ in $(seq 1 300); do
    [ "$(stat -c %s "$CACHE/$SHA.part" 2>/dev/null || echo 0)" -gt 1000000 ] && break
    sleep 0.05
done
kill -INT "$pid"
set +e
wait "$pid"
echo $? >"$RC_FILE"
set -e
expect_rc 130
expect_err "rerun to resume"
[ -s "$CACHE/$SHA.part" ] || fail "partial not kept after SIGINT"
expect_not_cached
