# A pinned download lands in the cache under its SHA-256; a rerun reuses it without a
# request; a cached file damaged between runs is re-hashed, found out, and replaced.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file a.bin 3000000
fetch "$BASE/ok/a.bin"
expect_rc 0
expect_out "ok $CACHE/$SHA reused=0 received=3000000"
expect_cached
expect_log "len(r)" 1

fetch "$BASE/ok/a.bin"
expect_rc 0
expect_out "reused=1 received=0"
expect_log "len(r)" 1

printf 'X' | dd of="$CACHE/$SHA" bs=1 seek=1000 conv=notrunc 2>/dev/null
fetch "$BASE/ok/a.bin"
expect_rc 0
expect_out "reused=0 received=3000000"
expect_err "damaged"
expect_cached
expect_log "len(r)" 2

# A 302 to another path on the same HTTPS server is followed.
rm -f "$CACHE/$SHA"
fetch "$BASE/redirect/a.bin"
expect_rc 0
expect_cached
