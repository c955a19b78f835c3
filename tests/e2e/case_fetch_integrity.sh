# Flipped bits: mismatch, the partial is deleted, one fresh download, then exit 5 naming
# the URL and both hashes. A server that sends more than the pinned size is stopped at the
# pin. A flip on the first download only: the fresh download succeeds.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file f.bin 1000000
fetch "$BASE/flip/f.bin"
expect_rc 5
expect_err "$BASE/flip/f.bin: SHA-256 mismatch: expected $SHA, got "
expect_log "len(r)" 2
expect_not_cached
[ ! -e "$CACHE/$SHA.part" ] || fail "mismatching .part kept"

rm -f "$LOG"
fetch "$BASE/more/f.bin"
expect_rc 5
expect_err "more than the pinned 1000000 bytes"
expect_not_cached

fetch "$BASE/flip-once/f.bin"
expect_rc 0
expect_cached

# A pin that is not a pin is refused before any request.
rm -rf "$CACHE" "$LOG"
SHA=nothex
fetch "$BASE/ok/f.bin"
expect_rc 2
expect_log "len(r)" 0
