/*
 * render_plan.c: the install plan as the person reads it before anything changes (text),
 * or as a script reads it (--json).
 */
#include "cli/render_plan.h"
#include "core/root_layout.h"
#include "decide/os_deps.h"
#include "platform/platform.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *python_line(const bs_install *in, char *buf, size_t size)
{
    if (in->py.path[0])
        snprintf(buf, size, "%s (Python %s, %s)", in->py.path, in->py.version, in->py.reason);
    else
        snprintf(buf, size, "%s", in->py.reason);
    return buf;
}

static void print_plan_json(const bs_install *in, FILE *out)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "root", in->cfg.root);
    cJSON_AddStringToObject(o, "invokeai", in->version);
    cJSON_AddStringToObject(o, "extras", in->extras);
    cJSON_AddStringToObject(o, "python", in->py.path);
    cJSON_AddStringToObject(o, "python_version", in->py.version[0] ? in->py.version : in->py_minor);
    cJSON_AddStringToObject(o, "python_source", in->py.source ? in->py.source : "");
    cJSON_AddStringToObject(o, "backend", in->backend.backend);
    cJSON_AddStringToObject(o, "backend_index", in->backend.index);
    cJSON_AddStringToObject(o, "reason", in->backend.reason);
    cJSON_AddStringToObject(o, "torch", in->torch_version);
    cJSON_AddStringToObject(o, "torch_requirement", in->torch_spec);
    cJSON_AddStringToObject(o, "torch_index_url", in->torch_index);
    cJSON_AddStringToObject(o, "index_url", in->index_url ? in->index_url : "");
    cJSON_AddBoolToObject(o, "gpu_unused", in->backend.gpu_unused);
    cJSON_AddStringToObject(o, "driver", bs_status_name(in->backend.driver_status));
    cJSON_AddStringToObject(o, "driver_note", in->backend.driver_note);
    cJSON_AddBoolToObject(o, "precision_float32", in->float32);
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    for (int i = 0; i < BS_STEP_COUNT; i++)
        if (in->steps[i])
            cJSON_AddItemToArray(steps, cJSON_CreateString(bs_step_name((bs_step)i)));
    const bs_check *disk = bs_install_check(in, "disk");
    if (disk) {
        cJSON_AddStringToObject(o, "disk", bs_status_name(disk->status));
        cJSON_AddStringToObject(o, "disk_summary", disk->summary);
    }
    char *text = cJSON_Print(o);
    fprintf(out, "%s\n", text ? text : "{}");
    free(text);
    cJSON_Delete(o);
}

/* What the OS must still provide, and whether this run will install it. */
static void print_os_line(const bs_install *in, FILE *out)
{
    bs_os_packages p;
    bs_os_packages_for(&in->facts, in->t, &p);
    if (p.count == 0)
        return;
    if (p.count < 0) {
        fprintf(out, "  OS         %s missing; install the packages that provide them\n",
                p.missing);
        return;
    }
    char cmd[320];
    bs_os_packages_command(&p, plat_is_admin(), cmd, sizeof(cmd));
    fprintf(out, "  OS         %s missing: %s%s\n", p.missing,
            in->cfg.no_os_deps ? "not installed (--no-os-deps); run " : "", cmd);
}

void bs_render_plan(const bs_install *in, FILE *out)
{
    char py[1400];
    if (in->cfg.json) {
        print_plan_json(in, out);
        return;
    }
    fprintf(out, "Plan for %s\n", in->cfg.root);
    fprintf(out, "  InvokeAI   %s%s%s%s from %s\n", in->version, in->extras[0] ? " [" : "",
            in->extras, in->extras[0] ? "]" : "",
            in->index_url ? in->index_url : in->cfg.find_links);
    fprintf(out, "  Python     %s\n", python_line(in, py, sizeof(py)));
    fprintf(out, "  venv       %s\n", in->s->root.venv);
    fprintf(out, "  torch      %s (%s) from %s\n", in->torch_version, in->backend.backend,
            in->torch_index[0] ? in->torch_index : in->cfg.find_links);
    fprintf(out, "             why: %s\n", in->backend.reason);
    if (in->backend.driver_note[0] && in->backend.driver_status != BS_PASS)
        fprintf(out, "  driver     %s: %s\n", bs_status_name(in->backend.driver_status),
                in->backend.driver_note);
    if (in->backend.gpu_unused)
        fprintf(out, "  note       the GPU will not be used by this torch build\n");
    if (in->float32)
        fprintf(out, "  settings   invokeai.yaml: precision: float32 (%s)\n", in->float32_why);
    const bs_check *disk = bs_install_check(in, "disk");
    if (disk && disk->status != BS_PASS)
        fprintf(out, "  disk       %s: %s\n", bs_status_name(disk->status), disk->summary);
    fprintf(out, "  launchers  %s/%s, %s/%s\n", in->cfg.root, bs_root_rel(BS_ROOT_LAUNCHER_SH),
            in->cfg.root, bs_root_rel(BS_ROOT_LAUNCHER_BAT));
    print_os_line(in, out);
    fprintf(out, "  steps     ");
    for (int i = 0; i < BS_STEP_COUNT; i++)
        if (in->steps[i])
            fprintf(out, " %s", bs_step_name((bs_step)i));
    fprintf(out, "\n");
}
