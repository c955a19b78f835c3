/*
 * test_cudnn.c: the cuDNN swap below the CLI. The PE version parser on generated DLLs
 * and every truncation of them; the version readings and the patch rule, one row per
 * case; and the transaction on a Windows-layout venv made by tests/fixtures/make_cudnn.py,
 * with a fake platform answer (a sharing violation) and a step hook that stops the run
 * at each journal step the way a kill would, followed by recovery.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "act/cudnn_swap.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "core/error.h"
#include "decide/cudnn.h"
#include "platform/platform.h"
#include "probe/parse_pe.h"

static char tmp[256];

static int setup(void **state)
{
    (void)state;
    plat_init();
    snprintf(tmp, sizeof(tmp), "/tmp/bs-cudnn-unit.XXXXXX");
    return plat_make_temp_dir(tmp);
}

static int teardown(void **state)
{
    (void)state;
    return bs_remove_tree(tmp);
}

static void make(const char *args)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "cd '%s' && python3 '%s/make_cudnn.py' %s", tmp, BS_FIXTURES, args);
    assert_int_equal(system(cmd), 0);
}

static unsigned char *slurp(const char *rel, size_t *len)
{
    char path[512], *data = NULL;
    snprintf(path, sizeof(path), "%s/%s", tmp, rel);
    assert_int_equal(plat_read_file(path, 16u << 20, &data, len), 0);
    return (unsigned char *)data;
}

static void test_pe_version(void **state)
{
    (void)state;
    unsigned v[4];
    size_t len, bare_len;
    make("dll cudnn64_9.dll 9.10.2.21 && python3 '" BS_FIXTURES
         "/make_cudnn.py' dll cudnn_graph64_9.dll 9.10.2.21 --no-version");
    unsigned char *dll = slurp("cudnn64_9.dll", &len),
                  *bare = slurp("cudnn_graph64_9.dll", &bare_len);
    bs_pe_buffer b = {dll, len};
    assert_int_equal(bs_pe_file_version(bs_pe_read_buffer, &b, v), 0);
    assert_int_equal(v[0], 9);
    assert_int_equal(v[1], 10);
    assert_int_equal(v[2], 2);
    assert_int_equal(v[3], 21);
    /* In torch 2.13 nightlies some sub-libraries carry no version resource at all. */
    bs_pe_buffer nb = {bare, bare_len};
    assert_int_equal(bs_pe_file_version(bs_pe_read_buffer, &nb, v), BS_E_NOT_FOUND);
    /* Every truncation inside the headers and the resource is an error, never a read
     * past the end (ASan watches). */
    /* The last field read (dwFileVersionLS) ends at 0x290 in the fixture. */
    for (size_t cut = 0; cut < 0x290; cut++) {
        bs_pe_buffer t = {dll, cut};
        assert_int_not_equal(bs_pe_file_version(bs_pe_read_buffer, &t, v), 0);
    }
    /* Damaged signatures and a resource entry pointing at itself. */
    unsigned char *copy = malloc(len);
    memcpy(copy, dll, len);
    copy[0x40] = 'X';
    bs_pe_buffer c = {copy, len};
    assert_int_equal(bs_pe_file_version(bs_pe_read_buffer, &c, v), BS_E_PARSE);
    memcpy(copy, dll, len);
    for (size_t i = 0x200; i + 4 < len && i < 0x400; i++)
        if (copy[i] == 0xBD && copy[i + 1] == 0x04 && copy[i + 2] == 0xEF && copy[i + 3] == 0xFE)
            copy[i] = 0;
    assert_int_equal(bs_pe_file_version(bs_pe_read_buffer, &c, v), BS_E_PARSE);
    memcpy(copy, dll, len);
    copy[0x200 + 0x14] = 0x00; /* the type entry's subdirectory -> the root itself */
    copy[0x200 + 0x17] = 0x80;
    assert_int_not_equal(bs_pe_file_version(bs_pe_read_buffer, &c, v), 0);
    free(copy);
    free(dll);
    free(bare);
}

