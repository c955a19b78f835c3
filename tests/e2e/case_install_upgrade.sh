# Upgrade in place: 6.9.0 -> latest (6.14.0; the 7.0.0rc1 pre-release only with --pre);
# models/ and the user's invokeai.yaml keys survive; a downgrade works the same way; a
# release whose Requires-Python excludes our Python, or one not on the index, is refused
# and the install stays as it was.
. "$BS_E2E_LIB"
. "$BS_INSTALL_LIB"
machine none
run_install --version 6.9.0
expect_rc 0
mkdir -p "$ROOT/models" "$ROOT/outputs"
echo weights >"$ROOT/models/my-model.safetensors"
printf 'schema_version: 4.0.2\nprecision: bfloat16\nram: 12\n' >"$ROOT/invokeai.yaml"
cp "$ROOT/invokeai.yaml" "$T/yaml.before"
run_install --version latest
expect_rc 0
expect_installed invokeai 6.14.0
expect_receipt "r['invokeai']" 6.14.0
[ "$(cat "$ROOT/models/my-model.safetensors")" = weights ] || fail "models/ was touched"
cmp -s "$ROOT/invokeai.yaml" "$T/yaml.before" || fail "invokeai.yaml was changed"
run_install --version latest --pre --dry-run
expect_rc 0
expect_out "InvokeAI   7.0.0rc1"
run_install --version 6.9.0
expect_rc 0
expect_installed invokeai 6.9.0
run_install --version 6.12.0
expect_rc 2
expect_err "InvokeAI 6.12.0 needs Python >=3.12; the chosen Python is 3.11"
expect_installed invokeai 6.9.0
run_install --version 9.9.9
expect_rc 1
expect_err "invokeai 9.9.9 is not on the index"
expect_installed invokeai 6.9.0
[ "$(cat "$ROOT/models/my-model.safetensors")" = weights ] || fail "models/ was touched"
