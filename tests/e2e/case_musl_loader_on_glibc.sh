# Debian with musl-tools installed: both loaders exist, and the shell's ELF interpreter says
# which libc the system runs on (glibc), so the os check passes. With no shell to read, the
# glibc loader still wins over the musl one.
. "$BS_E2E_LIB"
sysroot_linux debian-12 16384
mkdir -p "$SYS/lib" "$SYS/bin"
: >"$SYS/lib/ld-musl-x86_64.so.1"
cp -L /bin/sh "$SYS/bin/sh"
run_doctor
expect_eq "d['facts']['libc']" glibc
expect_check os pass
rm "$SYS/bin/sh"
run_doctor
expect_eq "d['facts']['libc']" glibc
# Alpine with gcompat: a glibc loader shim beside musl, but the shell asks for musl.
sysroot_linux alpine-3.23.2 16384
: >"$SYS/lib/ld-musl-x86_64.so.1"
python3 - "$SYS/bin/sh" <<'PY'
import struct, sys
# A 64-bit ELF whose only program header is PT_INTERP naming musl's loader.
interp = b"/lib/ld-musl-x86_64.so.1\0"
eh = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0, 64, 0, 0, 64, 56, 1, 0, 0, 0)
ph = struct.pack("<IIQQQQQQ", 3, 4, 120, 0, 0, len(interp), len(interp), 1)
open(sys.argv[1], "wb").write(eh + ph + interp)
PY
run_doctor
expect_rc 3
expect_eq "d['facts']['libc']" musl
expect_check os fail musl
expect_nothing_written
