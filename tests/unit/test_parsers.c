/*
 * test_parsers.c: every probe parser, fed with what real machines printed
 * (tests/fixtures/real-outputs, sources in its SOURCES.md).
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
#include "platform/platform.h"
#include "probe/parse_elf.h"
#include "probe/parse_ldcache.h"
#include "probe/parse_macos.h"
#include "probe/parse_meminfo.h"
#include "probe/parse_nvidia_proc.h"
#include "probe/parse_nvidia_smi.h"
#include "probe/parse_os_release.h"
#include "probe/parse_python.h"
#include "probe/parse_rocm.h"
#include "unit/fixture.h"

/* ---- nvidia-smi default table ---- */

struct table_case {
    const char *file;
    int gpus;
    const char *driver;
    const char *cuda;
    const char *name0;
    long long vram0;
    const char *bus0;
};

static const struct table_case table_cases[] = {
    /* data-centre GPU */
    {"h100-80gb-linux-ubuntu22.04-590.48.01.txt", 1, "590.48.01", "13.1", "NVIDIA H100 80GB HBM3",
     81559, "00000000:00:09.0"},
    /* MIG: the MIG devices table must not add GPUs */
    {"h100-mig-linux-ubuntu22.04-590.48.01.txt", 1, "590.48.01", "13.1", "NVIDIA H100 80GB HBM3",
     81559, "00000000:00:09.0"},
    /* RTX 4090 x2: the two-GPU machine */
    {"rtx4090-x2-linux-580.126.09.txt", 2, "580.126.09", "13.0", "NVIDIA GeForce RTX 4090", 24564,
     "00000000:01:00.0"},
    {"rtx5090-linux-570.124.06.txt", 1, "570.124.06", "12.8", "NVIDIA GeForce RTX 5090", 32607,
     "00000000:02:00.0"},
    {"rtx5090-plus-rtx4090-linux-fedora-580.82.09.txt", 2, "580.82.09", "13.0",
     "NVIDIA GeForce RTX 5090", 32607, "00000000:01:00.0"},
    /* GTX 1660 (6 GB) with "CUDA Version: N/A" */
    {"gtx1660-linux-proxmox-550.54.10-cuda-na.txt", 1, "550.54.10", "", "NVIDIA GeForce GTX 1660",
     6144, "00000000:03:00.0"},
    /* GTX 1080 Ti x2, truncated names, 440 layout */
    {"gtx1080ti-x2-linux-440.100.txt", 2, "440.100", "10.2", "GeForce GTX 108...", 11177,
     "00000000:01:00.0"},
    /* pre-410 header without a CUDA column */
    {"gtx1080ti-x2-linux-docker-384.111-no-cuda-column.txt", 2, "384.111", "", "GeForce GTX 108...",
     11171, "00000000:01:00.0"},
    {"gtx680-x3plus-linux-331.62-oldest-layout.txt", 3, "331.62", "", "GeForce GTX 680", 4095,
     "0000:03:00.0"},
    /* 610: "KMD Version" and "CUDA UMD Version" */
    {"b200-multi-linux-610.43.02-kmd-header.txt", 2, "610.43.02", "13.3", "NVIDIA B200", 183359,
     "00000000:63:00.0"},
    /* Windows: WDDM in place of Persistence-M */
    {"gtx1650-windows-wddm-551.76.txt", 1, "551.76", "12.4", "NVIDIA GeForce GTX 1650", 4096,
     "00000000:01:00.0"},
    {"rtx2070-windows-wddm-460.15-old-layout-no-mig-row.txt", 1, "460.15", "11.1",
     "GeForce RTX 207...", 8192, "00000000:01:00.0"},
    /* WSL2: nvidia-smi and the Windows driver have different versions; the driver counts */
    {"gtx1650-laptop-wsl2-smi535.103-driver537.13.txt", 1, "537.13", "12.2",
     "NVIDIA GeForce GTX 1650 ...", 4096, "00000000:02:00.0"},
    {"quadro-rtx4000-x2-linux-535.129.03.txt", 2, "535.129.03", "12.2", "Quadro RTX 4000", 8192,
     "00000000:06:00.0"},
};

