# A healthy two-GPU RTX 4090 workstation on Ubuntu 22.04 with a current driver.
. "$BS_E2E_LIB"
sysroot_linux ubuntu-22.04 65536
drm_card 0 0x10de 0x2684
drm_card 1 0x10de 0x2684
printf '0, NVIDIA GeForce RTX 4090, 24564, 580.126.09, 8.9, 00000000:01:00.0\n1, NVIDIA GeForce RTX 4090, 24564, 580.126.09, 8.9, 00000000:03:00.0\n' >"$NV/query"
cp "$RO/nvidia-smi/rtx4090-x2-linux-580.126.09.txt" "$NV/table"
fake_nvidia_smi
with_real_python || true
run_doctor
expect_rc 0
expect_eq "len(d['facts']['gpus'])" 2
expect_eq "d['facts']['gpus'][0]['name']" "NVIDIA GeForce RTX 4090"
expect_eq "d['facts']['gpus'][0]['vram_mib']" 24564
expect_eq "d['facts']['gpus'][0]['compute_capability']" 8.9
expect_eq "d['facts']['nvidia']['cuda']" 13.0
expect_eq "d['facts']['ram_mib']" 65536
expect_eq "d['facts']['libc']" glibc
expect_eq "d['facts']['distro']" ubuntu
expect_eq "d['recommended']['backend']" cu128
expect_eq "d['recommended']['xformers']" False
expect_eq "[x['id'] for x in d['checks']]" "['os', 'gpu', 'gpu-problematic', 'vram', 'ram', 'disk', 'tmpfs', 'python', 'driver', 'opencv-libs', 'vcredist', 'long-paths', 'xcode-clt', 'backend']"
expect_eq "sorted(set(x['status'] for x in d['checks']) - {'pass'})" "[]"
expect_check driver pass "580.126.09"
expect_check vram pass "SDXL"
if [ -e "$BIN/python3.11" ]; then
    expect_eq "d['facts']['pythons'][0]['version'][:5]" "3.11."
fi
expect_nothing_written
