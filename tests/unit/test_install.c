/*
 * test_install.c: the pure parts of install: PEP 440 versions and specifiers, index pages
 * (HTML and JSON), wheel names and tags, core metadata with markers, pip's report, the
 * release and torch-build picks, the verify rules, the backend decision with an index
 * that lacks the pinned torch, the launchers and invokeai.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "act/launchers.h"
#include "core/pep440.h"
#include "decide/backend.h"
#include "decide/resolve.h"
#include "decide/verify.h"
#include "probe/parse_index.h"
#include "probe/parse_metadata.h"
#include "probe/parse_pip.h"
#include "unit/facts_builder.h"

static void test_pep440_order(void **state)
{
    (void)state;
    /* The spec's own example, then pip's rules for labels and pre-releases. */
    const char *ascending[] = {
        "1.0.dev456", "1.0a1",     "1.0a2.dev456", "1.0a12", "1.0b2.post345",     "1.0rc1",
        "1.0",        "1.0+abc.5", "1.0+abc.7",    "1.0+5",  "1.0.post456.dev34", "1.0.post456",
        "1.1.dev1",   "2!0.1"};
    for (size_t i = 0; i + 1 < sizeof(ascending) / sizeof(ascending[0]); i++)
        assert_true(bs_pep440_cmp_str(ascending[i], ascending[i + 1]) < 0);
    assert_true(bs_pep440_cmp_str("2.7.1", "2.7.1+cu128") < 0);
    assert_true(bs_pep440_cmp_str("6.14.0", "6.9.0") > 0);
    assert_true(bs_pep440_cmp_str("1.0", "1.0.0") == 0);
    assert_true(bs_pep440_cmp_str("7.0.0RC1", "7.0.0rc1") == 0);
    bs_pep440 v;
    assert_true(bs_pep440_parse("7.0.0rc1", &v) && bs_pep440_is_pre(&v));
    assert_true(bs_pep440_parse("6.9.0.post1", &v) && !bs_pep440_is_pre(&v));
    assert_false(bs_pep440_parse("latest", &v));
    assert_false(bs_pep440_parse("2.7.1+", &v));
    assert_string_equal(bs_pep440_local("2.7.1+rocm6.3"), "rocm6.3");
    assert_string_equal(bs_pep440_local("2.7.1"), "");
}

static void test_pep440_specifiers(void **state)
{
    (void)state;
    static const struct {
        const char *version, *spec;
        bool match;
    } rows[] = {
        {"2.7.1+cu128", "==2.7.1", true}, /* a public == ignores the label */
        {"2.7.1+cu128", "==2.7.1+cu128", true},
        {"2.7.1+cpu", "==2.7.1+cu128", false},
        {"2.7.1+cu128", "~=2.7.0", true},
        {"2.8.0", "~=2.7.0", false},
        {"2.7.1", "<2.8,>=2.4", true},
        {"2.8.0", "<2.8,>=2.4", false},
        {"2.8.0rc1", "<2.8", false}, /* <V excludes V's pre-releases */
        {"2.7.1", "==2.7.*", true},
        {"2.71", "==2.7.*", false},
        {"2.7.1", "!=2.7.1", false},
        {"2.7.1.post1", ">2.7.1", false}, /* >V excludes V's post-releases */
        {"2.7.2", ">2.7.1", true},
        {"3.11.2", ">=3.10,<3.12", true},
        {"3.12.0", ">=3.10,<3.12", false},
        {"1.0", "", true},
        {"1.0", "=>1.0", false}, /* malformed matches nothing */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (bs_pep440_matches(rows[i].version, rows[i].spec) != rows[i].match)
            fail_msg("%s %s: expected %d", rows[i].version, rows[i].spec, rows[i].match);
    }
    char n[64];
    bs_pep503_normalize("Invoke_AI..Web", n, sizeof(n));
    assert_string_equal(n, "invoke-ai-web");
}