static void test_versions(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int major;
    } dlls[] = {{"cudnn64_9.dll", 9},
                {"cudnn_ops64_9.dll", 9},
                {"CUDNN_CNN_INFER64_8.DLL", 8},
                {"cudnn_engines_tensor_ir64_9.dll", 9},
                {"cudnn64_10.dll", 10},
                {"cudnn.dll", -1},
                {"cudnn64_.dll", -1},
                {"cublas64_12.dll", -1},
                {"cudnn_ops64_9.dll.bs-new", -1},
                {"cudnn_ops32_9.dll", -1}};
    for (size_t i = 0; i < sizeof(dlls) / sizeof(dlls[0]); i++)
        assert_int_equal(bs_cudnn_dll_major(dlls[i].name), dlls[i].major);
    assert_true(bs_cudnn_dll_is_shim("cudnn64_9.dll"));
    assert_false(bs_cudnn_dll_is_shim("cudnn_ops64_9.dll"));

    static const struct {
        const char *name;
        unsigned v[4];
        int cuda;
    } names[] = {
        {"cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip", {9, 10, 2, 21}, 12},
        {"C:\\Downloads\\cudnn-windows-x86_64-9.19.0.56_cuda13-archive.zip", {9, 19, 0, 56}, 13},
        {"/dl/cudnn-windows-x86_64-8.3.2.44_cuda11.5-archive", {8, 3, 2, 44}, 11},
        {"cudnn-windows-x86_64-8.9.7.29_cuda12-archive", {8, 9, 7, 29}, 12}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        bs_cudnn_version v;
        int cuda = 0;
        assert_int_equal(bs_cudnn_parse_archive_name(names[i].name, &v, &cuda), 0);
        assert_int_equal(v.major, names[i].v[0]);
        assert_int_equal(v.minor, names[i].v[1]);
        assert_int_equal(v.patch, names[i].v[2]);
        assert_int_equal(v.build, names[i].v[3]);
        assert_int_equal(cuda, names[i].cuda);
    }
    bs_cudnn_version v;
    int cuda;
    assert_int_equal(bs_cudnn_parse_archive_name(
                         "cudnn-linux-x86_64-9.10.2.21_cuda12-archive.tar.xz", &v, &cuda),
                     BS_E_PARSE);
    assert_int_equal(bs_cudnn_parse_archive_name("cudnn-11.x-windows-x64-v8.0.5.39.zip", &v, &cuda),
                     BS_E_PARSE);
    assert_int_equal(
        bs_cudnn_parse_archive_name("cudnn-windows-x86_64-9.10_cuda12-archive.zip", &v, &cuda),
        BS_E_PARSE);

    assert_int_equal(
        bs_cudnn_parse_version_header("#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 3\n"
                                      "#define CUDNN_PATCHLEVEL 0\n#define CUDNN_VERSION "
                                      "(CUDNN_MAJOR * 10000 + CUDNN_MINOR * 100)\n",
                                      &v),
        0);
    assert_int_equal(v.major * 100 + v.minor * 10 + v.patch, 930);
    assert_int_equal(bs_cudnn_parse_version_header("#define CUDNN_MAJOR_X 9\n", &v), BS_E_PARSE);

    static const struct {
        long n;
        unsigned v[3];
    } runtime[] = {{8700, {8, 7, 0}},  {8902, {8, 9, 2}},   {90100, {9, 1, 0}},
                   {90701, {9, 7, 1}}, {91002, {9, 10, 2}}, {91200, {9, 12, 0}}};
    for (size_t i = 0; i < sizeof(runtime) / sizeof(runtime[0]); i++) {
        bs_cudnn_from_runtime(runtime[i].n, &v);
        assert_int_equal(v.major, runtime[i].v[0]);
        assert_int_equal(v.minor, runtime[i].v[1]);
        assert_int_equal(v.patch, runtime[i].v[2]);
    }
    assert_int_equal(bs_torch_cuda_major("2.7.1+cu128"), 12);
    assert_int_equal(bs_torch_cuda_major("2.7.1+cu118"), 11);
    assert_int_equal(bs_torch_cuda_major("2.9.0+cu130"), 13);
    assert_int_equal(bs_torch_cuda_major("2.7.1+cpu"), 0);
    assert_int_equal(bs_torch_cuda_major("2.7.1"), 0);
    char text[32];
    bs_cudnn_format(&(bs_cudnn_version){9, 10, 2, 0}, text, sizeof(text));
    assert_string_equal(text, "9.10.2");
}

