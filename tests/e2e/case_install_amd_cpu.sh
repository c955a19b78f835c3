# AMD on Linux gets the ROCm build; a machine without a GPU gets the CPU build; --dry-run
# prints the plan and changes nothing; no terminal and no --yes exits 2 at once.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine amd
run_bs install --dry-run --version 6.9.0
expect_rc 0
expect_out "2.7.1+rocm6.3 (rocm6.3)"
[ ! -e "$ROOT" ] || fail "--dry-run created the root"
run_install --version 6.9.0
expect_rc 0
expect_installed torch 2.7.1+rocm6.3
expect_installed torchvision 0.22.1+rocm6.3

rm -rf "$SYS/sys/class/drm/card0" "$SYS/sys/class/drm/card0-DP-1"
ROOT="$HOMEDIR/cpu"
start=$(date +%s)
run_bs install --version 6.9.0
expect_rc 2
expect_err "pass --yes"
[ $(($(date +%s) - start)) -lt 10 ] || fail "no-TTY install did not exit at once"
[ ! -e "$ROOT" ] || fail "a refused install created the root"
run_install --version 6.9.0
expect_rc 0
expect_out "no usable GPU found: CPU build"
expect_installed torch 2.7.1+cpu
# An impossible backend for this machine is a usage error.
run_install --backend mps
expect_rc 2
expect_err "Apple Silicon"
