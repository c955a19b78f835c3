# No GPU at all: CPU build from PyTorch's CPU index, warnings but no failure.
. "$BS_E2E_LIB"
sysroot_linux fedora-42 16384
run_doctor
expect_rc 0
expect_check gpu warn "CPU"
expect_check vram warn
expect_check driver pass "no GPU driver needed"
expect_eq "d['facts']['gpus']" "[]"
expect_eq "d['facts']['nvidia']['smi_found']" False
expect_eq "d['recommended']['backend']" cpu
expect_eq "d['recommended']['index']" cpu
expect_eq "d['recommended']['python']" "managed 3.11"
expect_nothing_written
