/*
 * test_paths.c: the archive path policy as a table of names -> verdict, and link targets.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_duplicates_fold_case),
        cmocka_unit_test(test_link_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
