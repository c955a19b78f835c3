# The user's pip settings (PIP_INDEX_URL, a pip.conf in HOME, PYTHONPATH) never change
# what we install; a root with spaces and non-ASCII works; --offline installs from a
# wheel folder with no server at all.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
mkdir -p "$HOMEDIR/.config/pip" "$HOMEDIR/.pip"
printf '[global]\nindex-url = https://127.0.0.1:9/broken\nno-index = true\n' >"$HOMEDIR/.config/pip/pip.conf"
cp "$HOMEDIR/.config/pip/pip.conf" "$HOMEDIR/.pip/pip.conf"
ROOT="$HOMEDIR/Mes Images ü/invoke ai"
EXTRA_ENV="PIP_INDEX_URL=https://127.0.0.1:9/broken PIP_NO_INDEX=1 PYTHONPATH=/nonexistent PIP_REQUIRE_VIRTUALENV=0 REQUESTS_CA_BUNDLE=/nonexistent CURL_CA_BUNDLE=/nonexistent" \
    run_install --version 6.9.0
expect_rc 0
expect_installed torch 2.7.1+cpu
out=$(env -i PATH=/usr/bin:/bin "$ROOT/invoke.sh")
[ "$out" = "InvokeAI stand-in 6.9.0 root=$ROOT args=" ] || fail "invoke.sh printed '$out'"

mirror_stop
ROOT="$HOMEDIR/offline"
INDEX_ARGS="--offline --find-links $IDX/files"
machine nvidia "NVIDIA GeForce RTX 4090" 8.9 570.86.10
run_install --version 6.14.0
expect_rc 0
expect_installed torch 2.7.1+cu128
expect_installed torchvision 0.22.1+cu128
expect_installed invokeai 6.14.0
