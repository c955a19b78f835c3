/*
 * test_rules.c: every doctor rule as a table of facts -> expected status (and the words
 * of the fix that a person acts on).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decide/checks.h"
#include "decide/os_deps.h"
#include "unit/facts_builder.h"

static const bs_tables *T;

static int setup(void **state)
{
    (void)state;
    T = bs_tables_get();
    return T ? 0 : -1;
}

#define EXPECT(check, st, words)                                                                   \
    do {                                                                                           \
        assert_int_equal((check).status, (st));                                                    \
        if ((words)[0])                                                                            \
            assert_non_null(strstr((check).summary, (words)) ? (check).summary                     \
                                                             : strstr((check).fix, (words)));      \
    } while (0)

static void test_os(void **state)
{
    (void)state;
    static const struct {
        const char *os, *arch, *libc, *version;
        bs_status st;
        const char *words;
    } rows[] = {
        {"linux", "x86_64", "glibc", "", BS_PASS, "glibc"},
        {"linux", "aarch64", "glibc", "", BS_PASS, "aarch64"},
        {"linux", "x86_64", "musl", "", BS_FAIL, "musl"},
        {"linux", "riscv64", "glibc", "", BS_FAIL, "riscv64"},
        {"linux", "x86_64", "", "", BS_WARN, "glibc"},
        {"darwin", "aarch64", "", "14.5", BS_PASS, "Apple Silicon"},
        {"darwin", "aarch64", "", "26.4", BS_PASS, "26.4"},
        {"darwin", "aarch64", "", "13.6", BS_FAIL, "macOS 14"},
        {"darwin", "x86_64", "", "15.1", BS_WARN, "Intel"},
        {"windows", "x86_64", "", "10.0.22631", BS_PASS, "Windows"},
        {"windows", "aarch64", "", "10.0.26100", BS_PASS, "Windows"},
        {"windows", "x86_64", "", "6.1.7601", BS_FAIL, "Windows 10 or 11"},
        {"freebsd", "x86_64", "", "", BS_FAIL, "not supported"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        bs_check c;
        fb_machine(&f, rows[i].os, rows[i].arch, rows[i].libc);
        bs_strlcpy(f.os_version, rows[i].version, sizeof(f.os_version));
        bs_check_os(&f, T, &c);
        print_message("os row %zu\n", i);
        assert_string_equal(c.id, "os");
        EXPECT(c, rows[i].st, rows[i].words);
    }
}

static void test_gpu_and_problematic(void **state)
{
    (void)state;
    bs_facts f;
    bs_check c;
    fb_machine(&f, "linux", "x86_64", "glibc");
    bs_check_gpu(&f, &c);
    EXPECT(c, BS_WARN, "CPU");
    fb_gpu(&f, BS_VENDOR_AMD, "Raphael", 64, "gfx1036", true);
    bs_check_gpu(&f, &c);
    EXPECT(c, BS_WARN, "only integrated");
    fb_gpu(&f, BS_VENDOR_AMD, "Radeon RX 6800", 16368, "gfx1030", false);
    bs_check_gpu(&f, &c);
    EXPECT(c, BS_PASS, "Radeon RX 6800, 16.0 GiB, gfx1030");

    static const struct {
        const char *name;
        bs_status st;
        const char *words;
    } rows[] = {
        {"NVIDIA GeForce GTX 1660 SUPER", BS_WARN, "float32"},
        {"NVIDIA GeForce GTX 1660", BS_WARN, "half precision"},
        {"NVIDIA GeForce GTX 1650", BS_WARN, "float32"},
        {"NVIDIA GeForce GTX 1080 Ti", BS_WARN, "Pascal"},
        {"GeForce GTX 108...", BS_WARN, "Pascal"},
        {"NVIDIA GeForce GTX 1050 Ti", BS_WARN, "Pascal"},
        {"NVIDIA GeForce RTX 4090", BS_PASS, ""},
        {"NVIDIA GeForce RTX 2080 SUPER", BS_PASS, ""},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        fb_machine(&f, "linux", "x86_64", "glibc");
        fb_nvidia(&f, rows[i].name, 6144, "7.5", "550.54.14");
        bs_check_gpu_problematic(&f, T, &c);
        print_message("problematic row %s\n", rows[i].name);
        EXPECT(c, rows[i].st, rows[i].words);
    }
}

static void test_vram(void **state)
{
    (void)state;
    static const struct {
        bs_vendor v;
        long long vram;
        bs_status st;
        const char *words;
    } rows[] = {
        {BS_VENDOR_NVIDIA, 24564, BS_PASS, "SDXL fit"},
        {BS_VENDOR_NVIDIA, 8192, BS_PASS, "SDXL fit"},
        {BS_VENDOR_NVIDIA, 7979, BS_PASS, "SDXL fit"}, /* an 8 GB RTX 2080 reports 7979 MiB */
        {BS_VENDOR_NVIDIA, 6144, BS_WARN, "SD1.5 fits, SDXL needs 8.0 GiB"},
        {BS_VENDOR_NVIDIA, 4096, BS_WARN, "SD1.5 fits"},
        {BS_VENDOR_NVIDIA, 2048, BS_FAIL, "not even SD1.5"},
        {BS_VENDOR_NVIDIA, -1, BS_WARN, "unknown"},
        {BS_VENDOR_AMD, 12288, BS_WARN, "SDXL needs 16.0 GiB"},
        {BS_VENDOR_AMD, 16368, BS_PASS, "SDXL fit"},
        {BS_VENDOR_AMD, 3072, BS_FAIL, "SD1.5"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        bs_check c;
        fb_machine(&f, "linux", "x86_64", "glibc");
        fb_gpu(&f, rows[i].v, "card", rows[i].vram, "", false);
        bs_check_vram(&f, T, &c);
        print_message("vram row %zu\n", i);
        EXPECT(c, rows[i].st, rows[i].words);
    }
    /* Apple: unified memory is the RAM */
    bs_facts f;
    bs_check c;
    fb_machine(&f, "darwin", "aarch64", "");
    fb_gpu(&f, BS_VENDOR_APPLE, "Apple M3", -1, "", false);
    f.ram_mib = 16384;
    bs_check_vram(&f, T, &c);
    EXPECT(c, BS_PASS, "unified memory");
    f.ram_mib = 8192;
    bs_check_vram(&f, T, &c);
    EXPECT(c, BS_WARN, "SDXL needs 16.0 GiB");
    /* no GPU */
    fb_machine(&f, "linux", "x86_64", "glibc");
    bs_check_vram(&f, T, &c);
    EXPECT(c, BS_WARN, "CPU");
}

