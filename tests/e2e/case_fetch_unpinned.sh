# An artifact with no hash to check against (an index that gives none): trusted on first
# download, yet a reset still resumes (the .part is known by its URL), and the result is
# stored under the SHA-256 it turned out to have, which the caller is told.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file u.bin 3000000
WANT=$SHA
SHA=-
fetch "$BASE/reset40/u.bin"
expect_rc 0
expect_out "sha256=$WANT"
expect_out "received=3000000"
expect_log "len(r)" 2
expect_log "r[1]['range']" "bytes=1200000-"
SHA=$WANT
expect_cached
ls "$CACHE" | grep -q '^url-' && fail "the URL-named .part was left behind"
# a pinned fetch of the same bytes now reuses the stored file
fetch "$BASE/reset40/u.bin"
expect_rc 0
expect_out "reused=1"
