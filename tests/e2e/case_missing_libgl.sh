# OpenCV's libGL.so.1 missing on Debian 13 and Ubuntu 24.04: fail with the package names
# of that release (libgl1 + libglx-mesa0, libglib2.0-0t64), not the retired libgl1-mesa-glx.
. "$BS_E2E_LIB"
sysroot_linux debian-13 32768
rm "$SYS/usr/lib/x86_64-linux-gnu/libGL.so.1"
run_doctor
expect_rc 3
expect_check opencv-libs fail "sudo apt-get install -y libgl1 libglx-mesa0"
expect_eq "d['facts']['opencv_libs']['libGL.so.1']" False
expect_eq "d['facts']['opencv_libs']['libglib-2.0.so.0']" True
rm "$SYS/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0"
cp "$RO/os-release/ubuntu-24.04" "$SYS/etc/os-release"
run_doctor
expect_rc 3
expect_check opencv-libs fail "libgl1 libglx-mesa0 libglib2.0-0t64"
expect_nothing_written