static void test_nvidia_table_real_outputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(table_cases) / sizeof(table_cases[0]); i++) {
        const struct table_case *tc = &table_cases[i];
        char path[256];
        snprintf(path, sizeof(path), "real-outputs/nvidia-smi/%s", tc->file);
        char *text = fixture_read(path);
        bs_facts f;
        bs_facts_init(&f);
        int n = bs_parse_nvidia_table(text, true, &f);
        print_message("case %s\n", tc->file);
        assert_int_equal(n, tc->gpus);
        assert_int_equal(f.gpu_count, tc->gpus);
        assert_string_equal(f.nvidia.driver, tc->driver);
        assert_string_equal(f.nvidia.cuda, tc->cuda);
        assert_string_equal(f.gpus[0].name, tc->name0);
        assert_int_equal(f.gpus[0].vram_mib, tc->vram0);
        assert_string_equal(f.gpus[0].bus_id, tc->bus0);
        assert_int_equal(f.gpus[0].vendor, BS_VENDOR_NVIDIA);
        free(text);
    }
}

static void test_nvidia_table_header_only(void **state)
{
    (void)state;
    /* WSL2 nvidia-smi that crashed after the header: versions, no GPU */
    char *text = fixture_read("real-outputs/nvidia-smi-failures/"
                              "wsl2-segfault-after-header-smi555.42.03-driver555.85.txt");
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_table(text, true, &f), 0);
    assert_int_equal(f.gpu_count, 0);
    assert_string_equal(f.nvidia.driver, "555.85");
    assert_string_equal(f.nvidia.cuda, "12.5");
    free(text);
}

static void test_nvidia_table_rejects_garbage(void **state)
{
    (void)state;
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_table("No devices were found\n", true, &f), BS_E_PARSE);
    assert_int_equal(bs_parse_nvidia_table("", true, &f), BS_E_PARSE);
    assert_int_equal(f.gpu_count, 0);
}

/* ---- nvidia-smi --query-gpu CSV ---- */

static void test_nvidia_query_with_header_h100(void **state)
{
    (void)state;
    char *text =
        fixture_read("real-outputs/nvidia-smi-query-gpu/h100-80gb-linux-ubuntu22.04-590.48.01.csv");
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_query(text, BS_NVSMI_QUERY_FIELDS, &f), 1);
    assert_string_equal(f.gpus[0].name, "NVIDIA H100 80GB HBM3");
    assert_int_equal(f.gpus[0].vram_mib, 81559);
    assert_string_equal(f.gpus[0].compute_capability, "9.0");
    assert_string_equal(f.gpus[0].driver, "590.48.01");
    assert_string_equal(f.gpus[0].bus_id, "00000000:00:09.0");
    assert_string_equal(f.nvidia.driver, "590.48.01");
    free(text);
}

static void test_nvidia_query_two_gpus_by_header(void **state)
{
    (void)state;
    char *text = fixture_read(
        "real-outputs/nvidia-smi-query-gpu/titanv-plus-rtx5880ada-linux-570.86.15.csv");
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_query(text, BS_NVSMI_QUERY_FIELDS, &f), 2);
    assert_string_equal(f.gpus[0].name, "NVIDIA TITAN V");
    assert_string_equal(f.gpus[0].compute_capability, "7.0");
    assert_string_equal(f.gpus[1].name, "NVIDIA RTX 5880 Ada Generation");
    assert_string_equal(f.gpus[1].compute_capability, "8.9");
    assert_int_equal(f.gpus[1].vram_mib, -1); /* not asked for in that capture */
    free(text);
}

