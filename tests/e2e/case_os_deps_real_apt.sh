# The package names chosen for this machine, proven against the real apt: a sysroot with
# this machine's os-release but without OpenCV's libraries, the real apt-cache on PATH to
# pick the names, then `apt-get -s install NAMES` (a simulation: nothing is installed) must
# succeed. A renamed package fails here, in CI, not on a user's machine.
. "$BS_E2E_LIB"
command -v apt-get >/dev/null && [ -f /etc/debian_version ] || { echo "not Debian-like: skipped"; exit 77; }
policy="$(LANG=C apt-cache policy libgl1 2>/dev/null || true)"
case "$policy" in *"Candidate: "[0-9]*) ;; *) echo "no apt package lists (run apt-get update): skipped"; exit 77 ;; esac
sysroot_linux debian-12 16384
cp /etc/os-release "$SYS/etc/os-release"
rm -f "$SYS/usr/lib/x86_64-linux-gnu/libGL.so.1" "$SYS/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0"
set +e
env -i HOME="$HOMEDIR" PATH=/usr/sbin:/usr/bin:/sbin:/bin INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" \
    "$BS_BIN" os-deps --print >"$OUT" 2>"$ERR"
echo $? >"$RC_FILE"
set -e
expect_rc 0
read -r -a words <"$OUT"
[ "${words[0]}" = sudo ] && words=("${words[@]:1}")
[ "${words[0]} ${words[1]} ${words[2]}" = "apt-get install -y" ] || fail "not an apt-get line: $(cat "$OUT")"
echo "chosen for $(. /etc/os-release; echo "$PRETTY_NAME"): ${words[*]:3}"
LANG=C apt-get -s install "${words[@]:3}" >"$T/sim" 2>&1 || { cat "$T/sim"; fail "apt-get -s install ${words[*]:3} failed"; }