static void test_patch_rule(void **state)
{
    (void)state;
    const bs_cudnn_version v971 = {9, 7, 1, 26}, v9102 = {9, 10, 2, 21}, v910 = {9, 1, 0, 70},
                           v911 = {9, 11, 0, 98}, v897 = {8, 9, 7, 29}, v980 = {9, 8, 0, 87};
    static const bs_cudnn_version none = {0, 0, 0, 0};
    struct row {
        const char *torch;
        int torch_major;
        bs_cudnn_version have, floor, archive;
        int cuda, archive_major;
        const char *cc;
        bs_cudnn_verdict want;
        const char *words; /* in why (refused, same) or warning (patch) */
    } rows[] = {
        {"2.7.1+cu128", 9, v971, none, v9102, 12, 9, "8.6", BS_CUDNN_PATCH, NULL},
        {"2.7.1+cu128", 9, v9102, none, v9102, 12, 9, "8.6", BS_CUDNN_SAME,
         "already has cuDNN 9.10.2.21"},
        {"2.7.1+cu128", 9, v971, none, v897, 12, 8, "8.6", BS_CUDNN_REFUSED, "never be used"},
        {"2.2.2+cu121", 8, v897, none, v9102, 12, 9, "8.6", BS_CUDNN_REFUSED, "loads cuDNN 8"},
        {"2.7.1+cu128", 9, v971, none, v9102, 11, 9, "8.6", BS_CUDNN_REFUSED, "for CUDA 11"},
        {"2.7.1+cu128", 9, v971, none, v910, 12, 9, "8.6", BS_CUDNN_REFUSED,
         "older than the 9.7.1.26"},
        /* patched to 9.10 already; going down to 9.8 is fine: torch was built with 9.7 */
        {"2.7.1+cu128", 9, v9102, v971, v980, 12, 9, "8.6", BS_CUDNN_PATCH, NULL},
        {"2.7.1+cu128", 9, v9102, v971, v910, 12, 9, "8.6", BS_CUDNN_REFUSED,
         "older than the 9.7.1.26"},
        {"2.7.1+cu128", 9, v971, none, v911, 12, 9, "6.1", BS_CUDNN_REFUSED,
         "compute capability 7.5"},
        {"2.7.1+cu128", 9, v971, none, v911, 12, 9, "7.5", BS_CUDNN_PATCH, NULL},
        {"2.7.1+cu128", 9, v971, none, v911, 12, 9, "", BS_CUDNN_PATCH, "no NVIDIA GPU was seen"},
        {"2.7.1+cu128", 9, v971, none, v9102, 0, 9, "8.6", BS_CUDNN_PATCH,
         "does not say which CUDA"},
        {"2.7.1+cpu", 0, none, none, v9102, 12, 9, "8.6", BS_CUDNN_REFUSED, "not a CUDA build"},
        {"2.7.1+cu128", 0, none, none, v9102, 12, 9, "8.6", BS_CUDNN_REFUSED, "no cudnn64_N.dll"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        bs_cudnn_patch_facts f = {.torch = rows[i].torch,
                                  .torch_dll_major = rows[i].torch_major,
                                  .torch_cudnn = rows[i].have,
                                  .floor = rows[i].floor,
                                  .archive = rows[i].archive,
                                  .archive_cuda_major = rows[i].cuda,
                                  .archive_dll_major = rows[i].archive_major,
                                  .compute_capability = rows[i].cc};
        bs_cudnn_advice a;
        bs_cudnn_verdict got = bs_cudnn_check_patch(&f, &a);
        if (got != rows[i].want)
            fail_msg("row %zu: verdict %d, expected %d (%s)", i, got, rows[i].want, a.why);
        if (rows[i].words &&
            !strstr(rows[i].want == BS_CUDNN_PATCH ? a.warning : a.why, rows[i].words))
            fail_msg("row %zu: '%s' not in '%s' / '%s'", i, rows[i].words, a.why, a.warning);
        if (got == BS_CUDNN_REFUSED)
            assert_true(a.hint[0] != '\0');
    }
}

/* ---- the transaction on a real tree ---- */

typedef struct fake_platform {
    const char *busy_name; /* the file a fake "sharing violation" is reported for */
    const char *stop_at;   /* the step where the run stops, as a kill would */
    int stops;
} fake_platform;

static int fake_in_use(void *user, const char *const *paths, size_t n, size_t *which)
{
    fake_platform *p = user;
    for (size_t i = 0; p->busy_name && i < n; i++)
        if (strstr(paths[i], p->busy_name)) {
            *which = i;
            return 1;
        }
    return 0;
}

static int fake_step(void *user, const char *step)
{
    fake_platform *p = user;
    if (p->stop_at && strcmp(step, p->stop_at) == 0) {
        p->stops++;
        return 1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The cudnn files of torch\lib and any staging, as "name=sha256;" in name order. */
static void lib_state(const char *lib, char *out, size_t size)
{
    char **names = NULL;
    size_t n = 0;
    out[0] = '\0';
    assert_int_equal(plat_list_dir(lib, &names, &n), 0);
    qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        char path[1024], hex[65];
        int64_t sz;
        if (strncmp(names[i], "cudnn", 5) != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", lib, names[i]);
        assert_int_equal(bs_sha256_file_hex(path, hex, &sz), 0);
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s=%.12s;", names[i], hex);
    }
    plat_free_names(names, n);
}

static void fresh(char *root, size_t size, bs_torch_lib *t, char *before, size_t bsize)
{
    bs_error err;
    bs_error_init(&err);
    make("venv root 2.7.1+cu128 9.7.1.26 >/dev/null 2>&1 || true; rm -rf root && "
         "python3 '" BS_FIXTURES "/make_cudnn.py' venv root 2.7.1+cu128 9.7.1.26");
    snprintf(root, size, "%s/root", tmp);
    assert_int_equal(bs_torch_lib_find(root, t, &err), 0);
    assert_int_equal(t->dll_major, 9);
    assert_int_equal(t->version.minor, 7);
    lib_state(t->lib, before, bsize);
}

static void test_swap_in_use_and_kills(void **state)
{
    (void)state;
    static bs_torch_lib t;
    static bs_cudnn_source src;
    static bs_cudnn_journal j;
    char root[512], zip[512], before[4096], after[4096], now[4096];
    bs_error err;
    fake_platform fp = {0};
    bs_cudnn_hooks h = {.in_use = fake_in_use, .step = fake_step, .user = &fp};
    int done;

    make("zip cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip 9.10.2.21 12");
    snprintf(zip, sizeof(zip), "%s/cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip", tmp);

    /* A sharing violation on one DLL: refused before anything changes. */
    fresh(root, sizeof(root), &t, before, sizeof(before));
    bs_error_init(&err);
    assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
    fp.busy_name = "cudnn_cnn64_9.dll";
    assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), BS_E_LOCKED);
    assert_non_null(strstr(err.message, "cudnn_cnn64_9.dll is in use"));
    assert_non_null(strstr(err.hint, "close InvokeAI first"));
    lib_state(t.lib, now, sizeof(now));
    assert_string_equal(now, before);
    fp.busy_name = NULL;
    bs_cudnn_source_close(&src);

    /* The "after" set, from a run that is not stopped. */
    bs_error_init(&err);
    assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
    assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), 0);
    bs_cudnn_source_close(&src);
    lib_state(t.lib, after, sizeof(after));
    assert_string_not_equal(after, before);

    static const char *const steps[] = {"backing-up", "staged", "replacing", "replacing:1",
                                        "complete"};
    for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
        fresh(root, sizeof(root), &t, before, sizeof(before));
        bs_error_init(&err);
        assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
        fp.stop_at = steps[k];
        fp.stops = 0;
        assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), BS_CUDNN_STOPPED);
        assert_int_equal(fp.stops, 1);
        bs_cudnn_source_close(&src);
        fp.stop_at = NULL;
        assert_int_equal(bs_cudnn_recover(root, &h, &done, &err), 0);
        lib_state(t.lib, now, sizeof(now));
        /* Before replacing began: undone; from then on: finished. Never a mix, no staging. */
        assert_string_equal(now, k < 2 ? before : after);
    }
    /* A restore stopped after its first file: the next run finishes it. */
    fresh(root, sizeof(root), &t, before, sizeof(before));
    assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
    assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), 0);
    bs_cudnn_source_close(&src);
    bool changed;
    fp.stop_at = "restoring:1";
    assert_int_equal(bs_cudnn_restore(root, &t, NULL, &h, &j, &changed, &err), BS_CUDNN_STOPPED);
    fp.stop_at = NULL;
    assert_int_equal(bs_cudnn_recover(root, &h, &done, &err), 0);
    assert_int_equal(done, 1);
    lib_state(t.lib, now, sizeof(now));
    assert_string_equal(now, before);
    /* A backup whose copy was damaged is refused before anything changes. */
    assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
    assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), 0);
    bs_cudnn_source_close(&src);
    char copy[1200];
    assert_int_equal(bs_cudnn_backup_file(&j, "cudnn_ops64_9.dll", copy, sizeof(copy)), 0);
    assert_int_equal(plat_write_file_atomic(copy, "x", 1, false), 0);
    bs_error_init(&err);
    assert_int_equal(bs_cudnn_restore(root, &t, NULL, &h, &j, &changed, &err), BS_E_INTEGRITY);
    assert_non_null(strstr(err.message, "damaged"));
    lib_state(t.lib, now, sizeof(now));
    assert_string_equal(now, after);
    /* Marked stale (as install and repair do after reinstalling torch): refused. */
    static bs_cudnn_journal marked;
    assert_int_equal(bs_cudnn_journal_read(j.dir, &marked), 0);
    snprintf(marked.stale, sizeof(marked.stale), "torch was reinstalled by repair");
    assert_int_equal(bs_cudnn_journal_write(&marked), 0);
    bs_error_init(&err);
    char id[48];
    snprintf(id, sizeof(id), "%s", marked.id);
    assert_int_equal(bs_cudnn_restore(root, &t, id, &h, &j, &changed, &err), BS_E_INTEGRITY);
    assert_non_null(strstr(err.message, "stale: torch was reinstalled by repair"));
    lib_state(t.lib, now, sizeof(now));
    assert_string_equal(now, after);
}

