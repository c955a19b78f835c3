# A GTX 1660 with 6 GB on Proxmox (driver 550, no CUDA userspace): problematic card,
# SD1.5 only, CUDA 12.8 through minor-version compatibility.
. "$BS_E2E_LIB"
sysroot_linux debian-12 32768
printf '0, NVIDIA GeForce GTX 1660, 6144, 550.54.10, 7.5, 00000000:03:00.0\n' >"$NV/query"
cp "$RO/nvidia-smi/gtx1660-linux-proxmox-550.54.10-cuda-na.txt" "$NV/table"
fake_nvidia_smi
run_doctor
expect_rc 0
expect_check gpu-problematic warn "precision: float32"
expect_check vram warn "SD1.5 fits, SDXL needs 8.0 GiB"
expect_check driver warn "570.26"
expect_eq "d['recommended']['backend']" cu128
expect_eq "d['recommended']['xformers']" True
expect_eq "d['facts']['nvidia']['cuda']" None
expect_nothing_written
