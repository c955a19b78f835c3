/*
 * tables.c: reads the embedded JSON assets into bs_tables with cJSON, once.
 */
#include "core/tables.h"
#include "core/assets.h"
#include "core/json.h"
#include "core/strutil.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static long long get_ll(const cJSON *obj, const char *key, long long dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? (long long)v->valuedouble : dflt;
}

/* Copies a JSON array of strings into rows of width w; returns how many. */
static int copy_list(char *rows, size_t w, int max, const cJSON *arr)
{
    int n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (n >= max || !cJSON_IsString(item))
            break;
        bs_strlcpy(rows + (size_t)n * w, item->valuestring, w);
        n++;
    }
    return n;
}

static int load_cuda(bs_tables *t)
{
    cJSON *root = cJSON_Parse(bs_asset("cuda_drivers.json", NULL));
    const cJSON *b;
    if (!root)
        return -1;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(root, "backends"))
    {
        if (t->cuda_count >= BS_MAX_CUDA)
            break;
        bs_cuda_build *c = &t->cuda[t->cuda_count++];
        const cJSON *tk = cJSON_GetObjectItemCaseSensitive(b, "toolkit");
        const cJSON *mc = cJSON_GetObjectItemCaseSensitive(b, "minor_compat");
        bs_json_copy(b, "backend", c->backend, sizeof(c->backend));
        bs_json_copy(b, "cuda", c->cuda, sizeof(c->cuda));
        bs_json_copy(tk, "linux", c->toolkit_linux, sizeof(c->toolkit_linux));
        bs_json_copy(tk, "windows", c->toolkit_windows, sizeof(c->toolkit_windows));
        bs_json_copy(mc, "linux", c->compat_linux, sizeof(c->compat_linux));
        bs_json_copy(mc, "windows", c->compat_windows, sizeof(c->compat_windows));
        bs_json_copy(b, "min_cc", c->min_cc, sizeof(c->min_cc));
        bs_json_copy(b, "max_cc", c->max_cc, sizeof(c->max_cc));
    }
    cJSON_Delete(root);
    return t->cuda_count > 0 ? 0 : -1;
}

static int load_eras(bs_tables *t)
{
    cJSON *root = cJSON_Parse(bs_asset("invokeai_releases.json", NULL));
    const cJSON *e;
    if (!root)
        return -1;
    bs_json_copy(root, "latest_assumed", t->latest_assumed, sizeof(t->latest_assumed));
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "eras"))
    {
        if (t->era_count >= BS_MAX_ERAS)
            break;
        bs_era *r = &t->eras[t->era_count++];
        const cJSON *nv = cJSON_GetObjectItemCaseSensitive(e, "nvidia");
        const cJSON *cpu = cJSON_GetObjectItemCaseSensitive(e, "cpu");
        bs_json_copy(e, "versions", r->versions, sizeof(r->versions));
        bs_json_copy(e, "python", r->python, sizeof(r->python));
        bs_json_copy(nv, "linux", r->nvidia_linux, sizeof(r->nvidia_linux));
        bs_json_copy(nv, "windows", r->nvidia_windows, sizeof(r->nvidia_windows));
        r->fallback_count = copy_list(&r->cuda_fallbacks[0][0], sizeof(r->cuda_fallbacks[0]), 4,
                                      cJSON_GetObjectItemCaseSensitive(e, "cuda_fallbacks"));
        bs_json_copy(e, "amd_linux", r->amd_linux, sizeof(r->amd_linux));
        bs_json_copy(cpu, "linux_x86_64", r->cpu_linux_x86_64, sizeof(r->cpu_linux_x86_64));
        bs_json_copy(cpu, "linux_aarch64", r->cpu_linux_aarch64, sizeof(r->cpu_linux_aarch64));
        bs_json_copy(cpu, "windows", r->cpu_windows, sizeof(r->cpu_windows));
        bs_json_copy(e, "mac", r->mac, sizeof(r->mac));
        bs_json_copy(e, "intel_arc", r->intel_arc, sizeof(r->intel_arc));
        bs_json_copy(e, "intel_arc_from", r->intel_arc_from, sizeof(r->intel_arc_from));
    }
    cJSON_Delete(root);
    return t->era_count > 0 && t->latest_assumed[0] ? 0 : -1;
}

