# The backend is decided once, and the disk check is sized for the build the plan chose:
# on an NVIDIA machine whose root has 5 GiB free, the automatic plan (a CUDA build, 6.5
# GiB) is refused before anything is downloaded (exit 3, with the numbers), while
# `--backend cpu` (3.5 GiB) installs. The plan and doctor --backend cpu agree.
# Mounting a tmpfs needs root (CI runs as root); elsewhere the case is skipped (77).
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
if [ "$(id -u)" != 0 ]; then echo "skipped: needs root to mount a tmpfs"; exit 77; fi
mkdir -p "$T/disk"
mount -t tmpfs -o size=5g tmpfs "$T/disk" 2>/dev/null || { echo "skipped: mount not permitted"; exit 77; }
UNMOUNT="$T/disk"
trap 'mirror_stop; cleanup' EXIT
machine nvidia "NVIDIA GeForce RTX 4090" 8.9 580.126.09
ROOT="$T/disk/invokeai"

run_install --version 6.9.0
expect_rc 3
expect_err "a cuda install needs 6.5 GiB"
expect_err "$T/disk"
[ ! -e "$ROOT/.venv" ] || fail "the refused install made a venv"
[ -z "$(ls "$ROOT/.cache/downloads" 2>/dev/null)" ] || fail "the refused install downloaded: $(ls "$ROOT/.cache/downloads")"

run_install --version 6.9.0 --dry-run --json
expect_rc 0
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["backend"].startswith("cu") and d["disk"]=="fail", d' "$OUT" ||
    fail "the CUDA plan does not say the disk check fails"

run_install --version 6.9.0 --backend cpu
expect_rc 0
expect_out "disk       warn: "
expect_out "enough for the cpu install (3.5 GiB)"
expect_installed torch 2.7.1+cpu

run_doctor --backend cpu
expect_rc 0
expect_check disk warn "enough for the cpu install"
echo "case_install_backend_disk: ok"
