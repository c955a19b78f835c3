# The archive rows of the fault catalogue, each for tar (gzip) and zip: every hostile entry
# is refused with a reason and nothing is written outside the staging directory; honest
# archives (relative links inside, hard links inside) extract; special modes are masked.
. "$BS_E2E_LIB"
: "${BS_UNPACK:?}" "${BS_MKARCHIVE:?}"
EVIL="$T/evil"

# row FORMAT ok|refused WORDS SPEC...: build the archive, extract, check.
row() {
    local fmt=$1 want=$2 words=$3
    shift 3
    rm -rf "$T/w" "$EVIL"
    mkdir -p "$T/w/staging"
    "$BS_MKARCHIVE" "$fmt" "$T/w/a.$fmt" "$@" || fail "mkarchive failed for $*"
    set +e
    "$BS_UNPACK" "$([ "$fmt" = zip ] && echo zip || echo tar)" "$T/w/a.$fmt" "$T/w/staging" \
        ${CAP_BYTES:-} ${CAP_ENTRIES:-} >"$OUT" 2>"$ERR"
    local rc=$?
    set -e
    if [ "$want" = ok ]; then
        [ $rc = 0 ] || fail "$fmt $*: refused: $(cat "$ERR")"
    else
        [ $rc = 5 ] || fail "$fmt $*: exit $rc, expected 5 (refused)"
        grep -qF -- "$words" "$ERR" || fail "$fmt $*: '$words' not in: $(cat "$ERR")"
    fi
    [ ! -e "$EVIL" ] || fail "$fmt $*: wrote outside ($EVIL exists)"
    [ ! -e "$T/w/x" ] && [ ! -e "$T/x" ] || fail "$fmt $*: wrote outside the staging directory"
}

for fmt in tgz zip; do
    row $fmt refused "'..' in path" "f:../x=1"
    row $fmt refused "'..' in path" "f:a/../../x=1"
    row $fmt refused "backslash" 'f:..\x=1'
    row $fmt refused "absolute path" "f:$EVIL/x=1"
    row $fmt refused "not allowed on Windows" 'f:C:\x=1'
    row $fmt refused "backslash" 'f:\\server\share\x=1'
    row $fmt refused "the same path twice" "f:a=1" "f:a=2"
    row $fmt refused "the same path twice" "f:Foo=1" "f:foo=2"
    row $fmt refused "Windows-reserved" "f:CON=1"
    row $fmt refused "Windows-reserved" "f:dir/nul.txt=1"
    row $fmt refused "trailing dot or space" "f:a.=1"
    row $fmt refused "trailing dot or space" "f:b =1"
    row $fmt refused "not allowed on Windows" "f:a:b=1"
    row $fmt refused "control character" "$(printf 'f:a\001b=1')"
    row $fmt ok "" "d:python/" "f:python/README=hello" "f:python/lib/x.py=print(1)"
    [ "$(cat "$T/w/staging/python/lib/x.py")" = "print(1)" ] || fail "$fmt: content not extracted"
done

# tar only: links, hard links, devices, modes, bombs.
row tgz refused "symbolic link pointing outside" "l:lnk=../../etc" "f:lnk/passwd=x"
row tgz refused "symbolic link pointing outside" "l:lnk=$EVIL"
row tgz ok "" "d:bin/" "x:bin/python3.11=#!py" "l:bin/python3=python3.11" "l:bin/up=../bin/python3.11"
[ "$(readlink "$T/w/staging/bin/python3")" = python3.11 ] || fail "relative link not kept"
row tgz refused "hard link target outside" "h:hl=../../etc/passwd"
# Readers disagree on a ustar hard link with data (GNU tar and libarchive skip it as
# damaged; a pax reader may deliver it): either way it is refused.
row rawtar refused "" "f:f1=a" "hd:hl=f1"
grep -qE "hard link carrying data|damaged" "$ERR" || fail "hard link with data: $(cat "$ERR")"
row tgz ok "" "f:f1=abc" "h:h1=f1"
[ "$(cat "$T/w/staging/h1")" = abc ] || fail "hard link inside not extracted"
row tgz refused "device, FIFO or socket" "p:fifo"
row tgz refused "device, FIFO or socket" "c:tty"
row tgz ok "" "m:4777:setuid=data" "m:0666:shared=data" "m:1777:sticky=d"
for f in setuid shared sticky; do
    mode=$(stat -c %a "$T/w/staging/$f")
    case "$mode" in 755 | 644) ;; *) fail "mode $mode of $f not masked" ;; esac
done
CAP_BYTES=10485760 row tgz refused "size cap" "z:bomb=67108864"
[ "$(stat -c %s "$T/w/a.tgz")" -lt 200000 ] || fail "the bomb is not a bomb"
row rawtar refused "size cap" "claim:huge=1099511627776"
[ "$(stat -c %s "$T/w/a.rawtar")" -lt 4096 ] || fail "the 1 TiB claim wrote data"
CAP_BYTES=1073741824 CAP_ENTRIES=2 row tgz refused "more entries than the cap" "f:a=1" "f:b=1" "f:c=1"

# zip only: a symlink entry, and a central directory that disagrees with the data.
row zip refused "symbolic link, device or FIFO" "l:lnk=/etc"
row zip refused "" "lie:f=hello"
grep -qE "declares|CRC|disagrees" "$ERR" || fail "lying zip refused for the wrong reason: $(cat "$ERR")"

# A truncated archive is an error, not a partial success.
"$BS_MKARCHIVE" tgz "$T/good.tgz" "z:a=300000" "z:b=300000"
head -c 200 "$T/good.tgz" >"$T/cut.tgz"
rm -rf "$T/w" && mkdir -p "$T/w/staging"
set +e
"$BS_UNPACK" tar "$T/cut.tgz" "$T/w/staging" >"$OUT" 2>"$ERR"
rc=$?
set -e
[ $rc = 5 ] || fail "truncated archive: exit $rc"
grep -q "damaged" "$ERR" || fail "truncated archive: $(cat "$ERR")"
