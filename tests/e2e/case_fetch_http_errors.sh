# Server answers: 503/429 with Retry-After are retried after it; a 500 that never ends
# gives up after the tries allowed (exit 4); a 404 HTML page is not retried and never lands
# in the artifact; redirect loops and redirects to plain http:// are refused; mirrors are
# tried in order.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file h.bin 200000

fetch "$BASE/retry503/h.bin"
expect_rc 0
expect_cached
expect_log "[x['status'] for x in r]" "[503, 503, 200]"
rm -rf "$CACHE" "$LOG"
s=$(date +%s%N)
fetch "$BASE/retry429/h.bin"
e=$(date +%s%N)
expect_rc 0
expect_log "[x['status'] for x in r]" "[429, 200]"
# Retry-After: 1 was honoured although the backoff asked for 50 ms
[ $(((e - s) / 1000000)) -ge 900 ] || fail "Retry-After not honoured"

rm -rf "$CACHE" "$LOG"
FETCH_OPTS="--tries 3" fetch "$BASE/always500/h.bin"
expect_rc 4
expect_err "HTTP 500 (gave up after 3 tries)"
expect_log "len(r)" 3

rm -f "$LOG"
fetch "$BASE/html404/h.bin"
expect_rc 4
expect_err "$BASE/html404/h.bin: HTTP 404"
expect_log "len(r)" 1
expect_not_cached
if [ -e "$CACHE/$SHA.part" ] && grep -q html "$CACHE/$SHA.part"; then fail "error page written into the artifact"; fi

fetch "$BASE/loop/h.bin"
expect_rc 4
expect_err "redirect"
fetch "$BASE/to-http/h.bin"
expect_rc 4
expect_err "refused a redirect to a non-HTTPS URL"
fetch "http://127.0.0.1:$PORT/ok/h.bin"
expect_rc 4

# Mirrors: a 404, a refused connection and a plain-http URL fall through to a good one.
rm -f "$LOG"
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
FETCH_OPTS="--tries 2" fetch "$BASE/html404/h.bin" "https://127.0.0.1:$closed_port/ok/h.bin" \
    "http://127.0.0.1:$PORT/ok/h.bin" "$BASE/ok/h.bin"
expect_rc 0
expect_cached
expect_log "[x['path'] for x in r]" "['/html404/h.bin', '/ok/h.bin']"
