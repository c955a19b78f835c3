/*
 * test_osdeps.c: the OS dependency decisions: real os-release files -> family, package
 * manager and this release's package names; apt-cache policy on a real answer; Windows
 * registry answers (a fake registry standing in for the platform's) -> facts -> checks;
 * the VC++ installer's exit codes; long-path arithmetic; the Xcode tools.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/strutil.h"
#include "decide/os_deps.h"
#include "probe/parse_apt.h"
#include "probe/parse_os_release.h"
#include "probe/probe_windows.h"
#include "unit/facts_builder.h"
#include "unit/fixture.h"

static const bs_tables *T;

static int setup(void **state)
{
    (void)state;
    T = bs_tables_get();
    return T ? 0 : -1;
}

/* Facts for a Linux machine described by a real os-release file, libraries missing. */
static void linux_from(bs_facts *f, const char *os_release, int gl, int glib)
{
    char path[128];
    bs_os_release rel;
    fb_machine(f, "linux", "x86_64", "glibc");
    snprintf(path, sizeof(path), "real-outputs/os-release/%s", os_release);
    char *text = fixture_read(path);
    assert_int_equal(bs_parse_os_release(text, &rel), 0);
    free(text);
    bs_strlcpy(f->distro_id, rel.id, sizeof(f->distro_id));
    bs_strlcpy(f->distro_like, rel.id_like, sizeof(f->distro_like));
    bs_strlcpy(f->distro_version, rel.version_id, sizeof(f->distro_version));
    f->have_libgl = gl;
    f->have_libglib = glib;
}

static void test_os_release_corpus(void **state)
{
    (void)state;
    static const struct {
        const char *file, *family, *command, *alt_of_last;
    } rows[] = {
        {"ubuntu-20.04", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"ubuntu-22.04", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"ubuntu-24.04", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0t64",
         "libglib2.0-0"},
        {"debian-11", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"debian-12", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"debian-13", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0t64",
         "libglib2.0-0"},
        {"linuxmint-21.3", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"linuxmint-22", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0t64",
         "libglib2.0-0"},
        {"pop-22.04", "debian", "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0",
         "libglib2.0-0t64"},
        {"fedora-40-workstation", "fedora", "dnf install -y mesa-libGL glib2", ""},
        {"rocky-9.3", "fedora", "dnf install -y mesa-libGL glib2", ""},
        {"almalinux-9.6", "fedora", "dnf install -y mesa-libGL glib2", ""},
        {"arch", "arch", "pacman -S --needed --noconfirm libglvnd mesa glib2", ""},
        {"manjaro", "arch", "pacman -S --needed --noconfirm libglvnd mesa glib2", ""},
        {"opensuse-leap-15.6", "suse", "zypper --non-interactive install Mesa-libGL1 libglib-2_0-0",
         ""},
        {"opensuse-tumbleweed-20240823", "suse",
         "zypper --non-interactive install Mesa-libGL1 libglib-2_0-0", ""},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        bs_os_packages p;
        char cmd[320];
        print_message("os-release %s\n", rows[i].file);
        linux_from(&f, rows[i].file, 0, 0);
        assert_int_equal(bs_os_packages_for(&f, T, &p), 0);
        assert_string_equal(p.family, rows[i].family);
        bs_os_packages_command(&p, true, cmd, sizeof(cmd));
        assert_string_equal(cmd, rows[i].command);
        assert_string_equal(p.alt[p.count - 1], rows[i].alt_of_last);
        bs_os_packages_command(&p, false, cmd, sizeof(cmd));
        assert_true(strncmp(cmd, "sudo ", 5) == 0);
    }
    /* Only what is missing is named; nothing missing, nothing to do. */
    bs_facts f;
    bs_os_packages p;
    char cmd[320];
    linux_from(&f, "debian-12", 1, 0);
    bs_os_packages_for(&f, T, &p);
    bs_os_packages_command(&p, true, cmd, sizeof(cmd));
    assert_string_equal(cmd, "apt-get install -y libglib2.0-0");
    assert_string_equal(p.missing, "libglib-2.0.so.0");
    linux_from(&f, "fedora-42", 1, 1);
    bs_os_packages_for(&f, T, &p);
    assert_int_equal(p.count, 0);
    /* Alpine is not in the table (musl fails the os check first): the libraries are named. */
    linux_from(&f, "alpine-3.23.2", 0, 0);
    bs_os_packages_for(&f, T, &p);
    assert_int_equal(p.count, -1);
    assert_string_equal(p.missing, "libGL.so.1 and libglib-2.0.so.0");
    /* Not Linux: nothing. */
    fb_machine(&f, "windows", "x86_64", "");
    bs_os_packages_for(&f, T, &p);
    assert_int_equal(p.count, 0);
}

static void test_apt_policy(void **state)
{
    (void)state;
    char *text = fixture_read("real-outputs/apt-cache/debian-12-policy.txt");
    assert_true(bs_apt_policy_has_candidate(text, "libgl1"));
    assert_true(bs_apt_policy_has_candidate(text, "libglx-mesa0"));
    assert_true(bs_apt_policy_has_candidate(text, "libglib2.0-0"));
    assert_false(bs_apt_policy_has_candidate(text, "libglib2.0-0t64"));
    assert_false(bs_apt_policy_has_candidate(text, "libgl"));
    free(text);
    assert_false(bs_apt_policy_has_candidate("libglib2.0-0:\n  Installed: (none)\n"
                                             "  Candidate: (none)\n  Version table:\n",
                                             "libglib2.0-0"));
    assert_true(bs_apt_policy_has_candidate("libglib2.0-0t64:amd64:\n  Installed: (none)\n"
                                            "  Candidate: 2.80.0-6ubuntu1\n",
                                            "libglib2.0-0t64"));
    assert_false(bs_apt_policy_has_candidate("", "libgl1"));
}

