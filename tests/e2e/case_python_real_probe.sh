# The real probe script on real interpreters: a relocated copy of this machine's Python 3.11
# is found, runs, and reports its version, architecture and venv support; the same copy
# without ensurepip (what Debian's python3.11 is without python3.11-venv) is not usable.
. "$BS_E2E_LIB"
bash "$BS_FIXTURES/make_python_fixture.sh" "$T/py.tgz" >"$T/ver" || {
    [ $? = 77 ] && { echo "skipped: no Python 3.11 with venv here"; exit 77; }
    fail "cannot make the Python fixture"
}
sysroot_linux debian-12 32768
mkdir -p "$T/py" && tar xzf "$T/py.tgz" -C "$T/py"
ln -s "$T/py/python/bin/python3.11" "$BIN/python3.11"
run_doctor
expect_rc 0
expect_eq "d['facts']['pythons'][0]['version']" "$(cat "$T/ver")"
expect_eq "d['facts']['pythons'][0]['arch']" "$(uname -m)"
expect_eq "d['facts']['pythons'][0]['venv']" True
expect_eq "d['facts']['pythons'][0]['usable']" True
expect_eq "d['recommended']['python']" "$T/py/python/bin/python3.11"
[ -z "$(find "$T/py" -name '*.pyc' | head -1)" ] || fail "the probe wrote bytecode (.pyc)"

rm -rf "$T/py/python/lib/python3.11/ensurepip"
run_doctor
expect_eq "d['facts']['pythons'][0]['venv']" False
expect_eq "d['facts']['pythons'][0]['usable']" False
expect_eq "'python3.11-venv' in d['facts']['pythons'][0]['note']" True
expect_check python pass "Python 3.11 will be installed inside the root"
