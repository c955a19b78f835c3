/*
 * test_options.c: the command line: every wrong word is named, defaults follow
 * defaults < environment < command line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/options.h"
#include "core/platforms.h"

static int parse(bs_config *cfg, bs_error *err, int argc, const char **argv)
{
    bs_config_init(cfg);
    bs_error_init(err);
    return bs_parse_args(argc, (char **)argv, cfg, err);
}

#define ARGV(...) ((const char *[]){"invokeai-bootstrap", __VA_ARGS__})
#define ARGC(...)                                                                                  \
    ((int)(sizeof((const char *[]){"invokeai-bootstrap", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(cfg, err, ...) parse(cfg, err, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static void test_good_command_lines(void **state)
{
    (void)state;
    bs_config cfg;
    bs_error err;
    assert_int_equal(PARSE(&cfg, &err, "doctor", "--json", "--root", "/srv/ai"), 0);
    assert_int_equal(cfg.command, BS_CMD_DOCTOR);
    assert_true(cfg.json);
    assert_string_equal(cfg.root, "/srv/ai");
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "--json", "--root=/x y", "doctor", "--backend", "cu126"), 0);
    assert_string_equal(cfg.root, "/x y");
    assert_string_equal(cfg.backend, "cu126");
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "doctor", "--version", "6.13.5", "-yv"), 0);
    assert_string_equal(cfg.invokeai_version, "6.13.5");
    assert_true(cfg.yes);
    assert_int_equal(cfg.verbose, 1);
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "--version"), 0);
    assert_true(cfg.show_version);
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "install", "--help"), 0);
    assert_int_equal(cfg.command, BS_CMD_HELP);
    assert_int_equal(cfg.help_for, BS_CMD_INSTALL);
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "help", "cudnn"), 0);
    assert_int_equal(cfg.help_for, BS_CMD_CUDNN);
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "cudnn", "status"), 0);
    assert_string_equal(cfg.action, "status");
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "install", "--dry-run", "--pre", "--backend=rocm6.3"), 0);
    assert_true(cfg.dry_run && cfg.pre);
    bs_config_free(&cfg);

    assert_int_equal(PARSE(&cfg, &err, "install", "--no-prefetch", "--lock-url", "none"), 0);
    assert_true(cfg.no_prefetch);
    assert_string_equal(cfg.lock_url, "none");
    bs_config_free(&cfg);

    /* after bundle, --version is InvokeAI's (a planned bundle), not this program's */
    assert_int_equal(PARSE(&cfg, &err, "bundle", "--out", "/b", "--version", "6.14.0", "--backend",
                           "cuda", "--platform", "windows-x86_64", "--lock-url",
                           "https://mirror.example/invokeai"),
                     0);
    assert_string_equal(cfg.invokeai_version, "6.14.0");
    assert_false(cfg.show_version);
    assert_string_equal(cfg.platform, "windows-x86_64");
    bs_config_free(&cfg);

    const char *os = NULL, *arch = NULL;
    assert_true(bs_platform_parse("macos-arm64", &os, &arch));
    assert_string_equal(os, "darwin");
    assert_string_equal(arch, "aarch64");
    assert_false(bs_platform_parse("macos-x86_64", NULL, NULL));
}

static void test_bad_command_lines_name_the_word(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b, *c;
        const char *word;
    } rows[] = {
        {"doctor", "--bogus", NULL, "--bogus"},
        {"frobnicate", NULL, NULL, "frobnicate"},
        {"doctor", "--backend", "cuda13", "cuda13"},
        {"doctor", "--backend", NULL, "--backend"},
        {"doctor", "--version", NULL, "--version"},
        {"doctor", "--version", "six", "six"},
        {"doctor", "--pre", NULL, "--pre"},
        {"doctor", "--json=yes", NULL, "--json"},
        {"doctor", "-x", NULL, "-x"},
        {"doctor", "-yz", NULL, "-z"},
        {"doctor", "extra", NULL, "extra"},
        {"help", "nothing", NULL, "nothing"},
        {"-q", "-v", "doctor", "--quiet"},
        {"--root=", "doctor", NULL, "--root"},
        {"install", "--lock-url", "http://plain.example", "--lock-url"},
        {"bundle", "--platform", "beos-m68k", "beos-m68k"},
        {"install", "--platform", "linux-x86_64", "--platform"},
        {"doctor", "--no-prefetch", NULL, "--no-prefetch"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_config cfg;
        bs_error err;
        const char *argv[4] = {"invokeai-bootstrap", rows[i].a, rows[i].b, rows[i].c};
        int argc = rows[i].c ? 4 : rows[i].b ? 3 : 2;
        print_message("row %zu\n", i);
        assert_int_equal(parse(&cfg, &err, argc, argv), BS_E_USAGE);
        assert_non_null(strstr(err.message, rows[i].word));
        bs_config_free(&cfg);
    }
}

static void test_root_precedence(void **state)
{
    (void)state;
    bs_config cfg;
    bs_error err;
    setenv("HOME", "/home/someone", 1);
    unsetenv("INVOKEAI_ROOT");
    assert_int_equal(PARSE(&cfg, &err, "doctor"), 0);
    assert_string_equal(cfg.root, "/home/someone/invokeai");
    bs_config_free(&cfg);
    setenv("INVOKEAI_ROOT", "/data/invoke", 1);
    assert_int_equal(PARSE(&cfg, &err, "doctor"), 0);
    assert_string_equal(cfg.root, "/data/invoke");
    bs_config_free(&cfg);
    assert_int_equal(PARSE(&cfg, &err, "doctor", "--root", "/cli/root"), 0);
    assert_string_equal(cfg.root, "/cli/root");
    bs_config_free(&cfg);
    unsetenv("INVOKEAI_ROOT");
}

static void test_help_lists_every_command_and_option(void **state)
{
    (void)state;
    char *text = bs_help_text(BS_CMD_NONE);
    static const char *const words[] = {
        "install", "doctor",    "repair", "cudnn",      "uninstall", "--root", "--yes",
        "--quiet", "--verbose", "--json", "--no-color", "--version", "--help", "130"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        assert_non_null(strstr(text, words[i]));
    free(text);
    text = bs_help_text(BS_CMD_INSTALL);
    assert_non_null(strstr(text, "--backend NAME"));
    assert_non_null(strstr(text, "--version X.Y.Z|latest"));
    assert_non_null(strstr(text, "--dry-run"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_command_lines),
        cmocka_unit_test(test_bad_command_lines_name_the_word),
        cmocka_unit_test(test_root_precedence),
        cmocka_unit_test(test_help_lists_every_command_and_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
