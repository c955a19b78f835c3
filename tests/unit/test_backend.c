/*
 * test_backend.c: the torch backend decision, one row per machine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decide/backend.h"
#include "decide/backend_request.h"
#include "unit/facts_builder.h"

struct row {
    const char *what;
    const char *os, *arch;
    bs_vendor vendor; /* BS_VENDOR_UNKNOWN: no GPU */
    const char *gpu, *cc, *driver, *gfx;
    bool integrated;
    const char *version;
    const char *backend, *index;
    bs_status driver_status;
    const char *driver_needed; /* "" to skip */
    bool xformers, gpu_unused;
};

static const struct row rows[] = {
    {"4090, 550 driver: cu128 through minor-version compat", "linux", "x86_64", BS_VENDOR_NVIDIA,
     "NVIDIA GeForce RTX 4090", "8.9", "550.54.14", "", false, NULL, "cu128", "cu128", BS_WARN,
     "525.60.13", false, false},
    {"4090, 580 driver", "linux", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA GeForce RTX 4090", "8.9",
     "580.126.09", "", false, NULL, "cu128", "cu128", BS_PASS, "525.60.13", false, false},
    {"5090 (sm_120) needs cu128", "linux", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA GeForce RTX 5090",
     "12.0", "570.124.06", "", false, NULL, "cu128", "cu128", BS_PASS, "", false, false},
    {"5090 on a driver too old for cu128: CPU, names 525.60.13", "linux", "x86_64",
     BS_VENDOR_NVIDIA, "NVIDIA GeForce RTX 5090", "12.0", "520.61.05", "", false, NULL, "cpu",
     "cpu", BS_FAIL, "525.60.13", false, true},
    {"1080 Ti (sm_61) needs cu126 or older, xformers", "linux", "x86_64", BS_VENDOR_NVIDIA,
     "NVIDIA GeForce GTX 1080 Ti", "6.1", "535.161.07", "", false, NULL, "cu126", "cu126", BS_WARN,
     "525.60.13", true, false},
    {"1080 Ti on 470: cu118", "linux", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA GeForce GTX 1080 Ti",
     "6.1", "470.256.02", "", false, NULL, "cu118", "cu118", BS_WARN, "450.80.02", true, false},
    {"1080 Ti on 440: CPU, names 450.80.02", "linux", "x86_64", BS_VENDOR_NVIDIA,
     "GeForce GTX 108...", "6.1", "440.100", "", false, NULL, "cpu", "cpu", BS_FAIL, "450.80.02",
     false, true},
    {"H100", "linux", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA H100 80GB HBM3", "9.0", "590.48.01", "",
     false, NULL, "cu128", "cu128", BS_PASS, "", false, false},
    {"NVIDIA without a driver: CUDA build, failing driver", "linux", "x86_64", BS_VENDOR_NVIDIA,
     "NVIDIA GPU (PCI device 0x2684)", "", "", "", false, NULL, "cu128", "cu128", BS_FAIL,
     "525.60.13", false, false},
    {"Windows 3060", "windows", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA GeForce RTX 3060", "8.6",
     "560.94", "", false, NULL, "cu128", "cu128", BS_WARN, "528.33", false, false},
    {"no GPU, Linux x86_64: PyTorch CPU index", "linux", "x86_64", BS_VENDOR_UNKNOWN, "", "", "",
     "", false, NULL, "cpu", "cpu", BS_PASS, "", false, false},
    {"no GPU, Windows: default index", "windows", "x86_64", BS_VENDOR_UNKNOWN, "", "", "", "",
     false, NULL, "cpu", "default", BS_PASS, "", false, false},
    {"Linux aarch64 GH200: default index", "linux", "aarch64", BS_VENDOR_NVIDIA,
     "NVIDIA GH200 480GB", "9.0", "550.127.05", "", false, NULL, "cpu", "default", BS_PASS, "",
     false, true},
    {"Apple Silicon: MPS", "darwin", "aarch64", BS_VENDOR_APPLE, "Apple M3", "", "", "", false,
     NULL, "mps", "default", BS_PASS, "", false, false},
    {"Intel Mac: CPU", "darwin", "x86_64", BS_VENDOR_UNKNOWN, "", "", "", "", false, NULL, "cpu",
     "default", BS_PASS, "", false, false},
    {"AMD on Linux: ROCm 7.1", "linux", "x86_64", BS_VENDOR_AMD, "Radeon RX 7900 XT", "", "",
     "gfx1100", false, NULL, "rocm7.1", "rocm7.1", BS_PASS, "", false, false},
    {"AMD iGPU only: CPU, not ROCm (InvokeAI issue 2030)", "linux", "x86_64", BS_VENDOR_AMD,
     "Raphael", "", "", "gfx1036", true, NULL, "cpu", "cpu", BS_PASS, "", false, false},
    {"AMD on Windows: CPU", "windows", "x86_64", BS_VENDOR_AMD, "AMD Radeon RX 7800 XT", "", "", "",
     false, NULL, "cpu", "default", BS_PASS, "", false, true},
    {"Intel Arc, latest: xpu", "linux", "x86_64", BS_VENDOR_INTEL, "Intel Arc (PCI device 0x56a0)",
     "", "", "", false, NULL, "xpu", "xpu", BS_PASS, "", false, false},
    {"Intel Arc, 6.13.5: no xpu yet", "linux", "x86_64", BS_VENDOR_INTEL,
     "Intel Arc (PCI device 0x56a0)", "", "", "", false, "6.13.5", "cpu", "cpu", BS_PASS, "", false,
     true},
    {"InvokeAI 5.5 on Linux: default index CUDA", "linux", "x86_64", BS_VENDOR_NVIDIA,
     "NVIDIA GeForce RTX 3090", "8.6", "560.35.03", "", false, "5.5.0", "cuda", "default", BS_PASS,
     "", false, false},
    {"InvokeAI 5.5 on Windows: cu124", "windows", "x86_64", BS_VENDOR_NVIDIA,
     "NVIDIA GeForce RTX 3090", "8.6", "560.94", "", false, "5.5.0", "cu124", "cu124", BS_PASS, "",
     false, false},
    {"InvokeAI 5.11: cu126", "linux", "x86_64", BS_VENDOR_NVIDIA, "NVIDIA GeForce RTX 3090", "8.6",
     "560.35.03", "", false, "5.11.0", "cu126", "cu126", BS_PASS, "", false, false},
    {"InvokeAI 6.12 AMD: rocm6.3", "linux", "x86_64", BS_VENDOR_AMD, "Radeon RX 7900 XT", "", "",
     "gfx1100", false, "6.12.0", "rocm6.3", "rocm6.3", BS_PASS, "", false, false},
};

