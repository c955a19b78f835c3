# An RX 6800 next to a Raphael iGPU, ROCm installed: the discrete card is the compute GPU
# (the old installer chose ROCm for iGPUs: InvokeAI issue 2030), rocm-smi and sysfs agree
# on two cards, not four.
. "$BS_E2E_LIB"
sysroot_linux ubuntu-24.04 32768
drm_card 0 0x1002 0x73bf 17163091968
drm_card 1 0x1002 0x164e 67108864
mkdir -p "$SYS/sys/module/amdgpu"
fake_tool rocm-smi "$RO/rocm-smi/rx6800-plus-raphael-igpu-csv.csv"
printf 'gfx000\ngfx1030\ngfx1036\n' >"$T/agents.txt"
fake_tool rocm_agent_enumerator "$T/agents.txt"
run_doctor
expect_rc 0
expect_eq "len(d['facts']['gpus'])" 2
expect_eq "[g['integrated'] for g in d['facts']['gpus']]" "[False, True]"
expect_eq "[g['compute'] for g in d['facts']['gpus']]" "[True, False]"
expect_eq "d['facts']['gpus'][0]['gfx_arch']" gfx1030
expect_eq "d['facts']['gpus'][0]['vram_mib']" 16368
expect_eq "d['recommended']['backend']" rocm7.1
expect_check driver pass "amdgpu"
expect_check vram pass "SDXL"
expect_nothing_written
