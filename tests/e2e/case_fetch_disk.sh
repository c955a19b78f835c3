# Local names come from the pin only (a Content-Disposition of ../../x is ignored); a
# partial that is already complete is verified without a request; a disk that fills up
# mid-download is exit 6 naming the file, with the partial kept for a rerun that resumes.
. "$BS_E2E_LIB"
. "$(dirname "$BS_E2E_LIB")/fetch_lib.sh"
start_server
make_file d.bin 2000000
mkdir -p "$CACHE/sub"
CACHE="$CACHE/sub" fetch "$BASE/disposition/d.bin"
expect_rc 0
[ ! -e "$T/escaped.bin" ] && [ ! -e "$T/cache/escaped.bin" ] && [ ! -e "$CACHE/escaped.bin" ] || fail "Content-Disposition was obeyed"

rm -rf "$CACHE" "$LOG"
mkdir -p "$CACHE"
cp "$FILES/d.bin" "$CACHE/$SHA.part"
fetch "$BASE/ok/d.bin"
expect_rc 0
expect_cached
expect_log "len(r)" 0

if [ "$(id -u)" != 0 ]; then echo "disk-full part skipped: needs root to mount a tmpfs"; exit 0; fi
mkdir -p "$T/small"
mount -t tmpfs -o size=1m tmpfs "$T/small" 2>/dev/null || { echo "disk-full part skipped"; exit 0; }
UNMOUNT="$T/small"
rm -f "$LOG"
CACHE="$T/small/cache" fetch "$BASE/ok/d.bin"
expect_rc 6
expect_err "cannot write $T/small/cache/$SHA.part"
have=$(stat -c %s "$T/small/cache/$SHA.part")
[ "$have" -gt 0 ] || fail "no partial kept after the disk filled"
# room again (a bigger tmpfs over the same path would lose the partial): move it, resume
mkdir -p "$T/big" && cp "$T/small/cache/$SHA.part" "$T/big/"
CACHE="$T/big" fetch "$BASE/ok/d.bin"
expect_rc 0
expect_log "r[-1]['range']" "bytes=$have-"
