# install runs the os-deps step: on a Debian 12 machine without OpenCV's libraries the plan
# names the packages and `install --yes` (as root) runs apt-get for them before Python;
# with --no-os-deps nothing runs and the plan says what to run by hand.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
REC="$T/record"
LIBDIR="$SYS/usr/lib/x86_64-linux-gnu"
libs_gone() { rm -f "$LIBDIR/libGL.so.1" "$LIBDIR/libglib-2.0.so.0" "$SYS/etc/ld.so.cache"; : >"$REC"; }
cat >"$BIN/apt-get" <<SCRIPT
#!/bin/sh
echo "apt-get \$*" >>"$REC"
: >"$LIBDIR/libGL.so.1"; : >"$LIBDIR/libglib-2.0.so.0"
SCRIPT
chmod +x "$BIN/apt-get"
[ "$(id -u)" = 0 ] || { echo "the install runs apt-get directly only as root: skipped"; exit 77; }

libs_gone
run_install --no-os-deps --version 6.9.0
expect_rc 0
[ ! -s "$REC" ] || fail "--no-os-deps ran: $(cat "$REC")"
expect_out "not installed (--no-os-deps); run apt-get install -y libgl1 libglx-mesa0 libglib2.0-0"
# The plan's steps are what runs: no OS step with --no-os-deps, no Python step with a usable
# system Python.
expect_out "  steps      venv packages verify launchers receipt"

libs_gone
ROOT="$HOMEDIR/second"
run_install --version 6.9.0
expect_rc 0
expect_out "OS         libGL.so.1 and libglib-2.0.so.0 missing: apt-get install -y libgl1"
expect_out "  steps      os-deps venv packages verify launchers receipt"
grep -qx "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0" "$REC" || fail "apt-get not run: $(cat "$REC")"
expect_installed invokeai 6.9.0

# The plan as JSON names the same steps; a managed Python adds its own.
libs_gone
ROOT="$HOMEDIR/third"
run_install --version 6.9.0 --dry-run --json --python managed
expect_rc 0
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["steps"]==["os-deps","python","venv","packages","verify","launchers","receipt"], d["steps"]' "$OUT" ||
    fail "the JSON plan's steps"
[ ! -s "$REC" ] || fail "--dry-run ran apt-get"
