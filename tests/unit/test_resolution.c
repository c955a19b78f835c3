/*
 * test_resolution.c: the wheel set's JSON form (what the lock reader prints and the cache
 * keeps): a round trip, every entry check (a path in the file name, an sdist, http://, a
 * malformed hash), pip's report turned into one (percent-decoded names, #fragments
 * dropped, an sdist refused), and a kept file that is damaged or for another plan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "act/resolution.h"
#include "platform/platform.h"

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char GOOD[] =
    "{\"version\": 1, \"source\": \"uv.lock\", \"key\": \"k1\", \"files\": ["
    "{\"name\": \"Torch\", \"version\": \"2.7.1+cu128\", \"filename\": "
    "\"torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl\", \"url\": "
    "\"https://download.pytorch.org/whl/cu128/"
    "torch-2.7.1%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl\","
    " \"sha256\": \"" SHA "\", \"size\": 2500000000},"
    "{\"name\": \"filelock\", \"version\": \"3.13.1\", \"filename\": "
    "\"filelock-3.13.1-py3-none-any.whl\","
    " \"url\": \"https://files.example/filelock-3.13.1-py3-none-any.whl\", \"sha256\": \"\"}]}";

static void test_round_trip(void **state)
{
    (void)state;
    bs_resolution r, back;
    bs_error err;
    bs_error_init(&err);
    bs_resolution_init(&r);
    bs_resolution_init(&back);
    assert_int_equal(bs_resolution_parse(GOOD, &r, &err), 0);
    assert_int_equal(r.count, 2);
    assert_string_equal(r.files[0].name, "torch"); /* normalised */
    assert_true(r.files[0].size == 2500000000LL);
    assert_string_equal(r.files[1].sha256, ""); /* none given: pinned later */
    assert_string_equal(r.key, "k1");
    assert_non_null(bs_resolution_find(&r, "filelock"));
    assert_null(bs_resolution_find(&r, "numpy"));
    char *text = bs_resolution_to_json(&r);
    assert_int_equal(bs_resolution_parse(text, &back, &err), 0);
    free(text);
    assert_int_equal(back.count, 2);
    assert_string_equal(back.files[0].url, r.files[0].url);
    assert_string_equal(back.source, "uv.lock");
    bs_resolution_free(&r);
    bs_resolution_free(&back);
}

static void expect_refused(const char *file_json, const char *why)
{
    char text[2048];
    bs_resolution r;
    bs_error err;
    bs_error_init(&err);
    bs_resolution_init(&r);
    snprintf(text, sizeof(text), "{\"version\": 1, \"files\": [%s]}", file_json);
    assert_int_equal(bs_resolution_parse(text, &r, &err), BS_E_PARSE);
    if (!strstr(err.message, why))
        fail_msg("'%s' does not say '%s'", err.message, why);
    bs_resolution_free(&r);
}

static void test_entry_checks(void **state)
{
    (void)state;
#define ENTRY(name, url, sha)                                                                      \
    "{\"name\": \"x\", \"version\": \"1\", \"filename\": \"" name "\", \"url\": \"" url            \
    "\", \"sha256\": \"" sha "\"}"
    expect_refused(ENTRY("../x-1-py3-none-any.whl", "https://h/x.whl", SHA), "not a wheel");
    expect_refused(ENTRY("x-1.tar.gz", "https://h/x-1.tar.gz", SHA), "sdist");
    expect_refused(ENTRY("x-1-py3-none-any.whl", "http://h/x.whl", SHA), "https://");
    expect_refused(ENTRY("x-1-py3-none-any.whl", "https://h/x.whl", "abc"), "SHA-256");
    expect_refused("{\"filename\": \"x-1-py3-none-any.whl\"}", "no name");
    bs_resolution r;
    bs_error err;
    bs_error_init(&err);
    bs_resolution_init(&r);
    assert_int_equal(bs_resolution_parse("{\"version\": 2, \"files\": []}", &r, &err), BS_E_PARSE);
    assert_int_equal(bs_resolution_parse("not json", &r, &err), BS_E_PARSE);
}