static void test_ram_disk_tmpfs(void **state)
{
    (void)state;
    bs_facts f;
    bs_check c;
    bs_backend_choice cuda = {.family = BS_FAMILY_CUDA}, rocm = {.family = BS_FAMILY_ROCM},
                      cpu = {.family = BS_FAMILY_CPU};
    fb_machine(&f, "linux", "x86_64", "glibc");
    static const struct {
        long long ram;
        bs_status st;
        const char *words;
    } ram_rows[] = {{7850, BS_WARN, "7.7 GiB"},
                    {11900, BS_PASS, ""},
                    {32000, BS_PASS, ""},
                    {-1, BS_WARN, "unknown"}};
    for (size_t i = 0; i < sizeof(ram_rows) / sizeof(ram_rows[0]); i++) {
        f.ram_mib = ram_rows[i].ram;
        bs_check_ram(&f, T, &c);
        EXPECT(c, ram_rows[i].st, ram_rows[i].words);
    }
    const struct {
        long long free_mib;
        const bs_backend_choice *b;
        bs_status st;
        const char *words;
    } disk_rows[] = {
        {5000, &cuda, BS_FAIL, "needs 6.5 GiB"},
        {20000, &cuda, BS_WARN, "models"},
        {100000, &cuda, BS_PASS, ""},
        {10000, &rocm, BS_FAIL, "12.0 GiB"},
        {10000, &cpu, BS_WARN, "models"},
        {-1, &cpu, BS_WARN, "unknown"},
    };
    for (size_t i = 0; i < sizeof(disk_rows) / sizeof(disk_rows[0]); i++) {
        f.root_free_mib = disk_rows[i].free_mib;
        bs_check_disk(&f, T, disk_rows[i].b, &c);
        print_message("disk row %zu\n", i);
        EXPECT(c, disk_rows[i].st, disk_rows[i].words);
    }
    f.tmp_is_ram = false;
    bs_check_tmpfs(&f, T, &cuda, &c);
    EXPECT(c, BS_PASS, "on disk");
    f.tmp_is_ram = true;
    f.tmp_free_mib = 1000;
    bs_check_tmpfs(&f, T, &cuda, &c);
    EXPECT(c, BS_WARN, "inside the install root");
    bs_check_tmpfs(&f, T, &cpu, &c);
    EXPECT(c, BS_PASS, "tmpfs");
    f.tmp_free_mib = 30000;
    bs_check_tmpfs(&f, T, &cuda, &c);
    EXPECT(c, BS_PASS, "enough");
}