static void load_family_sizes(long long *out, const cJSON *obj)
{
    for (int f = 0; f < BS_FAMILY_COUNT; f++)
        out[f] = get_ll(obj, bs_family_name((bs_family)f), -1);
}

static int load_requirements(bs_tables *t)
{
    cJSON *root = cJSON_Parse(bs_asset("requirements.json", NULL));
    const cJSON *item;
    if (!root)
        return -1;
    const cJSON *nf = cJSON_GetObjectItemCaseSensitive(root, "nominal_fraction");
    t->nominal_fraction = cJSON_IsNumber(nf) ? nf->valuedouble : 1.0;
    t->ram_min_mib = get_ll(root, "ram_min_mib", -1);
    const cJSON *vram = cJSON_GetObjectItemCaseSensitive(root, "vram_mib");
    for (int v = BS_VENDOR_NVIDIA; v <= BS_VENDOR_APPLE; v++) {
        const cJSON *row = cJSON_GetObjectItemCaseSensitive(vram, bs_vendor_name((bs_vendor)v));
        t->vram_sd15_mib[v] = get_ll(row, "sd15", -1);
        t->vram_sdxl_mib[v] = get_ll(row, "sdxl", -1);
    }
    const cJSON *disk = cJSON_GetObjectItemCaseSensitive(root, "disk_mib");
    load_family_sizes(t->disk_mib, disk);
    t->models_headroom_mib = get_ll(disk, "models_headroom", -1);
    load_family_sizes(t->largest_download_mib,
                      cJSON_GetObjectItemCaseSensitive(root, "largest_download_mib"));
    bs_json_copy(root, "macos_min", t->macos_min, sizeof(t->macos_min));
    bs_json_copy(root, "vcredist_min", t->vcredist_min, sizeof(t->vcredist_min));
    t->windows_deepest_path = (int)get_ll(root, "windows_deepest_path", 160);
    const cJSON *py = cJSON_GetObjectItemCaseSensitive(root, "python");
    t->python_search_count = copy_list(&t->python_search[0][0], sizeof(t->python_search[0]), 8,
                                       cJSON_GetObjectItemCaseSensitive(py, "search"));
    bs_json_copy(py, "managed", t->python_managed, sizeof(t->python_managed));
    t->cudnn_swap_count = copy_list(&t->cudnn_swap_match[0][0], sizeof(t->cudnn_swap_match[0]), 8,
                                    cJSON_GetObjectItemCaseSensitive(root, "cudnn_swap_gpus"));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "problematic_gpus"))
    {
        if (t->problem_count >= 16)
            break;
        bs_json_copy(item, "match", t->problem_match[t->problem_count], 32);
        bs_json_copy(item, "reason", t->problem_reason[t->problem_count], 200);
        t->problem_count++;
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "compute_capability_by_name"))
    {
        const cJSON *name = cJSON_GetArrayItem(item, 0), *cc = cJSON_GetArrayItem(item, 1);
        if (t->cc_count >= BS_MAX_NAMES || !cJSON_IsString(name) || !cJSON_IsString(cc))
            continue;
        bs_strlcpy(t->cc_match[t->cc_count], name->valuestring, 32);
        bs_strlcpy(t->cc_value[t->cc_count], cc->valuestring, 8);
        t->cc_count++;
    }
    t->apu_count = copy_list(&t->apu_gfx[0][0], sizeof(t->apu_gfx[0]), 24,
                             cJSON_GetObjectItemCaseSensitive(root, "amd_apu_gfx"));
    t->igpu_max_vram_mib = get_ll(root, "amd_igpu_max_vram_mib", 0);
    t->intel_prefix_count =
        copy_list(&t->intel_discrete_prefix[0][0], sizeof(t->intel_discrete_prefix[0]), 8,
                  cJSON_GetObjectItemCaseSensitive(root, "intel_discrete_device_prefixes"));
    cJSON_Delete(root);
    return t->ram_min_mib > 0 && t->python_search_count > 0 ? 0 : -1;
}

