# Reset after 40 % of the body: the partial is kept and the next attempt resumes with
# Range + If-Range; the bytes are counted once and the hash is right. Then the resume
# edge cases: a 200 to a Range (truncate and restart, never append), a 206 with a wrong
# Content-Range (discard and restart), an ETag that changed (If-Range gives a 200).
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file r.bin 5000000
fetch "$BASE/reset40/r.bin"
expect_rc 0
expect_cached
expect_out "received=5000000"
expect_log "len(r)" 2
expect_log "r[1]['range']" "bytes=2000000-"
expect_log "r[1]['if_range']" '"v1"'
expect_log "r[1]['status']" 206

for mode in ignore-range bad-range etag-change; do
    rm -rf "$CACHE" "$LOG"
    fetch "$BASE/$mode/r.bin"
    expect_rc 0
    expect_cached
done
# etag-change: the resume carried the old validator and got the whole new file
expect_log "r[1]['if_range']" '"v1"'
expect_log "r[1]['status']" 200
