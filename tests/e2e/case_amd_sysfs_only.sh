# An AMD card with no ROCm tools and the amdgpu module not loaded: found through sysfs,
# the driver check fails with what to do.
. "$BS_E2E_LIB"
sysroot_linux arch 32768
drm_card 0 0x1002 0x744c 21458059264
run_doctor
expect_rc 3
expect_eq "d['facts']['gpus'][0]['vendor']" amd
expect_eq "d['facts']['gpus'][0]['vram_mib']" 20464
expect_check driver fail "amdgpu"
expect_eq "d['recommended']['backend']" rocm7.1
expect_nothing_written