static void test_nvidia_query_noheader_by_fields(void **state)
{
    (void)state;
    /* The capture's own field list, as the probe passes its own. */
    char *text =
        fixture_read("real-outputs/nvidia-smi-query-gpu/rtx2080-linux-440.64-noheader-nounits.csv");
    const char *fields =
        "power.limit,power.min_limit,power.max_limit,memory.total,vbios_version,"
        "driver_version,name,gpu_uuid,power.draw,temperature.gpu,temperature.memory,"
        "clocks.current.graphics,clocks.sm,clocks.mem,utilization.gpu,"
        "utilization.memory,fan.speed,pcie.link.width.current,pstate";
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_query(text, fields, &f), 1);
    assert_string_equal(f.gpus[0].name, "GeForce RTX 2080");
    assert_int_equal(f.gpus[0].vram_mib, 7979);
    assert_string_equal(f.gpus[0].driver, "440.64");
    assert_string_equal(f.gpus[0].compute_capability, "");
    free(text);
}

static void test_nvidia_query_probe_fields(void **state)
{
    (void)state;
    /* The exact shape the probe asks for: index,name,memory.total,driver,cc,bus */
    const char *out =
        "0, NVIDIA GeForce RTX 4090, 24564, 550.54.14, 8.9, 00000000:01:00.0\n"
        "1, NVIDIA GeForce GTX 1660 SUPER, 6144, 550.54.14, 7.5, 00000000:02:00.0\r\n";
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_nvidia_query(out, BS_NVSMI_QUERY_FIELDS, &f), 2);
    assert_string_equal(f.gpus[1].name, "NVIDIA GeForce GTX 1660 SUPER");
    assert_string_equal(f.gpus[1].bus_id, "00000000:02:00.0");
    assert_int_equal(f.gpus[1].vram_mib, 6144);
    /* an error message is not a GPU row */
    bs_facts_init(&f);
    char *err = fixture_read(
        "real-outputs/nvidia-smi-failures/invalid-field-compute_cap-470-userspace.txt");
    assert_int_equal(bs_parse_nvidia_query(err, BS_NVSMI_QUERY_FIELDS, &f), BS_E_PARSE);
    assert_int_equal(f.gpu_count, 0);
    free(err);
}

/* ---- nvidia-smi failures ---- */

static void test_nvidia_failures(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        bs_nvsmi_failure kind;
        const char *advice; /* a word the fix must contain */
    } cases[] = {
        {"couldnt-communicate-ubuntu18.04-after-upgrade.txt", BS_NVSMI_FAIL_NO_DRIVER,
         "nvidia.com"},
        {"couldnt-communicate-wsl1-2019.txt", BS_NVSMI_FAIL_NO_DRIVER, "install"},
        {"couldnt-communicate-plus-nvml-shutdown-wsl2-as-pasted-indented.txt",
         BS_NVSMI_FAIL_NO_DRIVER, "reinstall"},
        {"nvml-mismatch-550.144.txt", BS_NVSMI_FAIL_MISMATCH, "reboot"},
        {"nvml-mismatch-470-single-line.txt", BS_NVSMI_FAIL_MISMATCH, "reboot"},
        {"no-devices-were-found-rtx5090-open.txt", BS_NVSMI_FAIL_NO_DEVICES, "seated"},
        {"invalid-field-compute_cap-470-userspace.txt", BS_NVSMI_FAIL_INVALID_FIELD, "update"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        snprintf(path, sizeof(path), "real-outputs/nvidia-smi-failures/%s", cases[i].file);
        char *text = fixture_read(path);
        assert_int_equal(bs_nvsmi_classify_failure(text), cases[i].kind);
        assert_non_null(strstr(bs_nvsmi_failure_advice(cases[i].kind), cases[i].advice));
        free(text);
    }
    assert_int_equal(bs_nvsmi_classify_failure("Segmentation fault"), BS_NVSMI_FAIL_OTHER);
    assert_non_null(strstr(bs_nvsmi_failure_advice(BS_NVSMI_FAIL_OTHER), "run it by hand"));
}