static void add_python(bs_facts *f, const char *path, const char *version, bool venv)
{
    bs_python *p = &f->pythons[f->python_count++];
    memset(p, 0, sizeof(*p));
    bs_strlcpy(p->path, path, sizeof(p->path));
    bs_strlcpy(p->version, version, sizeof(p->version));
    p->has_venv = venv;
}

static void test_python(void **state)
{
    (void)state;
    bs_facts f;
    bs_check c;
    bs_report r;
    fb_machine(&f, "linux", "x86_64", "glibc");
    memset(&r, 0, sizeof(r));
    bs_check_python(&f, T, NULL, &r, &c);
    EXPECT(c, BS_PASS, "Python 3.11 will be installed inside the root");
    assert_string_equal(r.python_recommended, "managed 3.11");

    add_python(&f, "/usr/bin/python3.11", "3.11.2", false); /* Debian without python3.11-venv */
    add_python(&f, "/usr/bin/python3.10", "3.10.12", true);
    bs_check_python(&f, T, NULL, &r, &c);
    EXPECT(c, BS_PASS, "will be installed");
    assert_false(r.pythons[0].usable);
    assert_non_null(strstr(r.pythons[0].note, "python3.11-venv"));
    assert_false(r.pythons[1].usable); /* latest InvokeAI needs >=3.11 */
    assert_non_null(strstr(r.pythons[1].note, ">=3.11"));

    /* the same 3.10 is fine for InvokeAI 5.5 */
    bs_check_python(&f, T, "5.5.0", &r, &c);
    assert_true(r.pythons[1].usable);
    assert_string_equal(r.python_recommended, "/usr/bin/python3.10");

    add_python(&f, "/usr/bin/python3.12", "3.12.3", true);
    add_python(&f, "/opt/py311/bin/python3", "3.11.9", true);
    bs_check_python(&f, T, NULL, &r, &c);
    EXPECT(c, BS_PASS, "3.11.9");
    assert_int_equal(r.python_choice, 3); /* 3.11 preferred over the 3.12 found first */
    assert_true(r.pythons[2].usable);

    /* an x86_64 Python on an arm64 Mac (Rosetta) is not used; arm64 == aarch64 */
    fb_machine(&f, "darwin", "aarch64", "");
    add_python(&f, "/usr/local/bin/python3.11", "3.11.9", true);
    bs_strlcpy(f.pythons[0].arch, "x86_64", sizeof(f.pythons[0].arch));
    add_python(&f, "/opt/homebrew/bin/python3.11", "3.11.9", true);
    bs_strlcpy(f.pythons[1].arch, "arm64", sizeof(f.pythons[1].arch));
    bs_check_python(&f, T, NULL, &r, &c);
    assert_false(r.pythons[0].usable);
    assert_non_null(strstr(r.pythons[0].note, "built for x86_64"));
    assert_true(r.pythons[1].usable);
    assert_int_equal(r.python_choice, 1);

    fb_machine(&f, "linux", "x86_64", "glibc");
    for (int k = 0; k < 4; k++)
        add_python(&f, "/x", "3.9.0", true);
    add_python(&f, "/usr/bin/python", "", false);
    bs_strlcpy(f.pythons[4].note, "does not run", sizeof(f.pythons[4].note));
    bs_check_python(&f, T, NULL, &r, &c);
    assert_false(r.pythons[4].usable);
    assert_string_equal(r.pythons[4].note, "does not run");
}

