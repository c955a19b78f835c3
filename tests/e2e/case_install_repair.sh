# repair: torch swapped for the CPU build behind our back (what `pip install -U` used to do)
# is put back to the planned CUDA build; a changed file in torch/lib is reinstalled; a
# healthy install needs nothing; --backend switches the build; --full and a broken venv
# re-create the venv.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine nvidia "NVIDIA GeForce RTX 4090" 8.9 570.86.10
run_install --version 6.9.0
expect_rc 0
env -i PATH=/usr/bin:/bin "$(venv_py)" -I -m pip install -q --disable-pip-version-check --cert "$CERTS/ca.crt" \
    --index-url "$BASE/whl/cpu" --force-reinstall --no-deps torch==2.7.1+cpu >/dev/null
expect_installed torch 2.7.1+cpu
run_bs repair
expect_rc 0
expect_err "torch 2.7.1+cpu is installed, the plan is 2.7.1+cu128"
expect_installed torch 2.7.1+cu128
expect_installed invokeai 6.9.0
lib=$(ls "$ROOT"/.venv/lib/python3.11/site-packages/torch/lib/libtorch_stub.so)
echo tampered >>"$lib"
run_bs repair
expect_rc 0
expect_err "differ from what pip installed"
grep -q tampered "$lib" && fail "repair left the changed file"
run_bs repair
expect_rc 0
expect_out "Nothing to repair"
run_bs repair --backend cpu
expect_rc 0
expect_installed torch 2.7.1+cpu
expect_receipt "r['backend']" cpu
run_bs repair --full
expect_rc 0
expect_installed torch 2.7.1+cpu
expect_err "re-creating"
# A venv whose interpreter is gone is re-created by a plain rerun of install, keeping the
# build an earlier --backend chose.
rm "$ROOT/.venv/bin/python"
run_install
expect_rc 0
expect_err "re-creating"
expect_installed torch 2.7.1+cpu
expect_installed invokeai 6.9.0
# The --backend cpu chosen above stood through that rerun; --backend auto detects again.
run_install --backend auto
expect_rc 0
expect_installed torch 2.7.1+cu128
expect_receipt "r['backend_forced']" False