/* install and repair retire the backups whose patch torch no longer carries. */
static void test_retire_after_reinstall(void **state)
{
    (void)state;
    static bs_torch_lib t;
    static bs_cudnn_source src;
    static bs_cudnn_journal j, back;
    char root[512], zip[512], before[4096], cmd[9000];
    bs_error err;
    bs_cudnn_hooks h = {0};
    bs_error_init(&err);
    make("zip cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip 9.10.2.21 12");
    snprintf(zip, sizeof(zip), "%s/cudnn-windows-x86_64-9.10.2.21_cuda12-archive.zip", tmp);
    fresh(root, sizeof(root), &t, before, sizeof(before));
    assert_int_equal(bs_cudnn_source_open(zip, &src, &err), 0);
    assert_int_equal(bs_cudnn_patch(root, &t, &src, &h, &j, &err), 0);
    bs_cudnn_source_close(&src);
    /* torch untouched: the backup still applies. */
    assert_int_equal(bs_cudnn_retire_changed(root, "reinstalled"), 0);
    assert_int_equal(bs_cudnn_journal_read(j.dir, &back), 0);
    assert_string_equal(back.stale, "");
    /* pip put torch's own files back: the backup is retired. */
    snprintf(cmd, sizeof(cmd), "cp '%s'/files/* '%s'/", j.dir, t.lib);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(bs_cudnn_retire_changed(root, "reinstalled"), 0);
    assert_int_equal(bs_cudnn_journal_read(j.dir, &back), 0);
    assert_string_equal(back.stale, "reinstalled");
}