static void test_driver(void **state)
{
    (void)state;
    bs_facts f;
    bs_check c;
    bs_backend_choice b = {.driver_status = BS_PASS};
    fb_machine(&f, "linux", "x86_64", "glibc");
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_PASS, "no GPU driver needed");

    fb_nvidia(&f, "NVIDIA GPU (PCI device 0x2684)", -1, "", "");
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_FAIL, "nvidia.com");

    bs_strlcpy(f.nvidia.smi_error, "Failed to initialize NVML: Driver/library version mismatch",
               sizeof(f.nvidia.smi_error));
    f.nvidia.smi_found = true;
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_FAIL, "reboot");
    /* Under WSL2 the driver is the Windows one: the advice says where to get it. */
    f.wsl = true;
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_FAIL, "on Windows");
    assert_non_null(strstr(c.fix, "wsl --shutdown"));
    f.wsl = false;

    fb_machine(&f, "linux", "x86_64", "glibc");
    fb_nvidia(&f, "NVIDIA GeForce RTX 4090", 24564, "8.9", "550.54.14");
    bs_strlcpy(f.nvidia.cuda, "12.4", sizeof(f.nvidia.cuda));
    b.driver_status = BS_WARN;
    bs_strlcpy(b.driver_needed, "570.26", sizeof(b.driver_needed));
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_WARN, "570.26");
    assert_non_null(strstr(c.summary, "CUDA 12.4"));
    b.driver_status = BS_FAIL;
    bs_check_driver(&f, &b, &c);
    assert_int_equal(c.status, BS_FAIL);

    b.driver_status = BS_PASS;
    fb_machine(&f, "linux", "x86_64", "glibc");
    fb_gpu(&f, BS_VENDOR_AMD, "Radeon RX 7900 XT", 20464, "gfx1100", false);
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_FAIL, "amdgpu");
    f.amdgpu_loaded = true;
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_PASS, "amdgpu driver loaded");
    f.os = BS_OS_WINDOWS;
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_WARN, "Linux-only");

    fb_machine(&f, "darwin", "aarch64", "");
    fb_gpu(&f, BS_VENDOR_APPLE, "Apple M3", -1, "", false);
    bs_check_driver(&f, &b, &c);
    EXPECT(c, BS_PASS, "Metal");
}