static void test_backend_rows(void **state)
{
    (void)state;
    const bs_tables *t = bs_tables_get();
    assert_non_null(t);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct row *r = &rows[i];
        bs_facts f;
        bs_backend_choice c;
        bs_error err;
        print_message("row: %s\n", r->what);
        fb_machine(&f, r->os, r->arch, strcmp(r->os, "linux") == 0 ? "glibc" : "");
        if (r->vendor == BS_VENDOR_NVIDIA)
            fb_nvidia(&f, r->gpu, 8192, r->cc, r->driver);
        else if (r->vendor != BS_VENDOR_UNKNOWN)
            fb_gpu(&f, r->vendor, r->gpu, 16384, r->gfx, r->integrated);
        bs_error_init(&err);
        assert_int_equal(bs_choose_backend(&f, t, r->version, NULL, &c, &err), 0);
        assert_string_equal(c.backend, r->backend);
        assert_string_equal(c.index, r->index);
        assert_int_equal(c.driver_status, r->driver_status);
        if (r->driver_needed[0])
            assert_string_equal(c.driver_needed, r->driver_needed);
        assert_int_equal(c.xformers, r->xformers);
        assert_int_equal(c.gpu_unused, r->gpu_unused);
        assert_true(c.reason[0] != '\0');
    }
}

struct override_row {
    const char *os, *arch, *override;
    int rc;
    const char *backend;
};

static void test_backend_overrides(void **state)
{
    (void)state;
    static const struct override_row orows[] = {
        {"windows", "x86_64", "rocm", BS_E_USAGE, ""},
        {"darwin", "aarch64", "rocm6.3", BS_E_USAGE, ""},
        {"linux", "x86_64", "mps", BS_E_USAGE, ""},
        {"darwin", "aarch64", "cuda", BS_E_USAGE, ""},
        {"darwin", "aarch64", "xpu", BS_E_USAGE, ""},
        {"linux", "x86_64", "bogus", BS_E_USAGE, ""},
        {"linux", "x86_64", "cu999", BS_E_USAGE, ""},
        {"linux", "x86_64", "cpu", 0, "cpu"},
        {"linux", "x86_64", "auto", 0, "cu128"},
        {"linux", "x86_64", "cu126", 0, "cu126"},
        {"linux", "x86_64", "cuda", 0, "cu128"},
        {"linux", "x86_64", "rocm", 0, "rocm7.1"},
        {"linux", "x86_64", "rocm6.3", 0, "rocm6.3"},
        {"darwin", "aarch64", "mps", 0, "mps"},
        {"windows", "x86_64", "xpu", 0, "xpu"},
    };
    const bs_tables *t = bs_tables_get();
    for (size_t i = 0; i < sizeof(orows) / sizeof(orows[0]); i++) {
        bs_facts f;
        bs_backend_choice c;
        bs_error err;
        bs_error_init(&err);
        fb_machine(&f, orows[i].os, orows[i].arch, "glibc");
        if (strcmp(orows[i].os, "darwin") != 0)
            fb_nvidia(&f, "NVIDIA GeForce RTX 4090", 24564, "8.9", "580.126.09");
        print_message("override %s on %s\n", orows[i].override, orows[i].os);
        assert_int_equal(bs_choose_backend(&f, t, NULL, orows[i].override, &c, &err), orows[i].rc);
        if (orows[i].rc == 0)
            assert_string_equal(c.backend, orows[i].backend);
        else
            assert_non_null(strstr(err.message, orows[i].override));
    }
}

