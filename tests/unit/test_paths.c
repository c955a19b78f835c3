/*
 * test_paths.c: the archive path policy as a table of names -> verdict, link targets, and
 * the install root made absolute from what a person typed, with its layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "act/path_policy.h"
#include "core/error.h"
#include "core/root_layout.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *normalized; /* NULL: refused */
    } rows[] = {
        {"python/bin/python3.11", "python/bin/python3.11"},
        {"./python//lib/", "python/lib"},
        {"a/./b", "a/b"},
        {"../x", NULL},
        {"a/../../x", NULL},
        {"a/..", NULL},
        {"..\\x", NULL},
        {"/etc/x", NULL},
        {"C:\\x", NULL},
        {"C:x", NULL},
        {"\\\\server\\share\\x", NULL},
        {"CON", NULL},
        {"con.txt", NULL},
        {"dir/nul.txt", NULL},
        {"COM1", NULL},
        {"lpt9.log", NULL},
        {"COM0", "COM0"},
        {"console", "console"},
        {"a.", NULL},
        {"a ", NULL},
        {"a:b", NULL},
        {"a\x01"
         "b",
         NULL},
        {"a\x7f", NULL},
        {"", NULL},
        {".", NULL},
        {"./", NULL},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char out[256];
        const char *why = NULL;
        int rc = bs_path_check(rows[i].name, NULL, out, sizeof(out), &why);
        print_message("name row %zu\n", i);
        if (rows[i].normalized) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, rows[i].normalized);
        } else {
            assert_int_equal(rc, BS_E_INTEGRITY);
            assert_non_null(why);
        }
    }
}

static void test_duplicates_fold_case(void **state)
{
    (void)state;
    bs_name_set seen;
    char out[64];
    const char *why;
    bs_name_set_init(&seen);
    assert_int_equal(bs_path_check("Foo/Bar", &seen, out, sizeof(out), &why), 0);
    assert_int_equal(bs_path_check("foo/bar", &seen, out, sizeof(out), &why), BS_E_INTEGRITY);
    assert_int_equal(bs_path_check("./Foo//Bar", &seen, out, sizeof(out), &why), BS_E_INTEGRITY);
    /* many names: the set grows and still finds each one */
    for (int i = 0; i < 5000; i++) {
        char name[32];
        snprintf(name, sizeof(name), "f%d", i);
        assert_int_equal(bs_path_check(name, &seen, out, sizeof(out), &why), 0);
    }
    assert_int_equal(bs_path_check("F4999", &seen, out, sizeof(out), &why), BS_E_INTEGRITY);
    bs_name_set_free(&seen);
}

static void test_link_targets(void **state)
{
    (void)state;
    assert_true(bs_link_target_inside("bin/python3", "python3.11"));
    assert_true(bs_link_target_inside("bin/python3", "../lib/libpython3.11.so"));
    assert_true(bs_link_target_inside("a/b/c", "../../x"));
    assert_false(bs_link_target_inside("a/b/c", "../../../x"));
    assert_false(bs_link_target_inside("lnk", "../etc"));
    assert_false(bs_link_target_inside("lnk", "/etc/passwd"));
    assert_false(bs_link_target_inside("lnk", "C:\\Windows"));
    assert_false(bs_link_target_inside("lnk", ""));
    assert_true(bs_link_target_inside("a/lnk", "./b/../c"));
}

/* Typed roots -> absolute ones, in a fresh folder that is the working folder and HOME. */
static void test_root_absolute(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/bs-root-XXXXXX", cwd[4096], real[4096], want[8192], got[4096];
    assert_non_null(mkdtemp(tmpl));
    assert_non_null(realpath(tmpl, real));
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(chdir(real), 0);
    const char *home = getenv("HOME");
    char *saved_home = home ? strdup(home) : NULL;
    setenv("HOME", real, 1);
    snprintf(want, sizeof(want), "%s/exists", real);
    assert_int_equal(mkdir(want, 0755), 0);
    static const struct {
        const char *typed, *rel; /* rel: the expected path under the folder */
    } rows[] = {
        {"rel", "rel"},
        {"./a/b/", "a/b"},
        {"~", ""},
        {"~/x y", "x y"},
        {"\"~/quoted\"", "quoted"},
        {"  'single'  ", "single"},
        {"exists/../other", "other"},
        {"new/./deeper/../leaf", "new/leaf"},
        {"exists", "exists"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_error err;
        bs_error_init(&err);
        assert_int_equal(bs_root_absolute(rows[i].typed, got, sizeof(got), &err), 0);
        snprintf(want, sizeof(want), "%s%s%s", real, rows[i].rel[0] ? "/" : "", rows[i].rel);
        if (strcmp(got, want) != 0)
            fail_msg("'%s' -> '%s', expected '%s'", rows[i].typed, got, want);
    }
    /* Already absolute, through the folder's real name. */
    bs_error err;
    bs_error_init(&err);
    snprintf(want, sizeof(want), "%s/exists/sub", real);
    assert_int_equal(bs_root_absolute(want, got, sizeof(got), &err), 0);
    assert_string_equal(got, want);
    /* The top, and a path none of whose parts below the top exists. */
    assert_int_equal(bs_root_absolute("/", got, sizeof(got), &err), 0);
    assert_string_equal(got, "/");
    assert_int_equal(bs_root_absolute("/bs-no-such-top/a/../b/", got, sizeof(got), &err), 0);
    assert_string_equal(got, "/bs-no-such-top/b");
    assert_int_equal(bs_root_absolute("  \"\" ", got, sizeof(got), &err), BS_E_USAGE);
    assert_int_equal(bs_root_absolute("", got, sizeof(got), &err), BS_E_USAGE);

    bs_root r;
    assert_int_equal(bs_root_layout(&r, "/opt/ia", NULL, &err), 0);
    assert_string_equal(r.python, "/opt/ia/.python");
    assert_string_equal(r.venv, "/opt/ia/.venv");
    assert_string_equal(r.receipt, "/opt/ia/.invokeai-bootstrap/receipt.json");
    assert_string_equal(r.lock, "/opt/ia/.invokeai-bootstrap/lock");
    assert_string_equal(r.downloads, "/opt/ia/.cache/downloads");
    assert_string_equal(r.pip_cache, "/opt/ia/.cache/pip");
    assert_int_equal(bs_root_layout(&r, "/opt/ia", "shared", &err), 0);
    snprintf(want, sizeof(want), "%s/shared/downloads", real);
    assert_string_equal(r.downloads, want);

    rmdir("exists");
    assert_int_equal(chdir(cwd), 0);
    rmdir(real);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_duplicates_fold_case),
        cmocka_unit_test(test_link_targets),
        cmocka_unit_test(test_root_absolute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
