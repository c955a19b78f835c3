# GTX 1080 Ti (compute capability 6.1) on driver 570: cu128 builds no longer carry sm_61,
# so the cu126 build, with the xformers extra (below 8.0); full precision in invokeai.yaml.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine nvidia "NVIDIA GeForce GTX 1080 Ti" 6.1 570.86.10
run_install --version 6.9.0
expect_rc 0
expect_out "the newer CUDA builds do not carry this GPU generation"
expect_installed torch 2.7.1+cu126
expect_installed torchvision 0.22.1+cu126
expect_installed xformers 0.0.31
expect_installed invokeai 6.9.0
expect_receipt "r['extras']" xformers
grep -qx "precision: float32" "$ROOT/invokeai.yaml" || fail "no precision: float32 in invokeai.yaml"
grep -q "schema_version" "$ROOT/invokeai.yaml" || fail "invokeai.yaml lacks the app's header"
