/*
 * cmd_cudnn.c: `cudnn status|patch|restore` (ops/cudnn_op.c does the work). On a venv that
 * is not laid out for Windows it explains where torch gets cuDNN there (the nvidia-cudnn
 * wheel) instead.
 */
#include "cli/commands.h"
#include "cli/render_events.h"
#include "ops/cudnn_op.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int explain_elsewhere(const bs_config *cfg, bs_cudnn_op *op)
{
    const char *wheel = op->torch.wheel[0] ? op->torch.wheel : "none installed";
    if (cfg->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "layout", "posix");
        cJSON_AddStringToObject(o, "torch", op->torch.torch);
        cJSON_AddStringToObject(o, "cudnn_wheel", op->torch.wheel);
        char *text = cJSON_Print(o);
        puts(text ? text : "{}");
        free(text);
        cJSON_Delete(o);
    } else if (!cfg->quiet) {
        printf("torch %s here gets cuDNN from the nvidia-cudnn wheel (%s), not from DLLs in\n"
               "torch\\lib as on Windows, so there is nothing to swap. To change it, change the\n"
               "torch build: invokeai-bootstrap repair --backend cu128 (or another cuXYZ).\n",
               op->torch.torch, wheel);
    }
    if (strcmp(cfg->action, "status") == 0)
        return 0;
    return bs_error_set(&op->err, BS_E_USAGE, "cudnn %s is for torch on Windows", cfg->action);
}

static const char *status_word(bs_backup_status s)
{
    return s == BS_BACKUP_RESTORABLE  ? "restorable"
           : s == BS_BACKUP_AT_BEFORE ? "restored"
                                      : "stale";
}

static void print_status_json(const bs_cudnn_status *v)
{
    cJSON *o = cJSON_CreateObject(), *dlls, *backups, *rto;
    cJSON_AddStringToObject(o, "layout", "windows");
    cJSON_AddStringToObject(o, "torch", v->torch->torch);
    cJSON_AddStringToObject(o, "torch_lib", v->torch->lib);
    cJSON_AddStringToObject(o, "cudnn", v->have);
    cJSON_AddNumberToObject(o, "cudnn_major", v->torch->dll_major);
    dlls = cJSON_AddArrayToObject(o, "dlls");
    for (int i = 0; i < v->torch->dll_count; i++)
        cJSON_AddItemToArray(dlls, cJSON_CreateString(v->torch->dlls[i]));
    rto = cJSON_AddObjectToObject(o, "runtime");
    cJSON_AddBoolToObject(rto, "ran", v->ran);
    cJSON_AddStringToObject(rto, "cudnn", v->ran && v->a.cudnn ? v->rt : "");
    cJSON_AddBoolToObject(rto, "gpu", v->ran && v->a.gpu);
    cJSON_AddStringToObject(rto, "error", v->ran ? v->a.error : v->serr.message);
    cJSON_AddBoolToObject(o, "patched", v->active != NULL);
    if (v->active)
        cJSON_AddStringToObject(o, "patch", v->active->id);
    else
        cJSON_AddNullToObject(o, "patch");
    backups = cJSON_AddArrayToObject(o, "backups");
    for (size_t i = 0; i < v->n; i++) {
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "id", v->list[i].id);
        cJSON_AddStringToObject(b, "created", v->list[i].created);
        cJSON_AddStringToObject(b, "state", bs_cudnn_state_name(v->list[i].state));
        cJSON_AddStringToObject(b, "before", v->list[i].before_version);
        cJSON_AddStringToObject(b, "after", v->list[i].after_version);
        cJSON_AddStringToObject(b, "status", status_word(v->st[i]));
        cJSON_AddStringToObject(b, "why", v->why[i]);
        cJSON_AddStringToObject(b, "path", v->list[i].dir);
        cJSON_AddItemToArray(backups, b);
    }
    char *text = cJSON_Print(o);
    puts(text ? text : "{}");
    free(text);
    cJSON_Delete(o);
}

static void print_status_text(const bs_cudnn_status *v)
{
    printf("torch:      %s\n  in        %s\n", v->torch->torch, v->torch->lib);
    printf("cuDNN:      %s (%d DLL%s in torch\\lib)\n", v->have, v->torch->dll_count,
           v->torch->dll_count == 1 ? "" : "s");
    if (v->ran && !v->a.error[0])
        printf("torch says: cuDNN %s%s\n", v->rt, v->a.gpu ? ", GPU usable" : ", no GPU usable");
    else
        printf("torch says: not checked (%s)\n", v->ran ? v->a.error : v->serr.message);
    if (v->active)
        printf("patched:    yes, %s -> %s by %s\n", v->active->before_version,
               v->active->after_version, v->active->id);
    else
        printf("patched:    no\n");
    printf("backups:    %s\n", v->n ? "" : "none");
    for (size_t i = 0; i < v->n; i++)
        printf("  %s  %s -> %s  %s%s%s\n", v->list[i].id, v->list[i].before_version,
               v->list[i].after_version, status_word(v->st[i]), v->why[i][0] ? ": " : "",
               v->why[i]);
}

static int status(const bs_config *cfg, bs_cudnn_op *op)
{
    static bs_cudnn_status v;
    int rc = bs_cudnn_op_status(op, &v);
    if (rc == 0 && cfg->json)
        print_status_json(&v);
    else if (rc == 0 && !cfg->quiet)
        print_status_text(&v);
    bs_cudnn_status_free(&v);
    return rc;
}

static int patch(const bs_config *cfg, bs_cudnn_op *op)
{
    static bs_cudnn_patched p;
    int rc = bs_cudnn_op_patch(op, cfg->cudnn_from, &p);
    if (rc || cfg->quiet)
        return rc;
    const bs_cudnn_journal *j = &p.journal;
    if (p.same)
        printf("Nothing to do: %s.\n", p.why);
    else
        printf("Patched torch's cuDNN: %s -> %s (%d DLL%s, version from %s).\nSmoke test: %s.\n"
               "Backup: %s\nUndo with: invokeai-bootstrap cudnn restore --root '%s'\n",
               j->before_version, j->after_version, p.dll_count, p.dll_count == 1 ? "" : "s",
               p.version_from, op->smoke_said, j->dir, op->root);
    return 0;
}

static int restore(const bs_config *cfg, bs_cudnn_op *op)
{
    static bs_cudnn_journal j;
    bool changed = false;
    int rc = bs_cudnn_op_restore(op, cfg->cudnn_backup, &j, &changed);
    if (rc || cfg->quiet)
        return rc;
    if (changed)
        printf("Restored torch's cuDNN %s from %s (was %s).\n", j.before_version, j.id,
               j.after_version);
    else
        printf("Nothing to restore: torch\\lib already holds the files of %s (cuDNN %s).\n", j.id,
               j.before_version);
    return 0;
}

int bs_cmd_cudnn(bs_session *s, const bs_config *cfg)
{
    static bs_cudnn_op op;
    int rc = bs_cudnn_op_open(&op, s, cfg->root);
    if (rc == 0 && !op.torch.windows_layout)
        rc = explain_elsewhere(cfg, &op);
    else if (rc == 0 && strcmp(cfg->action, "status") == 0)
        rc = status(cfg, &op);
    else if (rc == 0 && strcmp(cfg->action, "patch") == 0)
        rc = patch(cfg, &op);
    else if (rc == 0)
        rc = restore(cfg, &op);
    rc = bs_cudnn_op_close(&op, rc);
    bs_renderer_finish(NULL);
    if (rc)
        bs_print_error(&op.err);
    return rc ? bs_exit_code_for(rc) : BS_EXIT_OK;
}