/* ---- /proc/driver/nvidia/version and /sys/module/nvidia/version ---- */

static void test_nvidia_module_version(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *version;
    } cases[] = {
        {"open-525.60.11-arch.txt", "525.60.11"},
        {"open-555.58-gentoo-first-line-only.txt", "555.58"},
        {"open-565.57.01-ubuntu24.04.txt", "565.57.01"},
        {"proprietary-352.63-ubuntu14.04.txt", "352.63"},
        {"proprietary-384.130-ubuntu16.04.txt", "384.130"},
        {"proprietary-580.173.02-truenas.txt", "580.173.02"},
    };
    char out[32];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        snprintf(path, sizeof(path), "real-outputs/proc-nvidia-version/%s", cases[i].file);
        char *text = fixture_read(path);
        assert_int_equal(bs_parse_nvidia_module_version(text, out, sizeof(out)), 0);
        assert_string_equal(out, cases[i].version);
        free(text);
    }
    /* both formats the issue names, and the sysfs file */
    assert_int_equal(
        bs_parse_nvidia_module_version("NVRM version: NVIDIA UNIX x86_64 Kernel Module  375.74  "
                                       "Wed Jun 14 01:39:39 PDT 2017\n",
                                       out, sizeof(out)),
        0);
    assert_string_equal(out, "375.74");
    assert_int_equal(
        bs_parse_nvidia_module_version(
            "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.144.03  Release Build\n",
            out, sizeof(out)),
        0);
    assert_string_equal(out, "550.144.03");
    assert_int_equal(bs_parse_nvidia_module_version("550.144.03\n", out, sizeof(out)), 0);
    assert_string_equal(out, "550.144.03");
    assert_int_equal(
        bs_parse_nvidia_module_version("NVRM version: nothing here\n", out, sizeof(out)),
        BS_E_PARSE);
    assert_int_equal(bs_parse_nvidia_module_version("", out, sizeof(out)), BS_E_PARSE);
    /* CRLF and other blanks after the marker must end, not spin (a fuzzer find) */
    assert_int_equal(bs_parse_nvidia_module_version("Kernel Module\r\n", out, sizeof(out)),
                     BS_E_PARSE);
    assert_int_equal(
        bs_parse_nvidia_module_version(
            "NVRM version: NVIDIA UNIX x86_64 Kernel Module\v\f 390.157\r\n", out, sizeof(out)),
        0);
    assert_string_equal(out, "390.157");
}

/* ---- os-release ---- */