static void test_index_html(void **state)
{
    (void)state;
    /* download.pytorch.org's shape: relative hrefs, both metadata attributes, escapes. */
    const char *html =
        "<!DOCTYPE html><html><body>\n"
        "<a href=\"/whl/cu128/torch-2.7.1%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl#sha256="
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" "
        "data-requires-python=\"&gt;=3.9.0\" data-dist-info-metadata=\"sha256="
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" "
        "data-core-metadata=\"sha256="
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
        "torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl</a><br/>\n"
        "<A HREF='../../files/old-1.0-py3-none-any.whl' data-yanked>old-1.0-py3-none-any.whl</A>\n"
        "</body></html>\n";
    bs_index_page p;
    bs_index_page_init(&p);
    assert_int_equal(bs_index_parse(html, "text/html", "https://h.example/whl/cu128/torch/", &p),
                     0);
    assert_int_equal(p.count, 2);
    assert_string_equal(p.files[0].filename,
                        "torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl");
    assert_string_equal(
        p.files[0].url,
        "https://h.example/whl/cu128/torch-2.7.1%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl");
    assert_string_equal(p.files[0].sha256,
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assert_string_equal(p.files[0].requires_python, ">=3.9.0");
    assert_true(p.files[0].has_metadata);
    assert_false(p.files[0].yanked);
    assert_true(p.files[1].yanked);
    assert_string_equal(p.files[1].url, "https://h.example/whl/files/old-1.0-py3-none-any.whl");
    assert_string_equal(p.files[1].sha256, "");
    bs_index_page_free(&p);
}

static void test_index_json(void **state)
{
    (void)state;
    const char *json = "{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"invokeai\",\"files\":["
                       "{\"filename\":\"invokeai-6.9.0-py3-none-any.whl\",\"url\":\"../../files/"
                       "invokeai-6.9.0-py3-none-any.whl\","
                       "\"hashes\":{\"sha256\":"
                       "\"1111111111111111111111111111111111111111111111111111111111111111\"},"
                       "\"requires-python\":\">=3.10,<3.13\",\"core-metadata\":true},"
                       "{\"filename\":\"invokeai-6.0.0.tar.gz\",\"url\":\"https://other.example/"
                       "x.tar.gz\",\"hashes\":{},"
                       "\"yanked\":\"broken\"}]}";
    bs_index_page p;
    bs_index_page_init(&p);
    assert_int_equal(bs_index_parse(json, "application/vnd.pypi.simple.v1+json",
                                    "https://idx.example/simple/invokeai/", &p),
                     0);
    assert_int_equal(p.count, 2);
    assert_string_equal(p.files[0].url,
                        "https://idx.example/files/invokeai-6.9.0-py3-none-any.whl");
    assert_string_equal(p.files[0].requires_python, ">=3.10,<3.13");
    assert_true(p.files[0].has_metadata);
    assert_true(p.files[1].yanked);
    assert_string_equal(p.files[1].url, "https://other.example/x.tar.gz");
    assert_int_equal(
        bs_index_parse("{\"meta\":{}}", "application/vnd.pypi.simple.v1+json", "https://x/", &p),
        BS_E_PARSE);
    bs_index_page_free(&p);
}

static void test_wheel_names(void **state)
{
    (void)state;
    bs_wheel_name w;
    assert_true(bs_wheel_name_parse("torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl", &w));
    assert_string_equal(w.name, "torch");
    assert_string_equal(w.version, "2.7.1+cu128");
    assert_true(bs_wheel_fits(&w, "3.11", "linux", "x86_64"));
    assert_false(bs_wheel_fits(&w, "3.12", "linux", "x86_64"));
    assert_false(bs_wheel_fits(&w, "3.11", "linux", "aarch64"));
    assert_false(bs_wheel_fits(&w, "3.11", "windows", "x86_64"));
    assert_true(bs_wheel_name_parse("InvokeAI-6.9.0-py3-none-any.whl", &w));
    assert_string_equal(w.name, "invokeai");
    assert_true(bs_wheel_fits(&w, "3.11", "darwin", "aarch64"));
    assert_true(bs_wheel_name_parse("torch-2.7.1-1-cp311-cp311-win_amd64.whl", &w)); /* build tag */
    assert_true(bs_wheel_fits(&w, "3.11", "windows", "x86_64"));
    assert_true(bs_wheel_name_parse("x-1.0-cp39-abi3-macosx_11_0_universal2.whl", &w));
    assert_true(bs_wheel_fits(&w, "3.11", "darwin", "aarch64") == false); /* cp39 is exact */
    assert_true(bs_wheel_name_parse("x-1.0-py38-none-any.whl", &w));
    assert_true(bs_wheel_fits(&w, "3.11", "linux", "x86_64"));
    assert_false(bs_wheel_name_parse("invokeai-6.9.0.tar.gz", &w));
    assert_false(bs_wheel_name_parse("torch-2.7.1.whl", &w));
}

static void test_metadata(void **state)
{
    (void)state;
    const char *meta =
        "Metadata-Version: 2.1\nName: InvokeAI\nVersion: 6.9.0\n"
        "Requires-Python: <3.13,>=3.10\n"
        "Requires-Dist: torch~=2.7.0\n"
        "Requires-Dist: torch<2.12; sys_platform == \"linux\" and extra == \"rocm\"\n"
        "Requires-Dist: torchvision\n"
        "Requires-Dist: xformers>=0.0.28; extra == \"xformers\"\n"
        "Requires-Dist: Torch-Stub (>=1.0) ; python_version < \"3.11\"\n"
        "\nRequires-Dist: torch==9.9 (the body is not metadata)\n";
    char out[128];
    const char *rocm[] = {"rocm", NULL};
    bs_marker_env env = {"linux", "x86_64", "3.11", NULL};
    bs_metadata_field(meta, "Requires-Python", out, sizeof(out));
    assert_string_equal(out, "<3.13,>=3.10");
    bs_metadata_field(meta, "Version", out, sizeof(out));
    assert_string_equal(out, "6.9.0");
    assert_true(bs_metadata_requirement(meta, "torch", &env, out, sizeof(out)));
    assert_string_equal(out, "~=2.7.0");
    env.extras = rocm;
    assert_true(bs_metadata_requirement(meta, "torch", &env, out, sizeof(out)));
    assert_string_equal(out, "~=2.7.0,<2.12");
    assert_false(bs_metadata_requirement(meta, "xformers", &env, out, sizeof(out)));
    assert_true(bs_metadata_requirement(meta, "torchvision", &env, out, sizeof(out)));
    assert_string_equal(out, "");
    assert_false(bs_metadata_requirement(meta, "torch-stub", &env, out, sizeof(out)));
    env.python_version = "3.10";
    assert_true(bs_metadata_requirement(meta, "torch-stub", &env, out, sizeof(out)));
    assert_string_equal(out, ">=1.0");
    bs_marker_env win = {"win32", "AMD64", "3.11", NULL};
    assert_true(
        bs_marker_eval("platform_system == \"Windows\" or (sys_platform == 'darwin')", &win));
    assert_false(bs_marker_eval("sys_platform != \"win32\"", &win));
    assert_true(bs_marker_eval("", &win));
}

static void test_pip_report(void **state)
{
    (void)state;
    /* pip 23.0.1 from an index (both hash forms) and from --find-links (legacy only). */
    const char *report =
        "{\"version\": \"1\", \"pip_version\": \"23.0.1\", \"install\": ["
        "{\"download_info\": {\"url\": "
        "\"https://127.0.0.1/files/torch-2.7.1%2Bcu128-cp311-cp311-linux_x86_64.whl\","
        "\"archive_info\": {\"hash\": "
        "\"sha256=03d3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacdc8\","
        "\"hashes\": {\"sha256\": "
        "\"03d3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacdc8\"}}},"
        "\"is_direct\": false, \"requested\": true, \"metadata\": {\"name\": \"Torch\", "
        "\"version\": \"2.7.1+cu128\"}},"
        "{\"download_info\": {\"url\": \"file:///w/filelock-3.13.1-py3-none-any.whl\","
        "\"archive_info\": {\"hash\": "
        "\"sha256=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}},"
        "\"requested\": false, \"metadata\": {\"name\": \"filelock\", \"version\": \"3.13.1\"}}],"
        "\"environment\": {}}";
    bs_pip_report r;
    bs_pip_report_init(&r);
    assert_int_equal(bs_pip_report_parse(report, &r), 0);
    assert_int_equal(r.count, 2);
    assert_string_equal(r.pip_version, "23.0.1");
    const bs_installed_dist *t = bs_pip_report_find(&r, "torch");
    assert_non_null(t);
    assert_string_equal(t->version, "2.7.1+cu128");
    assert_true(t->requested);
    assert_string_equal(t->sha256,
                        "03d3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacdc8");
    assert_string_equal(bs_pip_report_find(&r, "filelock")->sha256,
                        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    assert_int_equal(bs_pip_report_parse("{\"version\": \"2\", \"install\": []}", &r), BS_E_PARSE);
    bs_pip_report_free(&r);
}

static bs_index_page page_of(const char *const names[])
{
    bs_index_page p;
    bs_index_page_init(&p);
    size_t n = 0;
    while (names[n])
        n++;
    p.files = calloc(n, sizeof(*p.files));
    for (size_t i = 0; i < n; i++) {
        snprintf(p.files[i].filename, sizeof(p.files[i].filename), "%s", names[i]);
        if (strstr(names[i], "yanked"))
            p.files[i].yanked = true;
    }
    p.count = n;
    return p;
}

static void test_pick_release_and_build(void **state)
{
    (void)state;
    const char *const inv[] = {
        "InvokeAI-5.9.0-py3-none-any.whl",  "InvokeAI-6.9.0-py3-none-any.whl",
        "InvokeAI-6.14.0-py3-none-any.whl", "InvokeAI-7.0.0rc1-py3-none-any.whl",
        "invokeai-6.10.0.tar.gz",           NULL};
    bs_index_page p = page_of(inv);
    bs_target t = {"3.11", "3.11.2", "linux", "x86_64"};
    char why[256];
    assert_int_equal(bs_pick_release(&p, "invokeai", "latest", false, &t, why, sizeof(why)), 2);
    assert_int_equal(bs_pick_release(&p, "invokeai", NULL, true, &t, why, sizeof(why)), 3);
    assert_int_equal(bs_pick_release(&p, "invokeai", "6.9.0", false, &t, why, sizeof(why)), 1);
    assert_int_equal(bs_pick_release(&p, "invokeai", "7.0.0rc1", false, &t, why, sizeof(why)), 3);
    assert_int_equal(bs_pick_release(&p, "invokeai", "6.10.0", false, &t, why, sizeof(why)), -1);
    assert_string_equal(why, "the index has no invokeai wheel for Python 3.11 on linux x86_64");
    assert_int_equal(bs_pick_release(&p, "invokeai", "9.9.9", false, &t, why, sizeof(why)), -1);
    assert_string_equal(why, "invokeai 9.9.9 is not on the index");
    snprintf(p.files[2].requires_python, sizeof(p.files[2].requires_python), ">=3.12");
    assert_int_equal(bs_pick_release(&p, "invokeai", "latest", false, &t, why, sizeof(why)), 1);
    bs_index_page_free(&p);

    const char *const torch[] = {
        "torch-2.7.1+cpu-cp311-cp311-manylinux_2_28_x86_64.whl",
        "torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl",
        "torch-2.7.1+cu128-cp312-cp312-manylinux_2_28_x86_64.whl",
        "torch-2.8.0+cu128-cp311-cp311-manylinux_2_28_x86_64.whl",
        "torch-2.7.0+cu128-cp311-cp311-win_amd64.whl",
        "torch-2.7.1-cp311-cp311-manylinux_2_28_x86_64.whl",
        "torch-2.9.0.dev20250101+cu128-cp311-cp311-manylinux_2_28_x86_64.whl",
        NULL};
    p = page_of(torch);
    assert_int_equal(bs_pick_build(&p, "torch", "~=2.7.0", "cu128", &t), 1);
    assert_int_equal(bs_pick_build(&p, "torch", "", "cu128", &t), 3);
    assert_int_equal(bs_pick_build(&p, "torch", "~=2.7.0", "cpu", &t), 0);
    assert_int_equal(bs_pick_build(&p, "torch", "~=2.7.0", "", &t), 5);
    assert_int_equal(bs_pick_build(&p, "torch", "~=2.7.0", "rocm6.3", &t), -1);
    bs_target win = {"3.11", "3.11.9", "windows", "x86_64"};
    assert_int_equal(bs_pick_build(&p, "torch", "~=2.7.0", "cu128", &win), 4);
    bs_index_page_free(&p);
    assert_string_equal(bs_backend_label("cu126"), "cu126");
    assert_string_equal(bs_backend_label("default"), "");
    assert_string_equal(bs_backend_label("mps"), "");
}

static void test_verify_rules(void **state)
{
    (void)state;
    char msg[512];
    bs_torch_answer a;
    memset(&a, 0, sizeof(a));
    snprintf(a.invokeai, sizeof(a.invokeai), "6.9.0");
    snprintf(a.torch, sizeof(a.torch), "2.7.1+cu128");
    snprintf(a.cuda, sizeof(a.cuda), "12.8");
    snprintf(a.arch_list, sizeof(a.arch_list), "sm_75 sm_80 sm_86 sm_90 sm_100 sm_120");
    a.has_web = true;
    a.available = true;
    a.files_changed = 0;
    bs_expectation e = {"6.9.0", "2.7.1+cu128", "cu128", BS_FAMILY_CUDA, "8.9", true};
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_PASS); /* sm_86 runs on 8.9 */
    e.compute_capability = "6.1";
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    assert_non_null(strstr(msg, "compute capability 6.1"));
    e.compute_capability = "12.0";
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_PASS);
    a.available = false;
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_WARN);
    /* The failure this installer exists for: a CPU torch on a GPU plan. */
    snprintf(a.torch, sizeof(a.torch), "2.7.1+cpu");
    a.cuda[0] = '\0';
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    assert_non_null(strstr(msg, "2.7.1+cpu is installed"));
    e.torch = NULL;
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    assert_non_null(strstr(msg, "+cu128 build"));
    /* The default index: any label, but it must be a CUDA build. */
    e.label = NULL;
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    assert_non_null(strstr(msg, "not a CUDA build"));
    snprintf(a.torch, sizeof(a.torch), "2.7.1+cu128");
    snprintf(a.cuda, sizeof(a.cuda), "12.8");
    a.files_changed = 2;
    snprintf(a.changed_example, sizeof(a.changed_example), "torch/lib/cudnn64_9.dll changed");
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    a.files_changed = 0;
    snprintf(a.invokeai, sizeof(a.invokeai), "6.14.0");
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    a.has_web = false;
    snprintf(a.invokeai, sizeof(a.invokeai), "6.9.0");
    assert_int_equal(bs_verify_install(&a, &e, msg, sizeof(msg)), BS_FAIL);
    /* The expectation an install plan or a receipt makes. */
    bs_gpu gpu = {.vendor = BS_VENDOR_NVIDIA};
    snprintf(gpu.compute_capability, sizeof(gpu.compute_capability), "8.6");
    bs_expectation_for(&e, "6.9.0", "2.7.1", "cuda", "default", &gpu, false);
    assert_null(e.label); /* PyPI's torch: any label */
    assert_int_equal(e.family, BS_FAMILY_CUDA);
    assert_true(e.gpu_expected);
    assert_string_equal(e.compute_capability, "8.6");
    bs_expectation_for(&e, "6.9.0", "2.7.1+rocm6.3", "rocm6.3", "rocm6.3", NULL, false);
    assert_string_equal(e.label, "rocm6.3");
    assert_int_equal(e.family, BS_FAMILY_ROCM);
    assert_false(e.gpu_expected);
    bs_expectation_for(&e, "6.9.0", "2.7.1+cpu", "cpu", "cpu", &gpu, true);
    assert_string_equal(e.label, "cpu");
    assert_false(e.gpu_expected);
    bs_torch_answer parsed;
    assert_int_equal(
        bs_torch_answer_parse("noise\n{\"torch\": \"2.7.1+rocm6.3\", \"hip\": \"6.3.1\", "
                              "\"available\": true, \"arch_list\": [\"gfx1100\"], "
                              "\"files_changed\": 0, \"has_web\": true}",
                              &parsed),
        0);
    assert_string_equal(parsed.hip, "6.3.1");
    assert_string_equal(parsed.arch_list, "gfx1100");
    assert_int_equal(parsed.files_changed, 0);
    assert_int_equal(bs_torch_answer_parse("Traceback", &parsed), BS_E_PARSE);
}

