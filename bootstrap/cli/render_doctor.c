/*
 * render_doctor.c: doctor's table and JSON.
 */
#include "cli/render_doctor.h"
#include "cli/term.h"

#include <cjson/cJSON.h>
#include <string.h>

/* Unknown numbers (-1) are null in JSON, so scripts never mistake them for values. */
static void add_number_or_null(cJSON *obj, const char *key, long long v)
{
    if (v < 0)
        cJSON_AddNullToObject(obj, key);
    else
        cJSON_AddNumberToObject(obj, key, (double)v);
}

static void add_string_or_null(cJSON *obj, const char *key, const char *v)
{
    if (!v || !*v)
        cJSON_AddNullToObject(obj, key);
    else
        cJSON_AddStringToObject(obj, key, v);
}

static cJSON *gpus_json(const bs_facts *f)
{
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; arr && i < f->gpu_count; i++) {
        const bs_gpu *g = &f->gpus[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "vendor", bs_vendor_name(g->vendor));
        cJSON_AddStringToObject(o, "name", g->name);
        add_number_or_null(o, "vram_mib", g->vram_mib);
        add_string_or_null(o, "driver", g->driver);
        add_string_or_null(o, "compute_capability", g->compute_capability);
        add_string_or_null(o, "gfx_arch", g->gfx_arch);
        add_string_or_null(o, "bus_id", g->bus_id);
        cJSON_AddBoolToObject(o, "integrated", g->integrated);
        cJSON_AddBoolToObject(o, "compute", g == bs_facts_compute_gpu(f));
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* -1 (unknown, or not this OS) as null, else a boolean. */
static void add_tristate(cJSON *o, const char *key, int v)
{
    if (v < 0)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddBoolToObject(o, key, v == 1);
}

static cJSON *facts_json(const bs_facts *f, const bs_report *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "os", bs_os_name(f->os));
    cJSON_AddStringToObject(o, "arch", f->arch);
    add_string_or_null(o, "libc", f->libc);
    add_string_or_null(o, "distro", f->distro_id);
    add_string_or_null(o, "distro_version", f->distro_version);
    add_string_or_null(o, "os_name", f->os_pretty);
    add_number_or_null(o, "ram_mib", f->ram_mib);
    cJSON_AddStringToObject(o, "root", f->root);
    add_number_or_null(o, "disk_free_mib", f->root_free_mib);
    cJSON *cache = cJSON_AddObjectToObject(o, "cache");
    add_string_or_null(cache, "path", f->cache);
    add_number_or_null(cache, "mib", f->cache[0] ? f->cache_mib : -1);
    cJSON_AddStringToObject(o, "tmpdir", f->tmpdir);
    cJSON_AddBoolToObject(o, "tmp_is_tmpfs", f->tmp_is_ram);
    add_number_or_null(o, "tmp_free_mib", f->tmp_free_mib);
    cJSON_AddItemToObject(o, "gpus", gpus_json(f));
    cJSON *nv = cJSON_AddObjectToObject(o, "nvidia");
    cJSON_AddBoolToObject(nv, "smi_found", f->nvidia.smi_found);
    cJSON_AddBoolToObject(nv, "smi_ok", f->nvidia.smi_ok);
    add_string_or_null(nv, "smi_error", f->nvidia.smi_error);
    add_string_or_null(nv, "driver", f->nvidia.driver);
    add_string_or_null(nv, "cuda", f->nvidia.cuda);
    add_string_or_null(nv, "kernel_module", f->nvidia.kernel_module);
    cJSON *amd = cJSON_AddObjectToObject(o, "amd");
    cJSON_AddBoolToObject(amd, "amdgpu_loaded", f->amdgpu_loaded);
    cJSON_AddBoolToObject(amd, "rocm_tools", f->rocm_tools);
    cJSON *pys = cJSON_AddArrayToObject(o, "pythons");
    for (int i = 0; i < f->python_count; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "path", f->pythons[i].path);
        add_string_or_null(p, "version", f->pythons[i].version);
        add_string_or_null(p, "arch", f->pythons[i].arch);
        cJSON_AddBoolToObject(p, "venv", f->pythons[i].has_venv);
        cJSON_AddBoolToObject(p, "usable", r->pythons[i].usable);
        add_string_or_null(p, "note", r->pythons[i].note);
        cJSON_AddItemToArray(pys, p);
    }
    cJSON *libs = cJSON_AddObjectToObject(o, "opencv_libs");
    if (f->have_libgl < 0) {
        cJSON_AddNullToObject(libs, "libGL.so.1");
        cJSON_AddNullToObject(libs, "libglib-2.0.so.0");
    } else {
        cJSON_AddBoolToObject(libs, "libGL.so.1", f->have_libgl == 1);
        cJSON_AddBoolToObject(libs, "libglib-2.0.so.0", f->have_libglib == 1);
    }
    add_string_or_null(libs, "method", f->lib_method);
    cJSON_AddBoolToObject(o, "wsl", f->wsl);
    cJSON *win = cJSON_AddObjectToObject(o, "windows");
    add_tristate(win, "vcredist_installed", f->vcredist_installed);
    add_string_or_null(win, "vcredist_version", f->vcredist_version);
    add_tristate(win, "long_paths_enabled", f->long_paths_enabled);
    add_tristate(o, "xcode_clt", f->xcode_clt);
    return o;
}

