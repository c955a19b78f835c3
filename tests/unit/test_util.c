/*
 * test_util.c: versions, strings, buffers, the sysroot prefix, exit codes, the embedded
 * tables and the process runner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/assets.h"

#include "decide/backend_request.h"

#include <errno.h>

#include "act/fs_tree.h"
#include "act/tls_trust.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/strutil.h"
#include "core/sysroot.h"
#include "core/version.h"
#include "core/tables.h"
#include "platform/platform.h"

static void test_versions(void **state)
{
    (void)state;
    assert_true(bs_version_cmp("550.54.14", "525.60.13") > 0);
    assert_true(bs_version_cmp("525.60.11", "525.60.13") < 0);
    assert_true(bs_version_cmp("3.11", "3.11.0") == 0);
    assert_true(bs_version_cmp("440.100", "440.64") > 0); /* numeric, not text */
    assert_true(bs_version_cmp("12.0", "9.0") > 0);
    assert_true(bs_version_cmp("6.0.0rc1", "6.0.0") == 0);
    assert_true(bs_version_matches("3.11.9", ">=3.11,<3.13"));
    assert_false(bs_version_matches("3.10.12", ">=3.11,<3.13"));
    assert_false(bs_version_matches("3.13.0", ">=3.11,<3.13"));
    assert_true(bs_version_matches("6.13.5", ">=6.13.5"));
    assert_true(bs_version_matches("5.0.0", ">=5.0.0,<5.10.0"));
    assert_false(bs_version_matches("5.10.0", ">=5.0.0,<5.10.0"));
    assert_true(bs_version_matches("1.0", ""));
    assert_false(bs_version_matches("1.0", "~=1.0"));
    assert_false(bs_version_matches("x", ">=1"));
}

