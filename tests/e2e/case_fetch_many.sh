# Several artifacts in one run (libcurl multi, up to 4 at once): each is verified on its
# own; one bad pin fails alone (exit 5) while the others land in the cache, and a rerun
# reuses them without a request.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
args=()
for k in 0 1 2 3 4 5; do
    make_file "m$k.bin" $((300000 + k * 1000))
    args+=("$SHA" "$SIZE" "$BASE/slow/m$k.bin")
done
good5=$SHA
args[15]=$(printf '%064d' 5) # the last pin is wrong
set +e
"$BS_FETCH" --cacert "$CERTS/ca.crt" --backoff-ms 50 --many "$CACHE" "${args[@]}" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 5
for k in 0 1 2 3 4; do
    grep -q "^$k ok $CACHE/${args[$((k * 3))]}$" "$OUT" || fail "artifact $k not fetched"
done
expect_out "5 error $BASE/slow/m5.bin: SHA-256 mismatch"
[ ! -e "$CACHE/$good5" ] && [ ! -e "$CACHE/${args[15]}" ] || fail "the bad pin left a file"

rm -f "$LOG"
set +e
"$BS_FETCH" --cacert "$CERTS/ca.crt" --many "$CACHE" "${args[@]:0:15}" >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 0
expect_log "len(r)" 0
