# A current NVIDIA box (RTX 4090, driver 570): cu128 torch, verified; PyPI's plain torch on
# the package index (the CPU-swap trap) never replaces it; launchers work; a rerun is a
# quick no-op that needs no network.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine nvidia "NVIDIA GeForce RTX 4090" 8.9 570.86.10
EXTRA_ENV="FAKE_TORCH_GPU=1 FAKE_TORCH_GPU_NAME=RTX4090" run_install --version 6.9.0
expect_rc 0
expect_out "2.7.1+cu128 (cu128)"
expect_err "Verified: torch 2.7.1+cu128, CUDA 12.8 on RTX4090, InvokeAI 6.9.0"
expect_installed torch 2.7.1+cu128
expect_installed torchvision 0.22.1+cu128
expect_installed invokeai 6.9.0
expect_installed xformers none
expect_receipt "r['invokeai']" 6.9.0
expect_receipt "r['backend']" cu128
expect_receipt "r['torch']['torch']" 2.7.1+cu128
expect_receipt "r['torch_index_url']" "$BASE/whl/cu128"
expect_receipt "r['python']['managed']" False
expect_receipt "sorted(a['name'] for a in r['artifacts'])" "['filelock', 'invokeai', 'torch', 'torchvision']"
expect_receipt "all(len(a['sha256']) == 64 for a in r['artifacts'])" True
expect_receipt "[a['url'].split('/')[-2] for a in r['artifacts'] if a['name'] == 'torch'] == ['files'] and 'cu128' in [a['version'] for a in r['artifacts'] if a['name'] == 'torch'][0]" True
# The venv's prompt, and launchers that run the venv's invokeai-web with the root set.
grep -Eq "^prompt = .?invoke.?$" "$ROOT/.venv/pyvenv.cfg" || fail "venv prompt is not 'invoke'"
[ -x "$ROOT/invoke.sh" ] || fail "invoke.sh is not executable"
grep -q 'INVOKEAI_ROOT=' "$ROOT/invoke.bat" || fail "invoke.bat lacks INVOKEAI_ROOT"
out=$(env -i PATH=/usr/bin:/bin "$ROOT/invoke.sh" --port 9999)
[ "$out" = "InvokeAI stand-in 6.9.0 root=$ROOT args=--port 9999" ] || fail "invoke.sh printed '$out'"
[ ! -e "$ROOT/invokeai.yaml" ] || fail "invokeai.yaml written for a card that needs nothing"
# Rerun: nothing to do, and no request reaches the index.
mirror_stop
before=$(wc -l <"$LOG")
run_install
expect_rc 0
expect_out "already installed"
[ "$(wc -l <"$LOG")" = "$before" ] || fail "the no-op rerun used the network"