static void test_strings_and_buf(void **state)
{
    (void)state;
    char small[4];
    assert_int_equal(bs_strlcpy(small, "abcdef", sizeof(small)), 6);
    assert_string_equal(small, "abc");
    char t[] = "  \tvalue \r\n";
    assert_string_equal(bs_trim(t), "value");
    char lines[] = "a\r\r\nb\n\nc";
    char *cur = lines;
    assert_string_equal(bs_next_line(&cur), "a");
    assert_string_equal(bs_next_line(&cur), "b");
    assert_string_equal(bs_next_line(&cur), "");
    assert_string_equal(bs_next_line(&cur), "c");
    assert_null(bs_next_line(&cur));
    assert_true(bs_contains_nocase("NVIDIA GeForce GTX 1660", "gtx 1660"));
    assert_int_equal(bs_parse_ll(" 42 "), 42);
    assert_int_equal(bs_parse_ll("42x"), -1);

    bs_buf b;
    bs_buf_init(&b);
    assert_string_equal(bs_buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        bs_buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
    char *s = bs_buf_take(&b);
    assert_null(b.data);
    free(s);
}

static void test_sysroot(void **state)
{
    (void)state;
    char out[256];
    unsetenv("INVOKEAI_BOOTSTRAP_SYSROOT");
    assert_int_equal(bs_sysroot_path("/proc/meminfo", out, sizeof(out)), 0);
    assert_string_equal(out, "/proc/meminfo");
    setenv("INVOKEAI_BOOTSTRAP_SYSROOT", "/tmp/replay/", 1);
    assert_int_equal(bs_sysroot_path("/proc/meminfo", out, sizeof(out)), 0);
    assert_string_equal(out, "/tmp/replay/proc/meminfo");
    assert_int_equal(bs_sysroot_path("/proc/meminfo", out, 8), BS_E_USAGE);
    unsetenv("INVOKEAI_BOOTSTRAP_SYSROOT");
}

static void test_exit_codes(void **state)
{
    (void)state;
    assert_int_equal(bs_exit_code_for(0), 0);
    assert_int_equal(bs_exit_code_for(BS_E_USAGE), 2);
    assert_int_equal(bs_exit_code_for(BS_E_REQUIREMENTS), 3);
    assert_int_equal(bs_exit_code_for(BS_E_NETWORK), 4);
    assert_int_equal(bs_exit_code_for(BS_E_INTEGRITY), 5);
    assert_int_equal(bs_exit_code_for(-ENOSPC), 6);
    assert_int_equal(bs_exit_code_for(-EACCES), 6);
    assert_int_equal(bs_exit_code_for(BS_E_LOCKED), 7);
    assert_int_equal(bs_exit_code_for(BS_E_INTERRUPTED), 130);
    assert_int_equal(bs_exit_code_for(BS_E_NOT_IMPLEMENTED), 1);
    assert_string_equal(bs_code_str(-ENOENT), strerror(ENOENT));
    bs_error err;
    bs_error_init(&err);
    assert_int_equal(bs_error_set(&err, BS_E_USAGE, "bad '%s'", "x"), BS_E_USAGE);
    assert_string_equal(err.message, "bad 'x'");
}

static void test_tables(void **state)
{
    (void)state;
    const bs_tables *t = bs_tables_get();
    assert_non_null(t);
    assert_string_equal(t->cuda[0].backend, "cu130");
    assert_true(t->era_count >= 5);
    assert_string_equal(t->eras[0].nvidia_linux, "cu128");
    assert_int_equal(t->disk_mib[BS_FAMILY_CUDA], 6656);
    assert_int_equal(t->disk_mib[BS_FAMILY_ROCM], 12288);
    assert_int_equal(t->ram_min_mib, 12288);
    assert_string_equal(t->python_search[0], "python3.11");
    assert_int_equal(bs_backend_family("cu128"), BS_FAMILY_CUDA);
    assert_int_equal(bs_backend_family("rocm6.2.4"), BS_FAMILY_ROCM);
    assert_int_equal(bs_backend_family("cpu"), BS_FAMILY_CPU);
    static const struct {
        const char *name, *cc;
    } names[] = {
        {"NVIDIA GeForce RTX 5090", "12.0"},
        {"NVIDIA B200", "10.0"},
        {"NVIDIA H100 80GB HBM3", "9.0"},
        {"NVIDIA GH200 480GB", "9.0"},
        {"NVIDIA GeForce RTX 4090", "8.9"},
        {"NVIDIA L40S", "8.9"},
        {"NVIDIA L4", "8.9"},
        {"NVIDIA A100-SXM4-80GB", "8.0"},
        {"NVIDIA A10", "8.6"},
        {"Quadro RTX 4000", "7.5"},
        {"NVIDIA GeForce GTX 1660", "7.5"},
        {"Tesla T4", "7.5"},
        {"Tesla V100-SXM2-16GB", "7.0"},
        {"GeForce GTX 108...", "6.1"},
        {"TITAN Xp", "6.1"},
        {"Tesla P100-PCIE...", "6.0"},
        {"GeForce GTX 680", "3.0"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        print_message("cc of %s\n", names[i].name);
        assert_string_equal(bs_cc_from_name(t, names[i].name), names[i].cc);
    }
    assert_null(bs_cc_from_name(t, "NVIDIA GeForce ..."));
}

static void test_plat_run(void **state)
{
    (void)state;
    plat_run_result res;
    const char *echo[] = {"/bin/sh", "-c", "printf out; printf err >&2; exit 3", NULL};
    assert_int_equal(plat_run(echo, 5000, 1024, &res), 0);
    assert_int_equal(res.exit_code, 3);
    assert_string_equal(res.out, "out");
    assert_string_equal(res.err, "err");
    plat_run_result_free(&res);

    const char *slow[] = {"/bin/sh", "-c", "sleep 5", NULL};
    uint64_t t0 = plat_now_ms();
    assert_int_equal(plat_run(slow, 200, 1024, &res), 0);
    assert_true(res.timed_out);
    assert_true(plat_now_ms() - t0 < 4000);
    plat_run_result_free(&res);

    const char *big[] = {"/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x", NULL};
    assert_int_equal(plat_run(big, 5000, 1000, &res), 0);
    assert_int_equal(res.out_len, 1000); /* capped, and the child was still drained */
    assert_int_equal(res.exit_code, 0);
    plat_run_result_free(&res);

    const char *missing[] = {"/nonexistent/tool", NULL};
    assert_int_equal(plat_run(missing, 5000, 1000, &res), 0);
    assert_true(res.spawn_failed);
    plat_run_result_free(&res);
}

static void test_plat_run_many(void **state)
{
    (void)state;
    const char *a[] = {"/bin/sh", "-c", "sleep 0.2; echo first", NULL};
    const char *b[] = {"/bin/sh", "-c", "echo second; echo oops >&2; exit 4", NULL};
    const char *c[] = {"/nonexistent/python3.11", "-I", NULL};
    const char *d[] = {"/bin/sh", "-c", "sleep 10", NULL};
    const char *const *argvs[] = {a, b, c, d};
    plat_run_result res[4];
    assert_int_equal(plat_run_many(argvs, 4, 1500, 4096, res), 0);
    /* each answer lands in its own slot, whatever order the children finish in */
    assert_string_equal(res[0].out, "first\n");
    assert_int_equal(res[0].exit_code, 0);
    assert_string_equal(res[1].out, "second\n");
    assert_string_equal(res[1].err, "oops\n");
    assert_int_equal(res[1].exit_code, 4);
    assert_true(res[2].spawn_failed);
    assert_true(res[3].timed_out);
    assert_false(res[0].timed_out);
    for (int i = 0; i < 4; i++)
        plat_run_result_free(&res[i]);
}

/* The CA bundle is found per distribution family, Debian's path first, files only. */
static void test_ca_bundle_search(void **state)
{
    (void)state;
    char base[] = "/tmp/bs-ca-XXXXXX", path[512], found[512];
    assert_non_null(mkdtemp(base));
    assert_int_equal(bs_find_ca_bundle(base, found, sizeof(found)), BS_E_NOT_FOUND);
    /* openSUSE's folder-shaped name is not a bundle; Fedora's file is. */
    snprintf(path, sizeof(path), "%s/etc/ssl/ca-bundle.pem", base);
    assert_int_equal(bs_make_dirs(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/etc/pki/tls/certs", base);
    assert_int_equal(bs_make_dirs(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/etc/pki/tls/certs/ca-bundle.crt", base);
    assert_int_equal(plat_write_file_atomic(path, "x", 1, false), 0);
    assert_int_equal(bs_find_ca_bundle(base, found, sizeof(found)), 0);
    assert_string_equal(found, path);
    snprintf(path, sizeof(path), "%s/etc/ssl/certs", base);
    assert_int_equal(bs_make_dirs(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/etc/ssl/certs/ca-certificates.crt", base);
    assert_int_equal(plat_write_file_atomic(path, "x", 1, false), 0);
    assert_int_equal(bs_find_ca_bundle(base, found, sizeof(found)), 0);
    assert_string_equal(found, path);
    /* Alpine keeps only /etc/ssl/cert.pem. */
    char alpine[] = "/tmp/bs-ca-XXXXXX";
    assert_non_null(mkdtemp(alpine));
    snprintf(path, sizeof(path), "%s/etc/ssl", alpine);
    assert_int_equal(bs_make_dirs(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/etc/ssl/cert.pem", alpine);
    assert_int_equal(plat_write_file_atomic(path, "x", 1, false), 0);
    assert_int_equal(bs_find_ca_bundle(alpine, found, sizeof(found)), 0);
    assert_string_equal(found, path);
    assert_int_equal(bs_remove_tree(base), 0);
    assert_int_equal(bs_remove_tree(alpine), 0);
}

/* Every Python script the program runs is compiled in, whole, and starts with its own
 * comment saying what it is for. */
static void test_python_assets(void **state)
{
    (void)state;
    static const char *const names[] = {"venv_dists.py", "python_probe.py", "uv_lock_walk.py",
                                        "venv_probe.py", "verify.py",       "cudnn_smoke.py"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t size = 0;
        const char *text = bs_asset(names[i], &size);
        if (!text)
            fail_msg("%s is not compiled in", names[i]);
        assert_int_equal(strlen(text), size);
        char head[64];
        snprintf(head, sizeof(head), "# %s: ", names[i]);
        assert_true(strncmp(text, head, strlen(head)) == 0);
        assert_non_null(strstr(text, "\nimport "));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_python_assets),    cmocka_unit_test(test_versions),
        cmocka_unit_test(test_strings_and_buf),  cmocka_unit_test(test_sysroot),
        cmocka_unit_test(test_exit_codes),       cmocka_unit_test(test_tables),
        cmocka_unit_test(test_plat_run),         cmocka_unit_test(test_plat_run_many),
        cmocka_unit_test(test_ca_bundle_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
