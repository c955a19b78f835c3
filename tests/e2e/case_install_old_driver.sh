# Drivers too old for cu12x: 470 falls back to the cu118 build (which publishes the pinned
# torch); 440 runs no CUDA build at all: CPU torch, said loudly, with the driver needed.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine nvidia "NVIDIA GeForce RTX 3090" 8.6 470.256.02
run_install --version 6.9.0
expect_rc 0
expect_out "driver is too old for the newer CUDA builds"
expect_installed torch 2.7.1+cu118
expect_receipt "r['backend']" cu118

ROOT="$HOMEDIR/second"
printf '0, NVIDIA GeForce RTX 3090, 24564, 440.100, 8.6, 00000000:01:00.0\n' >"$NV/query"
run_install --version 6.9.0
expect_rc 0
expect_out "driver 440.100 is too old for every CUDA build of this InvokeAI; 450.80.02 or newer is needed"
expect_err "a GPU is present but this torch build will not use it"
expect_installed torch 2.7.1+cpu