static void test_journal_names(void **state)
{
    (void)state;
    static bs_cudnn_journal j, back;
    memset(&j, 0, sizeof(j));
    snprintf(j.id, sizeof(j.id), "cudnn-20261203T000000Z");
    snprintf(j.dir, sizeof(j.dir), "%s", tmp);
    snprintf(j.torch_lib, sizeof(j.torch_lib), "%s/lib", tmp);
    j.state = BS_CJ_COMPLETE;
    j.count = 1;
    snprintf(j.files[0].name, sizeof(j.files[0].name), "cudnn64_9.dll");
    memset(j.files[0].before, 'a', 64);
    assert_int_equal(bs_cudnn_journal_write(&j), 0);
    assert_int_equal(bs_cudnn_journal_read(tmp, &back), 0);
    assert_string_equal(back.files[0].name, "cudnn64_9.dll");
    assert_string_equal(back.files[0].after, "");
    assert_int_equal(back.state, BS_CJ_COMPLETE);
    /* A journal edited to point a restore outside torch\lib is refused. */
    snprintf(j.files[0].name, sizeof(j.files[0].name), "../../cudnn64_9.dll");
    assert_int_equal(bs_cudnn_journal_write(&j), 0);
    assert_int_equal(bs_cudnn_journal_read(tmp, &back), BS_E_PARSE);
    snprintf(j.files[0].name, sizeof(j.files[0].name), "torch_cuda.dll");
    assert_int_equal(bs_cudnn_journal_write(&j), 0);
    assert_int_equal(bs_cudnn_journal_read(tmp, &back), BS_E_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pe_version),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_patch_rule),
        cmocka_unit_test(test_swap_in_use_and_kills),
        cmocka_unit_test(test_retire_after_reinstall),
        cmocka_unit_test(test_journal_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
