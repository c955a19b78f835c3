# Debian's python3.11 without python3.11-venv cannot make a venv: found, named, not used.
# A broken `python` is listed as not running. Neither is a failure: Python 3.11 will be
# installed inside the root.
. "$BS_E2E_LIB"
sysroot_linux debian-12 32768
printf '#!/bin/sh\nprintf "version=3.11.2\\nimpl=cpython\\nvenv=0\\n"\n' >"$BIN/python3.11"
printf '#!/bin/sh\necho "cannot execute binary file" >&2\nexit 126\n' >"$BIN/python"
chmod +x "$BIN/python3.11" "$BIN/python"
run_doctor
expect_rc 0
expect_eq "len(d['facts']['pythons'])" 2
expect_eq "d['facts']['pythons'][0]['usable']" False
expect_eq "'python3.11-venv' in d['facts']['pythons'][0]['note']" True
expect_eq "d['facts']['pythons'][1]['version']" None
expect_check python pass "Python 3.11 will be installed inside the root"
expect_nothing_written