/* ---- a registry standing in for Windows' ---- */

static const char *const *registry; /* key, name, value triples, NULL-ended */

static int fake_registry(const char *key, const char *name, char *out, size_t size)
{
    for (int i = 0; registry[i]; i += 3)
        if (strcmp(registry[i], key) == 0 && strcmp(registry[i + 1], name) == 0) {
            bs_strlcpy(out, registry[i + 2], size);
            return 0;
        }
    return BS_E_NOT_FOUND;
}

#define RT "SOFTWARE\\Microsoft\\VisualStudio\\14.0\\VC\\Runtimes\\"
#define FS "SYSTEM\\CurrentControlSet\\Control\\FileSystem"

static void test_windows_registry(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    static const char *const vs2022[] = {
        RT "x64", "Installed", "1",      RT "x64", "Major", "14", RT "x64",
        "Minor",  "40",        RT "x64", "Bld",    "33810", FS,   "LongPathsEnabled",
        "1",      NULL};
    static const char *const old[] = {
        RT "x64", "Installed",        "1", RT "x64", "Version", "v14.16.27033.00",
        FS,       "LongPathsEnabled", "0", NULL};
    static const char *const arm[] = {RT "arm64", "Installed",       "1", RT "arm64",
                                      "Version",  "v14.42.34433.00", NULL};
    static const char *const x64_on_arm[] = {RT "x64", "Installed", "1", NULL};
    static const struct {
        const char *const *reg;
        const char *arch;
        int installed;
        const char *version;
        int long_paths;
        bs_status vc;
        const char *words;
    } rows[] = {
        {none, "x86_64", 0, "", 0, BS_FAIL, "not installed"},
        {vs2022, "x86_64", 1, "14.40.33810", 1, BS_PASS, "14.40.33810"},
        {old, "x86_64", 1, "14.16.27033", 0, BS_FAIL, "older than 14.29"},
        {arm, "aarch64", 1, "14.42.34433", 0, BS_PASS, "14.42.34433"},
        {x64_on_arm, "aarch64", 0, "", 0, BS_FAIL, "not installed"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        bs_check c;
        print_message("registry row %zu\n", i);
        fb_machine(&f, "windows", rows[i].arch, "");
        registry = rows[i].reg;
        bs_probe_windows_deps(&f, fake_registry);
        assert_int_equal(f.vcredist_installed, rows[i].installed);
        assert_string_equal(f.vcredist_version, rows[i].version);
        assert_int_equal(f.long_paths_enabled, rows[i].long_paths);
        bs_check_vcredist(&f, T, &c);
        assert_int_equal(c.status, rows[i].vc);
        assert_non_null(strstr(c.summary, rows[i].words));
        if (c.status != BS_PASS)
            assert_non_null(strstr(c.fix, "vc_redist.x64.exe"));
    }
}

static void test_long_paths(void **state)
{
    (void)state;
    bs_facts f;
    bs_check c;
    fb_machine(&f, "windows", "x86_64", "");
    f.long_paths_enabled = 0;
    bs_check_long_paths(&f, T, "C:\\Users\\me\\invokeai", &c);
    assert_int_equal(c.status, BS_PASS);
    assert_non_null(strstr(c.summary, "fits"));
    char deep[200];
    memset(deep, 'd', sizeof(deep) - 1);
    deep[sizeof(deep) - 1] = '\0';
    memcpy(deep, "C:\\", 3);
    bs_check_long_paths(&f, T, deep, &c); /* 199 + 1 + 160 > 260 */
    assert_int_equal(c.status, BS_WARN);
    assert_non_null(strstr(c.fix, "shorter --root"));
    f.long_paths_enabled = 1;
    bs_check_long_paths(&f, T, deep, &c);
    assert_int_equal(c.status, BS_PASS);
    fb_machine(&f, "linux", "x86_64", "glibc");
    bs_check_long_paths(&f, T, deep, &c);
    assert_int_equal(c.status, BS_PASS);
    assert_non_null(strstr(c.summary, "not needed"));
}

static void test_vcredist_exit_codes_and_xcode(void **state)
{
    (void)state;
    bool reboot;
    assert_int_equal(bs_vcredist_exit_meaning(0, &reboot), 0);
    assert_false(reboot);
    assert_int_equal(bs_vcredist_exit_meaning(1638, &reboot), 0);
    assert_false(reboot);
    assert_int_equal(bs_vcredist_exit_meaning(3010, &reboot), 0);
    assert_true(reboot);
    assert_int_equal(bs_vcredist_exit_meaning(1603, &reboot), -1);
    bs_facts f;
    bs_check c;
    fb_machine(&f, "darwin", "aarch64", "");
    f.xcode_clt = 1;
    bs_check_xcode_clt(&f, &c);
    assert_int_equal(c.status, BS_PASS);
    f.xcode_clt = 0;
    bs_check_xcode_clt(&f, &c);
    assert_int_equal(c.status, BS_WARN);
    assert_non_null(strstr(c.fix, "xcode-select --install"));
    fb_machine(&f, "linux", "x86_64", "glibc");
    bs_check_xcode_clt(&f, &c);
    assert_int_equal(c.status, BS_PASS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_os_release_corpus),
        cmocka_unit_test(test_apt_policy),
        cmocka_unit_test(test_windows_registry),
        cmocka_unit_test(test_long_paths),
        cmocka_unit_test(test_vcredist_exit_codes_and_xcode),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