/* Indexes without the pinned torch in the named builds. */
static bool lacks_cu128(void *user, const char *index)
{
    (void)user;
    return strcmp(index, "cu128") != 0;
}

static bool lacks_all(void *user, const char *index)
{
    (void)user;
    (void)index;
    return false;
}

static void test_backend_with_index(void **state)
{
    (void)state;
    bs_facts f;
    bs_backend_choice c;
    bs_error err;
    const bs_tables *t = bs_tables_get();
    fb_machine(&f, "linux", "x86_64", "glibc");
    fb_nvidia(&f, "NVIDIA GeForce RTX 4090", 24564, "8.9", "570.86.10");
    assert_int_equal(bs_choose_backend_for(&f, t, "6.9.0", NULL, lacks_cu128, NULL, &c, &err), 0);
    assert_string_equal(c.backend, "cu126");
    assert_non_null(strstr(c.reason, "lack the torch"));
    assert_int_equal(bs_choose_backend_for(&f, t, "6.9.0", NULL, lacks_all, NULL, &c, &err), 0);
    assert_string_equal(c.backend, "cpu");
    assert_true(c.gpu_unused);
    assert_int_equal(c.driver_status, BS_FAIL);
    bs_facts_free(&f);
}

static void test_launchers_and_yaml(void **state)
{
    (void)state;
    char *sh = bs_launcher_sh("/home/a b/it's ü", true);
    assert_non_null(strstr(sh, "INVOKEAI_ROOT='/home/a b/it'\\''s ü'\n"));
    assert_non_null(strstr(sh, "PYTORCH_ENABLE_MPS_FALLBACK=1"));
    /* macOS: the system's CA bundle for the managed Python, a user's choice kept. */
    assert_non_null(strstr(sh, "SSL_CERT_FILE=\"${SSL_CERT_FILE:-/etc/ssl/cert.pem}\"\nexport "
                               "SSL_CERT_FILE\n"));
    assert_non_null(strstr(sh, "exec \"$INVOKEAI_ROOT/.venv/bin/invokeai-web\" \"$@\""));
    free(sh);
    sh = bs_launcher_sh("/r", false);
    assert_null(strstr(sh, "MPS"));
    assert_null(strstr(sh, "SSL_CERT_FILE"));
    free(sh);
    char *bat = bs_launcher_bat("C:/Users/a b/100%");
    assert_non_null(strstr(bat, "set \"INVOKEAI_ROOT=C:\\Users\\a b\\100%%\"\r\n"));
    assert_non_null(strstr(bat, "invokeai-web.exe\" %*"));
    free(bat);
    char *y = bs_yaml_set_precision(NULL, "float32");
    assert_non_null(strstr(y, "schema_version: 4.0.2\n"));
    assert_non_null(strstr(y, "\nprecision: float32\n"));
    free(y);
    y = bs_yaml_set_precision("schema_version: 4.0.3\nram: 12\n", "float32");
    assert_string_equal(y, "schema_version: 4.0.3\nram: 12\nprecision: float32\n");
    free(y);
    y = bs_yaml_set_precision("precision: bfloat16\nnested:\n  precision: x\n", "float32");
    assert_string_equal(y, "precision: bfloat16\nnested:\n  precision: x\n");
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pep440_order),       cmocka_unit_test(test_pep440_specifiers),
        cmocka_unit_test(test_index_html),         cmocka_unit_test(test_index_json),
        cmocka_unit_test(test_wheel_names),        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_pip_report),         cmocka_unit_test(test_pick_release_and_build),
        cmocka_unit_test(test_verify_rules),       cmocka_unit_test(test_backend_with_index),
        cmocka_unit_test(test_launchers_and_yaml),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