static void load_pkg_family(bs_pkg_family *p, const cJSON *f)
{
    bs_json_copy(f, "family", p->family, sizeof(p->family));
    bs_json_copy(f, "manager", p->manager, sizeof(p->manager));
    bs_json_copy(f, "install", p->install, sizeof(p->install));
    p->id_count =
        copy_list(&p->ids[0][0], sizeof(p->ids[0]), 12, cJSON_GetObjectItemCaseSensitive(f, "ids"));
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(f, "packages");
    p->gl_count = copy_list(&p->gl_packages[0][0], sizeof(p->gl_packages[0]), 4,
                            cJSON_GetObjectItemCaseSensitive(pk, "libGL.so.1"));
    p->glib_count = copy_list(&p->glib_packages[0][0], sizeof(p->glib_packages[0]), 4,
                              cJSON_GetObjectItemCaseSensitive(pk, "libglib-2.0.so.0"));
    const cJSON *ren = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(f, "renamed"), 0);
    if (!ren)
        return;
    bs_json_copy(ren, "package", p->renamed_from, sizeof(p->renamed_from));
    bs_json_copy(ren, "to", p->renamed_to, sizeof(p->renamed_to));
    const cJSON *since;
    cJSON_ArrayForEach(since, cJSON_GetObjectItemCaseSensitive(ren, "since"))
    {
        if (p->renamed_since_count >= 8 || !cJSON_IsString(since))
            break;
        bs_strlcpy(p->renamed_since[p->renamed_since_count][0], since->string, 16);
        bs_strlcpy(p->renamed_since[p->renamed_since_count][1], since->valuestring, 16);
        p->renamed_since_count++;
    }
}

static int load_packages(bs_tables *t)
{
    cJSON *root = cJSON_Parse(bs_asset("linux_packages.json", NULL));
    const cJSON *f;
    if (!root)
        return -1;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(root, "families"))
    {
        if (t->pkg_family_count >= 8)
            break;
        load_pkg_family(&t->pkg_families[t->pkg_family_count++], f);
    }
    cJSON_Delete(root);
    return t->pkg_family_count > 0 ? 0 : -1;
}

const bs_tables *bs_tables_get(void)
{
    static bs_tables tables;
    static int state; /* 0 not loaded, 1 ok, -1 broken */
    if (state == 0) {
        memset(&tables, 0, sizeof(tables));
        state = load_cuda(&tables) == 0 && load_eras(&tables) == 0 &&
                        load_requirements(&tables) == 0 && load_packages(&tables) == 0
                    ? 1
                    : -1;
    }
    return state == 1 ? &tables : NULL;
}

const char *bs_family_name(bs_family fam)
{
    static const char *names[BS_FAMILY_COUNT] = {"cuda", "rocm", "mps", "cpu", "xpu"};
    return fam < BS_FAMILY_COUNT ? names[fam] : "cpu";
}

/* Whether needle occurs in hay at a word start (start, or after a space, dash or paren). */
static bool word_match(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        if (p != hay && p[-1] != ' ' && p[-1] != '-' && p[-1] != '(')
            continue;
        size_t i = 0;
        while (i < n && p[i] && toupper((unsigned char)p[i]) == toupper((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

const char *bs_cc_from_name(const bs_tables *t, const char *gpu_name)
{
    for (int i = 0; i < t->cc_count; i++)
        if (word_match(gpu_name, t->cc_match[i]))
            return t->cc_value[i];
    return NULL;
}
