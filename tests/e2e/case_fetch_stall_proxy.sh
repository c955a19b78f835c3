# A transfer that stalls after its headers is aborted by the low-speed limit and resumed;
# a proxy that wants credentials gives exit 4 saying so; NO_PROXY is respected.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file s.bin 2000000
FETCH_OPTS="--low-speed-time 2" fetch "$BASE/stall/s.bin"
expect_rc 0
expect_cached
expect_log "len(r)" 2
expect_log "r[1]['range']" "bytes=200000-"

rm -rf "$CACHE" "$LOG"
set +e
HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT" "$BS_FETCH" --cacert "$CERTS/ca.crt" --backoff-ms 50 \
    "$CACHE" "$SHA" "$SIZE" "$BASE/ok/s.bin" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 4
expect_err "proxy needs credentials"
expect_log "len(r)" 0

set +e
HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT" NO_PROXY=127.0.0.1 "$BS_FETCH" --cacert "$CERTS/ca.crt" \
    --backoff-ms 50 "$CACHE" "$SHA" "$SIZE" "$BASE/ok/s.bin" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 0
expect_cached