static void test_from_report(void **state)
{
    (void)state;
    bs_pip_report rep;
    bs_resolution r;
    bs_error err;
    bs_error_init(&err);
    bs_pip_report_init(&rep);
    bs_resolution_init(&r);
    const char *report =
        "{\"version\": \"1\", \"pip_version\": \"25.3\", \"install\": [{\"metadata\": {\"name\": "
        "\"torch\", \"version\": \"2.7.1+cpu\"}, \"download_info\": {\"url\": "
        "\"https://h/whl/torch-2.7.1%2Bcpu-cp311-cp311-linux_x86_64.whl#sha256=" SHA "\", "
        "\"archive_info\": {\"hashes\": {\"sha256\": \"" SHA "\"}}}}]}";
    assert_int_equal(bs_pip_report_parse(report, &rep), 0);
    assert_int_equal(bs_resolution_from_report(&rep, &r, &err), 0);
    assert_string_equal(r.files[0].filename, "torch-2.7.1+cpu-cp311-cp311-linux_x86_64.whl");
    assert_null(strchr(r.files[0].url, '#'));
    assert_string_equal(r.files[0].sha256, SHA);
    bs_resolution_free(&r);
    bs_pip_report_free(&rep);
    bs_pip_report_init(&rep);
    const char *sdist = "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"odd\", "
                        "\"version\": \"1.0\"}, \"download_info\": {\"url\": "
                        "\"https://h/odd-1.0.tar.gz\"}}]}";
    assert_int_equal(bs_pip_report_parse(sdist, &rep), 0);
    assert_int_equal(bs_resolution_from_report(&rep, &r, &err), BS_E_PARSE);
    assert_non_null(strstr(err.message, "odd 1.0"));
    bs_resolution_free(&r);
    bs_pip_report_free(&rep);
}

static void test_kept(void **state)
{
    (void)state;
    char dir[] = "/tmp/bs-resolution-XXXXXX", path[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/resolutions/a.json", dir);
    bs_resolution r, back;
    bs_error err;
    bs_error_init(&err);
    bs_resolution_init(&r);
    bs_resolution_init(&back);
    assert_int_equal(bs_resolution_parse(GOOD, &r, &err), 0);
    assert_int_equal(bs_resolution_save(path, &r), 0);
    assert_int_equal(bs_resolution_load(path, "k1", &back), 0);
    assert_int_equal(back.count, 2);
    bs_resolution_free(&back);
    assert_int_equal(bs_resolution_load(path, "another plan", &back), BS_E_NOT_FOUND);
    assert_int_equal(
        plat_write_file_atomic(path, "{\"version\": 1, \"key\": \"k1\", \"fi", 30, false), 0);
    assert_int_equal(bs_resolution_load(path, "k1", &back), BS_E_NOT_FOUND);
    bs_resolution_free(&r);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_url_names(void **state)
{
    (void)state;
    char out[128];
    bs_url_basename("https://h/a/b/torch-2.7.1%2Bcu128-x.whl#sha256=00", out, sizeof(out));
    assert_string_equal(out, "torch-2.7.1+cu128-x.whl");
    bs_url_basename("https://h/", out, sizeof(out));
    assert_string_equal(out, "");
    assert_false(bs_safe_file_name(""));
    assert_false(bs_safe_file_name(".hidden.whl"));
    assert_false(bs_safe_file_name("a\\b.whl"));
    assert_false(bs_safe_file_name("c:x.whl"));
    assert_true(bs_safe_file_name("torch-2.7.1+cu128-x.whl"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_entry_checks),
        cmocka_unit_test(test_from_report), cmocka_unit_test(test_kept),
        cmocka_unit_test(test_url_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
