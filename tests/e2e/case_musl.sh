# Alpine (musl): PyTorch has no wheels, the os check fails first.
. "$BS_E2E_LIB"
sysroot_linux alpine-3.23.2 16384
rm "$SYS/lib64/ld-linux-x86-64.so.2"
mkdir -p "$SYS/lib"
: >"$SYS/lib/ld-musl-x86_64.so.1"
run_doctor
expect_rc 3
expect_check os fail "musl"
expect_eq "d['facts']['libc']" musl
expect_nothing_written