static void test_os_release(void **state)
{
    (void)state;
    static const struct {
        const char *file, *id, *like, *version;
    } cases[] = {
        {"ubuntu-20.04", "ubuntu", "debian", "20.04"},
        {"ubuntu-22.04", "ubuntu", "debian", "22.04"},
        {"ubuntu-24.04", "ubuntu", "debian", "24.04"},
        {"debian-11", "debian", "", "11"},
        {"debian-12", "debian", "", "12"},
        {"debian-13", "debian", "", "13"},
        {"fedora-42", "fedora", "", "42"},
        {"arch", "arch", "", ""},
        {"opensuse-leap-15.6", "opensuse-leap", "suse opensuse", "15.6"},
        {"opensuse-tumbleweed-20240823", "opensuse-tumbleweed", "opensuse suse", "20240823"},
        {"linuxmint-22", "linuxmint", "ubuntu debian", "22"},
        {"alpine-3.23.2", "alpine", "", "3.23.2"},
        {"rocky-9.5", "rocky", "rhel centos fedora", "9.5"},
        {"manjaro", "manjaro", "arch", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        bs_os_release rel;
        snprintf(path, sizeof(path), "real-outputs/os-release/%s", cases[i].file);
        char *text = fixture_read(path);
        print_message("case %s\n", cases[i].file);
        assert_int_equal(bs_parse_os_release(text, &rel), 0);
        assert_string_equal(rel.id, cases[i].id);
        assert_string_equal(rel.id_like, cases[i].like);
        assert_string_equal(rel.version_id, cases[i].version);
        assert_true(rel.pretty_name[0] != '\0');
        free(text);
    }
    bs_os_release rel;
    assert_int_equal(bs_parse_os_release("PRETTY_NAME=\"x\"\n", &rel), BS_E_PARSE);
    assert_int_equal(bs_parse_os_release("ID='my\"os'\nNAME=\"a \\\"b\\\"\"\n", &rel), 0);
    assert_string_equal(rel.id, "my\"os");
}

/* ---- ROCm ---- */

static void test_rocm_smi_csv(void **state)
{
    (void)state;
    char *text = fixture_read("real-outputs/rocm-smi/rx6800-plus-raphael-igpu-csv.csv");
    bs_facts f;
    bs_facts_init(&f);
    assert_int_equal(bs_parse_rocm_smi_csv(text, &f), 2);
    assert_string_equal(f.gpus[0].name, "Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]");
    assert_int_equal(f.gpus[0].vram_mib, 16368);
    assert_string_equal(f.gpus[0].gfx_arch, "gfx1030");
    assert_string_equal(f.gpus[0].bus_id, "card0");
    assert_string_equal(f.gpus[1].name, "Raphael");
    assert_int_equal(f.gpus[1].vram_mib, 64);
    assert_string_equal(f.gpus[1].gfx_arch, "gfx1036");
    free(text);

    text = fixture_read("real-outputs/rocm-smi/rx7900xt-gfx1100-productname-use-meminfo.csv");
    bs_facts_init(&f);
    assert_int_equal(bs_parse_rocm_smi_csv(text, &f), 1);
    assert_string_equal(f.gpus[0].name, "Radeon RX 7900 XT");
    assert_int_equal(f.gpus[0].vram_mib, 20464);
    assert_string_equal(f.gpus[0].gfx_arch, "gfx1100");
    free(text);

    /* the default table is not CSV */
    text = fixture_read("real-outputs/rocm-smi/mi300x-x1-default.txt");
    bs_facts_init(&f);
    assert_int_equal(bs_parse_rocm_smi_csv(text, &f), BS_E_PARSE);
    free(text);
}

static void test_rocm_agents(void **state)
{
    (void)state;
    char archs[16][16];
    char *text =
        fixture_read("real-outputs/rocm_agent_enumerator/gfx000-gfx803-gfx902-old-rocm.txt");
    assert_int_equal(bs_parse_rocm_agents(text, archs, 16), 2);
    assert_string_equal(archs[0], "gfx803");
    assert_string_equal(archs[1], "gfx902");
    free(text);
    text = fixture_read("real-outputs/rocm_agent_enumerator/mi300x-x8-gfx942.txt");
    assert_int_equal(bs_parse_rocm_agents(text, archs, 16), 8);
    assert_string_equal(archs[7], "gfx942");
    free(text);
}

/* ---- /proc/meminfo, Python probe answer ---- */

static void test_meminfo(void **state)
{
    (void)state;
    assert_int_equal(bs_parse_meminfo_total_mib("MemTotal:       32768000 kB\nMemFree: 1 kB\n"),
                     32000);
    assert_int_equal(bs_parse_meminfo_total_mib("MemTotal:        8038844 kB\n"), 7850);
    assert_int_equal(bs_parse_meminfo_total_mib("MemFree: 5 kB\n"), -1);
    assert_int_equal(bs_parse_meminfo_total_mib("MemTotal: lots\n"), -1);
    assert_int_equal(bs_parse_meminfo_total_mib("XMemTotal: 5 kB\n"), -1);
}

static void test_python_answer(void **state)
{
    (void)state;
    bs_python_answer a;
    assert_int_equal(
        bs_parse_python_answer("version=3.11.9\nimpl=cpython\narch=AMD64\nvenv=1\n", &a), 0);
    assert_string_equal(a.version, "3.11.9");
    assert_string_equal(a.arch, "AMD64");
    assert_true(a.has_venv);
    assert_int_equal(bs_parse_python_answer("version=3.11.2\r\nimpl=cpython\r\nvenv=0\r\n", &a), 0);
    assert_false(a.has_venv);
    assert_int_equal(bs_parse_python_answer("Traceback (most recent call last):\n", &a),
                     BS_E_PARSE);
}

/* ---- ld.so.cache, built here by ldconfig so the format is the real one ---- */

static void test_ldcache_this_machine(void **state)
{
    (void)state;
    char *cache = NULL;
    size_t len = 0;
    if (plat_read_file("/etc/ld.so.cache", 64 * 1024 * 1024, &cache, &len) != 0)
        skip();
    /* every glibc system's cache lists libc itself */
    assert_int_equal(bs_ldcache_has((unsigned char *)cache, len, "libc.so.6"), 1);
    assert_int_equal(bs_ldcache_has((unsigned char *)cache, len, "libdoesnotexist.so.9"), 0);
    /* a truncated cache is refused, never read past its end */
    assert_true(bs_ldcache_has((unsigned char *)cache, 40, "libc.so.6") == BS_E_PARSE);
    free(cache);
    assert_int_equal(bs_ldcache_has((const unsigned char *)"not a cache", 11, "libc.so.6"),
                     BS_E_PARSE);
}

/* ---- macOS ---- */

static void test_macos(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        long long mib;
        const char *brand;
    } cases[] = {
        {"darwin-monterey-m1.txt", 16384, "Apple M1 Pro"},
        {"darwin-monterey-m2.txt", 16384, "Apple M2"},
        {"darwin-sequoia-m3.txt", 36864, "Apple M3 Max"},
        {"darwin-sequoia-m4.txt", 65536, "Apple M4 Max"},
        {"darwin-bigsur-m1.txt", -1, "Apple processor"},
        {"darwin-mojave-skylake.txt", -1, "Intel(R) Core(TM) i7-6700K CPU @ 4.00GHz"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        bs_sysctl_facts sc;
        snprintf(path, sizeof(path), "real-outputs/macos/sysctl/%s", cases[i].file);
        char *text = fixture_read(path);
        print_message("case %s\n", cases[i].file);
        assert_int_equal(bs_parse_sysctl(text, &sc), 0);
        assert_int_equal(sc.memsize_mib, cases[i].mib);
        if (cases[i].brand[0])
            assert_string_equal(sc.cpu_brand, cases[i].brand);
        free(text);
    }
    char v[32];
    char *text = fixture_read("real-outputs/macos/sw_vers/macos-26.4-25E246-tabs.txt");
    assert_int_equal(bs_parse_sw_vers(text, v, sizeof(v)), 0);
    assert_string_equal(v, "26.4");
    free(text);
    text = fixture_read("real-outputs/macos/sw_vers/macos-10.15.5-catalina-as-pasted-spaces.txt");
    assert_int_equal(bs_parse_sw_vers(text, v, sizeof(v)), 0);
    assert_string_equal(v, "10.15.5");
    free(text);
    assert_int_equal(bs_parse_sw_vers("BuildVersion: 1\n", v, sizeof(v)), BS_E_PARSE);
}

/* ---- ELF program interpreter ---- */

/* Writes an n-byte unsigned integer at p in the given byte order. */
static void put_uint(unsigned char *p, uint64_t x, size_t n, int big)
{
    for (size_t i = 0; i < n; i++)
        p[big ? n - 1 - i : i] = (unsigned char)(x >> (8 * i));
}

/* A minimal ELF image: header, one PT_LOAD then one PT_INTERP program header, the path. */
static size_t make_elf(unsigned char *buf, int is64, int big, const char *interp, int with_interp)
{
    size_t ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32, word = is64 ? 8 : 4;
    size_t path_off = ehsize + 2 * phsize, n = strlen(interp) + 1;
    memset(buf, 0, path_off + n);
    memcpy(buf, "\177ELF", 4);
    buf[4] = is64 ? 2 : 1;
    buf[5] = big ? 2 : 1;
    put_uint(buf + (is64 ? 32 : 28), ehsize, word, big);
    put_uint(buf + (is64 ? 54 : 42), phsize, 2, big);
    put_uint(buf + (is64 ? 56 : 44), 2, 2, big);
    unsigned char *ph = buf + ehsize;
    put_uint(ph, 1, 4, big); /* PT_LOAD */
    ph += phsize;
    put_uint(ph, with_interp ? 3 : 6, 4, big);
    put_uint(ph + (is64 ? 8 : 4), path_off, word, big);
    put_uint(ph + (is64 ? 32 : 16), n, word, big);
    memcpy(buf + path_off, interp, n);
    return path_off + n;
}

static void test_elf_interp(void **state)
{
    (void)state;
    unsigned char buf[512];
    char out[128];
    static const struct {
        int is64, big;
        const char *interp;
    } cases[] = {
        {1, 0, "/lib64/ld-linux-x86-64.so.2"},
        {1, 0, "/lib/ld-musl-x86_64.so.1"},
        {1, 1, "/lib/ld64.so.1"},
        {0, 0, "/lib/ld-linux-armhf.so.3"},
        {0, 1, "/lib/ld.so.1"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t len = make_elf(buf, cases[i].is64, cases[i].big, cases[i].interp, 1);
        assert_int_equal(bs_elf_interp(buf, len, out, sizeof(out)), 0);
        assert_string_equal(out, cases[i].interp);
        /* Every truncation is refused, never read past. */
        for (size_t cut = 0; cut < len; cut++)
            assert_int_not_equal(bs_elf_interp(buf, cut, out, sizeof(out)), 0);
    }
    size_t len = make_elf(buf, 1, 0, "/lib/ld-musl-x86_64.so.1", 0);
    assert_int_equal(bs_elf_interp(buf, len, out, sizeof(out)), BS_E_NOT_FOUND);
    len = make_elf(buf, 1, 0, "/lib/ld-musl-x86_64.so.1", 1);
    assert_int_equal(bs_elf_interp(buf, len, out, 8), BS_E_PARSE);
    assert_int_equal(
        bs_elf_interp((const unsigned char *)"#!/bin/sh\necho hi\n", 19, out, sizeof(out)),
        BS_E_PARSE);
    /* This machine's own shell names a loader. */
    char *sh = NULL;
    size_t sh_len = 0;
    assert_int_equal(plat_read_file("/bin/sh", 65536, &sh, &sh_len), 0);
    assert_int_equal(bs_elf_interp((const unsigned char *)sh, sh_len, out, sizeof(out)), 0);
    assert_non_null(strstr(out, "ld-"));
    free(sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nvidia_table_real_outputs),
        cmocka_unit_test(test_nvidia_table_header_only),
        cmocka_unit_test(test_nvidia_table_rejects_garbage),
        cmocka_unit_test(test_nvidia_query_with_header_h100),
        cmocka_unit_test(test_nvidia_query_two_gpus_by_header),
        cmocka_unit_test(test_nvidia_query_noheader_by_fields),
        cmocka_unit_test(test_nvidia_query_probe_fields),
        cmocka_unit_test(test_nvidia_failures),
        cmocka_unit_test(test_nvidia_module_version),
        cmocka_unit_test(test_os_release),
        cmocka_unit_test(test_rocm_smi_csv),
        cmocka_unit_test(test_rocm_agents),
        cmocka_unit_test(test_meminfo),
        cmocka_unit_test(test_python_answer),
        cmocka_unit_test(test_ldcache_this_machine),
        cmocka_unit_test(test_macos),
        cmocka_unit_test(test_elf_interp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
