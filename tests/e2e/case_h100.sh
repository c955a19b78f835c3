# A data-centre H100 (80 GB, compute capability 9.0), as the device machine reports it.
. "$BS_E2E_LIB"
sysroot_linux ubuntu-22.04 131072
printf '0, NVIDIA H100 80GB HBM3, 81559, 590.48.01, 9.0, 00000000:00:09.0\n' >"$NV/query"
cp "$RO/nvidia-smi/h100-80gb-linux-ubuntu22.04-590.48.01.txt" "$NV/table"
fake_nvidia_smi
run_doctor
expect_rc 0
expect_eq "d['facts']['gpus'][0]['vram_mib']" 81559
expect_eq "d['facts']['gpus'][0]['compute_capability']" 9.0
expect_eq "d['facts']['nvidia']['driver']" 590.48.01
expect_eq "d['facts']['nvidia']['cuda']" 13.1
expect_eq "d['recommended']['backend']" cu128
expect_check gpu pass "NVIDIA H100 80GB HBM3, 79.6 GiB, compute 9.0"
expect_check python pass "will be installed inside the root"
expect_nothing_written
