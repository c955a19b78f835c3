# An NVIDIA card whose driver is not loaded: nvidia-smi complains, sysfs still sees the
# card, the driver check fails with where to get a driver. Then the same card with a
# kernel module but no nvidia-smi: the module version is reported.
. "$BS_E2E_LIB"
sysroot_linux ubuntu-24.04 32768
drm_card 0 0x10de 0x2684
cp "$RO/nvidia-smi-failures/couldnt-communicate-ubuntu18.04-after-upgrade.txt" "$NV/query"
echo 9 >"$NV/query.rc"
cp "$NV/query" "$NV/table"
echo 9 >"$NV/table.rc"
fake_nvidia_smi
run_doctor
expect_rc 3
expect_eq "d['facts']['gpus'][0]['name']" "NVIDIA GPU (PCI device 0x2684)"
expect_eq "d['facts']['nvidia']['smi_ok']" False
expect_check driver fail "nvidia.com"
expect_eq "d['recommended']['backend']" cu128
expect_eq "d['facts']['wsl']" False
# The same under WSL2 (its kernel names itself): the driver to fix is the Windows one.
mkdir -p "$SYS/proc/sys/kernel"
echo "5.15.153.1-microsoft-standard-WSL2" >"$SYS/proc/sys/kernel/osrelease"
run_doctor
expect_eq "d['facts']['wsl']" True
expect_check driver fail "install or update it on Windows"
rm "$SYS/proc/sys/kernel/osrelease"

rm "$BIN/nvidia-smi"
mkdir -p "$SYS/proc/driver/nvidia"
cp "$RO/proc-nvidia-version/open-565.57.01-ubuntu24.04.txt" "$SYS/proc/driver/nvidia/version"
run_doctor
expect_rc 3
expect_eq "d['facts']['nvidia']['kernel_module']" 565.57.01
expect_eq "d['facts']['gpus'][0]['driver']" 565.57.01
expect_check driver fail "nvidia-smi is missing"
expect_nothing_written