static void test_era_lookup(void **state)
{
    (void)state;
    const bs_tables *t = bs_tables_get();
    assert_ptr_equal(bs_era_for(t, NULL), &t->eras[0]);
    assert_ptr_equal(bs_era_for(t, "latest"), &t->eras[0]);
    assert_ptr_equal(bs_era_for(t, "6.13.5"), &t->eras[0]);
    assert_ptr_equal(bs_era_for(t, "6.13.4"), &t->eras[1]);
    assert_string_equal(bs_era_for(t, "5.10.0")->nvidia_linux, "cu126");
    assert_string_equal(bs_era_for(t, "3.4.0")->amd_linux, "rocm5.6");
    assert_null(bs_era_for(t, "3.3.0"));
    bs_facts f;
    bs_backend_choice c;
    bs_error err;
    bs_error_init(&err);
    fb_machine(&f, "linux", "x86_64", "glibc");
    assert_int_equal(bs_choose_backend(&f, t, "2.3.5", NULL, &c, &err), BS_E_USAGE);
    assert_non_null(strstr(err.message, "2.3.5"));
}

/* The one grammar of backend names, and what an installed backend matches. */
static void test_backend_requests(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int rc;
        bs_backend_kind kind;
        bs_family family;
    } reqs[] = {
        {NULL, 0, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"", 0, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"auto", 0, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"cpu", 0, BS_BACKEND_CPU, BS_FAMILY_CPU},
        {"cuda", 0, BS_BACKEND_CUDA, BS_FAMILY_CUDA},
        {"cu128", 0, BS_BACKEND_CUDA_BUILD, BS_FAMILY_CUDA},
        {"cu", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"cu12x", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"rocm", 0, BS_BACKEND_ROCM, BS_FAMILY_ROCM},
        {"rocm6.3", 0, BS_BACKEND_ROCM_BUILD, BS_FAMILY_ROCM},
        {"rocm6.2.4", 0, BS_BACKEND_ROCM_BUILD, BS_FAMILY_ROCM},
        {"rocmx", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"mps", 0, BS_BACKEND_MPS, BS_FAMILY_MPS},
        {"xpu", 0, BS_BACKEND_XPU, BS_FAMILY_XPU},
        {"CUDA", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"gpu", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
        {"cu128cu128cu128cu128", BS_E_USAGE, BS_BACKEND_AUTO, BS_FAMILY_COUNT},
    };
    for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
        bs_backend_request r;
        bs_error err;
        bs_error_init(&err);
        int rc = bs_backend_request_parse(reqs[i].text, &r, &err);
        if (rc != reqs[i].rc)
            fail_msg("'%s': rc %d, expected %d", reqs[i].text ? reqs[i].text : "(null)", rc,
                     reqs[i].rc);
        if (rc == 0) {
            assert_int_equal(r.kind, reqs[i].kind);
            assert_int_equal(bs_backend_request_family(&r), reqs[i].family);
        } else {
            assert_non_null(strstr(err.message, "expected auto, cpu, cuda")
                                ? err.message
                                : strstr(err.message, "too long"));
        }
    }
    bs_backend_request r;
    bs_error err;
    assert_int_equal(bs_backend_request_parse("cuda", &r, &err), 0);
    assert_true(bs_backend_request_matches(&r, "cu126", "cu126"));
    assert_true(bs_backend_request_matches(&r, "cuda", "default"));
    assert_false(bs_backend_request_matches(&r, "cpu", "cpu"));
    assert_int_equal(bs_backend_request_parse("cu128", &r, &err), 0);
    assert_true(bs_backend_request_matches(&r, "cu128", "cu128"));
    assert_false(bs_backend_request_matches(&r, "cu126", "cu126"));
    assert_int_equal(bs_backend_request_parse("rocm", &r, &err), 0);
    assert_true(bs_backend_request_matches(&r, "rocm6.3", "rocm6.3"));
    assert_int_equal(bs_backend_request_parse("auto", &r, &err), 0);
    assert_false(bs_backend_request_matches(&r, "cpu", "cpu"));
    assert_int_equal(bs_backend_family("rocm6.2.4"), BS_FAMILY_ROCM);
    assert_int_equal(bs_backend_family("nonsense"), BS_FAMILY_CPU);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backend_rows),
        cmocka_unit_test(test_backend_overrides),
        cmocka_unit_test(test_era_lookup),
        cmocka_unit_test(test_backend_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