char *bs_render_doctor_json(const bs_facts *f, const bs_report *r)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddStringToObject(root, "version", BS_VERSION);
    cJSON *checks = cJSON_AddArrayToObject(root, "checks");
    for (int i = 0; i < r->count; i++) {
        const bs_check *c = &r->checks[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", c->id);
        cJSON_AddStringToObject(o, "status", bs_status_name(c->status));
        cJSON_AddStringToObject(o, "summary", c->summary);
        cJSON_AddStringToObject(o, "fix", c->fix);
        cJSON_AddItemToArray(checks, o);
    }
    cJSON_AddItemToObject(root, "facts", facts_json(f, r));
    cJSON *rec = cJSON_AddObjectToObject(root, "recommended");
    cJSON_AddStringToObject(rec, "backend", r->backend.backend);
    cJSON_AddStringToObject(rec, "index", r->backend.index);
    cJSON_AddBoolToObject(rec, "xformers", r->backend.xformers);
    cJSON_AddStringToObject(rec, "reason", r->backend.reason);
    cJSON_AddStringToObject(rec, "python", r->python_recommended);
    cJSON *notes = cJSON_AddArrayToObject(root, "notes");
    if (r->cudnn_note[0]) {
        cJSON *n = cJSON_CreateObject();
        cJSON_AddStringToObject(n, "id", "cudnn");
        cJSON_AddStringToObject(n, "text", r->cudnn_note);
        cJSON_AddItemToArray(notes, n);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

void bs_render_doctor_text(FILE *out, const bs_facts *f, const bs_report *r, bool color)
{
    static const char *const colors[] = {"green", "yellow", "red"};
    int warns = 0, fails = 0;
    fprintf(out, "%sinvokeai-bootstrap doctor%s  root: %s\n\n", bs_term_color(color, "bold"),
            bs_term_color(color, "reset"), f->root);
    fprintf(out, "  %-16s %-6s %s\n", "CHECK", "STATUS", "DETAIL");
    for (int i = 0; i < r->count; i++) {
        const bs_check *c = &r->checks[i];
        warns += c->status == BS_WARN;
        fails += c->status == BS_FAIL;
        /* Pad the plain word, then colour it, so escape codes never break alignment. */
        fprintf(out, "  %-16s %s%-6s%s %s\n", c->id, bs_term_color(color, colors[c->status]),
                bs_status_name(c->status), bs_term_color(color, "reset"), c->summary);
        if (c->status != BS_PASS && c->fix[0])
            fprintf(out, "  %-16s %-6s %sfix:%s %s\n", "", "", bs_term_color(color, "bold"),
                    bs_term_color(color, "reset"), c->fix);
    }
    fprintf(out, "\n%d passed, %d warnings, %d failed. Install would use: torch %s, Python %s\n",
            r->count - warns - fails, warns, fails, r->backend.backend, r->python_recommended);
    if (f->cache[0] && f->cache_mib > 0)
        fprintf(out, "cache: %s holds %lld MiB ('invokeai-bootstrap cache clean' empties it)\n",
                f->cache, f->cache_mib);
    if (r->cudnn_note[0])
        fprintf(out, "note: %s\n", r->cudnn_note);
}
