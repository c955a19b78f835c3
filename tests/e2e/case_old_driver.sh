# Two GTX 1080 Ti on driver 440: nvidia-smi rejects compute_cap (asked again without it),
# the compute capability comes from the name, and no CUDA build runs on 440: CPU, with the
# driver version that would work.
. "$BS_E2E_LIB"
sysroot_linux ubuntu-20.04 32768
cp "$RO/nvidia-smi-failures/invalid-field-compute_cap-470-userspace.txt" "$NV/query"
echo 2 >"$NV/query.rc"
printf '0, GeForce GTX 1080 Ti, 11178, 440.100, 00000000:01:00.0\n1, GeForce GTX 1080 Ti, 11178, 440.100, 00000000:02:00.0\n' >"$NV/query_old"
cp "$RO/nvidia-smi/gtx1080ti-x2-linux-440.100.txt" "$NV/table"
fake_nvidia_smi
run_doctor
expect_rc 3
expect_eq "d['facts']['gpus'][0]['compute_capability']" 6.1
expect_eq "d['facts']['nvidia']['cuda']" 10.2
expect_check driver fail "450.80.02"
expect_check backend warn "too old"
expect_check gpu-problematic warn "Pascal"
expect_eq "d['recommended']['backend']" cpu
expect_nothing_written
