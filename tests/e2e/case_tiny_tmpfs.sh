# TMPDIR on a 64 MiB tmpfs, then the install root on it too: the tmpfs check warns (with
# how this installer avoids the problem) and the disk check fails with the numbers.
# Mounting needs root (CI runs as root); elsewhere the case is skipped (77).
. "$BS_E2E_LIB"
if [ "$(id -u)" != 0 ]; then echo "skipped: needs root to mount a tmpfs"; exit 77; fi
mkdir -p "$T/small"
mount -t tmpfs -o size=64m tmpfs "$T/small" 2>/dev/null || { echo "skipped: mount not permitted"; exit 77; }
UNMOUNT="$T/small"
mkdir -p "$T/small/tmp"
sysroot_linux ubuntu-22.04 65536
printf '0, NVIDIA GeForce RTX 4090, 24564, 580.126.09, 8.9, 00000000:01:00.0\n' >"$NV/query"
cp "$RO/nvidia-smi/rtx4090-x2-linux-580.126.09.txt" "$NV/table"
fake_nvidia_smi
E2E_TMPDIR="$T/small/tmp"
run_doctor
expect_rc 0
expect_eq "d['facts']['tmp_is_tmpfs']" True
expect_check tmpfs warn "inside the install root"
expect_check tmpfs warn "2.5 GiB"
expect_check disk pass

ROOT="$T/small/root"
run_doctor
expect_rc 3
expect_check disk fail "needs 6.5 GiB"
expect_check disk fail "$T/small"
[ ! -e "$ROOT" ] || fail "doctor created $ROOT"
[ -z "$(ls -A "$T/small/tmp")" ] || fail "doctor wrote into TMPDIR"
