# TLS failures are final, with the reason, and no retries: expired, wrong host name,
# self-signed, unknown CA. The same server works once its CA is given (--cacert or
# SSL_CERT_FILE), and the CA is added to the system store, not put in its place.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
make_file t.bin 100000
for cert in expired wronghost selfsigned; do
    start_server "$cert"
    rm -f "$LOG"
    fetch "$BASE/ok/t.bin"
    expect_rc 4
    expect_err "TLS"
    expect_err "--cacert"
    expect_not_cached
done
start_server expired
fetch "$BASE/ok/t.bin"
expect_err "expired"

start_server good
set +e
"$BS_FETCH" --backoff-ms 50 "$CACHE" "$SHA" "$SIZE" "$BASE/ok/t.bin" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 4
expect_err "TLS"
expect_log "len(r)" 0

set +e
SSL_CERT_FILE="$CERTS/ca.crt" "$BS_FETCH" --backoff-ms 50 "$CACHE" "$SHA" "$SIZE" "$BASE/ok/t.bin" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 0
expect_cached