static void test_opencv_libs(void **state)
{
    (void)state;
    static const struct {
        const char *id, *like, *version;
        int gl, glib;
        bs_status st;
        const char *words;
    } rows[] = {
        {"debian", "", "12", 1, 1, BS_PASS, "found"},
        {"debian", "", "12", 0, 1, BS_FAIL, "sudo apt-get install -y libgl1 libglx-mesa0"},
        {"debian", "", "12", 1, 0, BS_FAIL, "apt-get install -y libglib2.0-0"},
        {"debian", "", "13", 1, 0, BS_FAIL, "apt-get install -y libglib2.0-0t64"},
        {"ubuntu", "debian", "22.04", 0, 0, BS_FAIL, "libgl1 libglx-mesa0 libglib2.0-0"},
        {"ubuntu", "debian", "24.04", 0, 0, BS_FAIL, "libgl1 libglx-mesa0 libglib2.0-0t64"},
        {"linuxmint", "ubuntu debian", "22", 1, 0, BS_FAIL, "libglib2.0-0t64"},
        {"linuxmint", "ubuntu debian", "21.3", 1, 0, BS_FAIL, "install -y libglib2.0-0"},
        {"fedora", "", "42", 0, 0, BS_FAIL, "sudo dnf install -y mesa-libGL glib2"},
        {"rocky", "rhel centos fedora", "9.5", 0, 1, BS_FAIL, "dnf install -y mesa-libGL"},
        {"arch", "", "", 0, 0, BS_FAIL, "pacman -S --needed --noconfirm libglvnd mesa glib2"},
        {"manjaro", "arch", "", 0, 1, BS_FAIL, "pacman"},
        {"opensuse-leap", "suse opensuse", "15.6", 0, 0, BS_FAIL,
         "zypper --non-interactive install Mesa-libGL1 libglib-2_0-0"},
        {"gentoo", "", "", 0, 1, BS_FAIL, "provide libGL.so.1"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        bs_check c;
        fb_machine(&f, "linux", "x86_64", "glibc");
        bs_strlcpy(f.distro_id, rows[i].id, sizeof(f.distro_id));
        bs_strlcpy(f.distro_like, rows[i].like, sizeof(f.distro_like));
        bs_strlcpy(f.distro_version, rows[i].version, sizeof(f.distro_version));
        f.have_libgl = rows[i].gl;
        f.have_libglib = rows[i].glib;
        bs_strlcpy(f.lib_method, "ld.so.cache", sizeof(f.lib_method));
        bs_check_opencv_libs(&f, T, &c);
        print_message("opencv row %s %s\n", rows[i].id, rows[i].version);
        EXPECT(c, rows[i].st, rows[i].words);
    }
    bs_facts f;
    bs_check c;
    fb_machine(&f, "windows", "x86_64", "");
    bs_check_opencv_libs(&f, T, &c);
    EXPECT(c, BS_PASS, "not needed");
}

static void test_run_checks_ids_and_exit_rule(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "os",     "gpu",    "gpu-problematic", "vram",     "ram",        "disk",      "tmpfs",
        "python", "driver", "opencv-libs",     "vcredist", "long-paths", "xcode-clt", "backend"};
    bs_facts f;
    bs_report r;
    bs_error err;
    bs_check_options opt = {NULL, NULL, NULL};
    bs_error_init(&err);
    fb_machine(&f, "linux", "x86_64", "glibc");
    f.have_libgl = f.have_libglib = 1;
    fb_nvidia(&f, "NVIDIA GeForce RTX 4090", 24564, "8.9", "580.126.09");
    assert_int_equal(bs_run_checks(&f, T, &opt, &r, &err), 0);
    assert_int_equal(r.count, (int)(sizeof(ids) / sizeof(ids[0])));
    for (int i = 0; i < r.count; i++)
        assert_string_equal(r.checks[i].id, ids[i]);
    assert_int_equal(bs_report_worst(&r), BS_PASS);
    assert_string_equal(r.backend.backend, "cu128");
    for (int i = 0; i < r.count; i++)
        assert_true(r.checks[i].status == BS_PASS || r.checks[i].fix[0] != '\0');

    f.have_libgl = 0;
    assert_int_equal(bs_run_checks(&f, T, &opt, &r, &err), 0);
    assert_int_equal(bs_report_worst(&r), BS_FAIL);

    opt.backend = "mps";
    assert_int_equal(bs_run_checks(&f, T, &opt, &r, &err), BS_E_USAGE);
}

/* doctor's cuDNN note: Windows, an NVIDIA RTX 30xx/40xx, nothing else. */
static void test_cudnn_note(void **state)
{
    (void)state;
    static const struct {
        const char *os, *gpu;
        bool note;
    } rows[] = {{"windows", "NVIDIA GeForce RTX 3080", true},
                {"windows", "NVIDIA GeForce RTX 4060 Laptop GPU", true},
                {"windows", "NVIDIA GeForce RTX 2080 Ti", false},
                {"windows", "NVIDIA GeForce GTX 1080", false},
                {"linux", "NVIDIA GeForce RTX 4090", false},
                {"windows", NULL, false}};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_facts f;
        char note[400];
        bs_facts_init(&f);
        fb_machine(&f, rows[i].os, "x86_64", rows[i].os[0] == 'w' ? "" : "glibc");
        if (rows[i].gpu)
            fb_nvidia(&f, rows[i].gpu, 10240, "8.6", "560.94");
        bs_note_cudnn(&f, T, note, sizeof(note));
        if ((note[0] != '\0') != rows[i].note)
            fail_msg("row %zu (%s on %s): note '%s'", i, rows[i].gpu ? rows[i].gpu : "no GPU",
                     rows[i].os, note);
        if (rows[i].note)
            assert_non_null(strstr(note, "invokeai-bootstrap cudnn status"));
        bs_facts_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cudnn_note),
        cmocka_unit_test(test_os),
        cmocka_unit_test(test_gpu_and_problematic),
        cmocka_unit_test(test_vram),
        cmocka_unit_test(test_ram_disk_tmpfs),
        cmocka_unit_test(test_python),
        cmocka_unit_test(test_driver),
        cmocka_unit_test(test_opencv_libs),
        cmocka_unit_test(test_run_checks_ids_and_exit_rule),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
