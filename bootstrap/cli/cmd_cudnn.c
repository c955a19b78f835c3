/*
 * cmd_cudnn.c: `cudnn status|patch|restore`. Every run first finishes or undoes a swap
 * an earlier run left half done, under the root's lock. On a venv that is not laid out
 * for Windows it explains where torch gets cuDNN there (the nvidia-cudnn wheel) instead.
 */
#include "act/cudnn_swap.h"
#include "act/root_lock.h"
#include "cli/commands.h"
#include "cli/render_events.h"
#include "core/strutil.h"
#include "core/tables.h"
#include "platform/platform.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Test builds only: INVOKEAI_BOOTSTRAP_FAULT=cudnn:<step> kills the process with SIGKILL
 * right after the journal records that step, the way a power cut or Task Manager would. */
static int fault_point(void *user, const char *step)
{
    (void)user;
#if defined(BS_FAULT_INJECTION) && defined(SIGKILL)
    const char *f = getenv("INVOKEAI_BOOTSTRAP_FAULT");
    if (f && bs_starts_with(f, "cudnn:") && strcmp(f + 6, step) == 0) {
        fflush(NULL);
        raise(SIGKILL);
    }
#else
    (void)step;
#endif
    return 0;
}

static bool parse_version(const char *s, bs_cudnn_version *v)
{
    unsigned p[4] = {0};
    int n = sscanf(s, "%u.%u.%u.%u", &p[0], &p[1], &p[2], &p[3]);
    *v = (bs_cudnn_version){p[0], p[1], p[2], p[3]};
    return n >= 3;
}

typedef struct cudnn_run {
    const bs_config *cfg;
    char *root;           /* absolute: the journal records paths that must hold from any folder */
    char smoke_said[400]; /* what the passing smoke test said */
    bs_session *s;
    bs_cudnn_hooks hooks;
    bs_torch_lib torch;
    bs_root_lock lock;
    bs_error err;
} cudnn_run;

/* The smoke test hook (user: the cudnn_run); what a passing test said is kept for the
 * summary, so torch is imported once after a patch, not twice. */
static int smoke(void *user, const bs_torch_lib *t, const bs_cudnn_journal *j, char *msg,
                 size_t size)
{
    bs_torch_cudnn_answer a;
    bs_error err;
    bs_cudnn_version want, got;
    bs_error_init(&err);
    cudnn_run *r = user;
    if (bs_torch_cudnn_smoke(t, true, &r->s->cancel, &a, &err) != 0) {
        snprintf(msg, size, "%s", err.message);
        return -1;
    }
    if (a.error[0]) {
        snprintf(msg, size, "%s", a.error);
        return -1;
    }
    bs_cudnn_from_runtime(a.cudnn, &got);
    /* torch reports no build number, so this compares major.minor.patch */
    if (parse_version(j->after_version, &want) && bs_cudnn_compare(&want, &got) != 0) {
        char g[32];
        bs_cudnn_format(&got, g, sizeof(g));
        snprintf(msg, size, "torch loaded cuDNN %s, not %s (another copy on PATH?)", g,
                 j->after_version);
        return -1;
    }
    if (a.gpu && !a.conv) {
        snprintf(msg, size, "the test convolution did not run on the GPU");
        return -1;
    }
    snprintf(msg, size, "torch %s loads cuDNN %s%s", a.torch, j->after_version,
             a.conv ? "; a convolution ran on the GPU"
                    : "; no GPU here, so no convolution was run");
    snprintf(r->smoke_said, sizeof(r->smoke_said), "%s", msg);
    return 0;
}

static int explain_elsewhere(cudnn_run *r)
{
    const char *wheel = r->torch.wheel[0] ? r->torch.wheel : "none installed";
    if (r->cfg->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "layout", "posix");
        cJSON_AddStringToObject(o, "torch", r->torch.torch);
        cJSON_AddStringToObject(o, "cudnn_wheel", r->torch.wheel);
        char *text = cJSON_Print(o);
        puts(text ? text : "{}");
        free(text);
        cJSON_Delete(o);
    } else if (!r->cfg->quiet) {
        printf("torch %s here gets cuDNN from the nvidia-cudnn wheel (%s), not from DLLs in\n"
               "torch\\lib as on Windows, so there is nothing to swap. To change it, change the\n"
               "torch build: invokeai-bootstrap repair --backend cu128 (or another cuXYZ).\n",
               r->torch.torch, wheel);
    }
    if (strcmp(r->cfg->action, "status") == 0)
        return 0;
    return bs_error_set(&r->err, BS_E_USAGE, "cudnn %s is for torch on Windows", r->cfg->action);
}

static const char *status_word(bs_backup_status s)
{
    return s == BS_BACKUP_RESTORABLE  ? "restorable"
           : s == BS_BACKUP_AT_BEFORE ? "restored"
                                      : "stale";
}

/* What status shows, gathered once: each backup's files are hashed a single time. */
typedef struct status_view {
    const bs_torch_lib *torch;
    bs_cudnn_journal *list;
    size_t n;
    bs_backup_status *st;
    char (*why)[200];
    const bs_cudnn_journal *active; /* the patch torch\lib holds now, or NULL */
    char have[32], rt[32];
    bool ran;
    bs_torch_cudnn_answer a;
    bs_error serr;
} status_view;

static void print_status_json(const status_view *v)
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

static void print_status_text(const status_view *v)
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

static int cmd_status(cudnn_run *r)
{
    static status_view v;
    memset(&v, 0, sizeof(v));
    v.torch = &r->torch;
    bs_error_init(&v.serr);
    v.ran = bs_torch_cudnn_smoke(&r->torch, false, &r->s->cancel, &v.a, &v.serr) == 0;
    bs_cudnn_format(&r->torch.version, v.have, sizeof(v.have));
    if (!r->torch.version.major && r->torch.dll_major)
        snprintf(v.have, sizeof(v.have), "%d.x", r->torch.dll_major);
    bs_cudnn_version runtime;
    bs_cudnn_from_runtime(v.ran ? v.a.cudnn : 0, &runtime);
    bs_cudnn_format(&runtime, v.rt, sizeof(v.rt));
    bs_cudnn_journal_list(r->root, &v.list, &v.n);
    v.st = calloc(v.n ? v.n : 1, sizeof(*v.st));
    v.why = calloc(v.n ? v.n : 1, sizeof(*v.why));
    if (!v.st || !v.why)
        v.n = 0;
    for (size_t i = 0; i < v.n; i++) {
        /* where torch is now, even if the root moved */
        bs_strlcpy(v.list[i].torch_lib, r->torch.lib, sizeof(v.list[i].torch_lib));
        v.st[i] = bs_cudnn_backup_status(&v.list[i], &r->torch, v.why[i], sizeof(v.why[i]));
        if (v.st[i] == BS_BACKUP_RESTORABLE && v.list[i].state == BS_CJ_COMPLETE)
            v.active = &v.list[i];
    }
    if (r->cfg->json)
        print_status_json(&v);
    else if (!r->cfg->quiet)
        print_status_text(&v);
    free(v.st);
    free(v.why);
    free(v.list);
    return 0;
}

static int cmd_patch(cudnn_run *r)
{
    bs_cudnn_source src;
    bs_cudnn_journal *j = calloc(1, sizeof(*j));
    bs_facts facts;
    bs_cudnn_advice advice;
    bs_torch_cudnn_answer before;
    if (!j)
        return BS_E_NOMEM;
    bs_facts_init(&facts);
    int rc = bs_cudnn_source_open(r->cfg->cudnn_from, &src, &r->err);
    if (rc)
        goto cleanup;
    /* torch must work before the swap, so a failure after it is the new cuDNN's. */
    rc = bs_torch_cudnn_smoke(&r->torch, false, &r->s->cancel, &before, &r->err);
    if (rc == 0 && before.error[0]) {
        rc = bs_error_set(&r->err, BS_E_REQUIREMENTS,
                          "torch does not work even before the swap: %s", before.error);
        bs_error_hint(&r->err, "repair it first: invokeai-bootstrap repair --root '%s'", r->root);
    } else if (rc) {
        bs_error_hint(&r->err,
                      "the venv's Python must run to test torch before and after the swap");
    }
    if (rc)
        goto cleanup;
    bs_probe_options popt = {.root = r->root, .tool_timeout_ms = 15000};
    bs_probe_gpus(&facts, bs_tables_get(), &popt, &r->s->events);
    const bs_gpu *gpu = bs_facts_compute_gpu(&facts);
    bs_cudnn_patch_facts pf = {.torch = r->torch.torch,
                               .torch_dll_major = r->torch.dll_major,
                               .torch_cudnn = r->torch.version,
                               .archive = src.version,
                               .archive_cuda_major = src.cuda_major,
                               .archive_dll_major = src.dll_major,
                               .compute_capability = gpu ? gpu->compute_capability : ""};
    /* The floor is the version torch was built with: its own set, or the set a patch
     * replaced when torch is patched already. */
    bs_cudnn_journal *list = NULL;
    size_t n = 0;
    bs_cudnn_journal_list(r->root, &list, &n);
    for (size_t i = 0; i < n; i++) {
        char why[200];
        bs_strlcpy(list[i].torch_lib, r->torch.lib, sizeof(list[i].torch_lib));
        if (bs_cudnn_backup_status(&list[i], &r->torch, why, sizeof(why)) == BS_BACKUP_RESTORABLE &&
            list[i].state == BS_CJ_COMPLETE)
            parse_version(list[i].before_version, &pf.floor);
    }
    free(list);
    bs_cudnn_verdict v = bs_cudnn_check_patch(&pf, &advice);
    if (v == BS_CUDNN_REFUSED) {
        rc = bs_error_set(&r->err, BS_E_REQUIREMENTS, "refused: %s", advice.why);
        bs_error_hint(&r->err, "%s; nothing was changed", advice.hint);
        goto cleanup;
    }
    if (v == BS_CUDNN_SAME) {
        if (!r->cfg->quiet)
            printf("Nothing to do: %s.\n", advice.why);
        goto cleanup;
    }
    if (advice.warning[0])
        bs_emit(&r->s->events, BS_EV_WARNING, "cudnn", "%s", advice.warning);
    rc = bs_cudnn_patch(r->root, &r->torch, &src, &r->hooks, j, &r->err);
    if (rc)
        goto cleanup;
    if (!r->cfg->quiet)
        printf("Patched torch's cuDNN: %s -> %s (%d DLL%s, version from %s).\nSmoke test: %s.\n"
               "Backup: %s\nUndo with: invokeai-bootstrap cudnn restore --root '%s'\n",
               j->before_version, j->after_version, src.count, src.count == 1 ? "" : "s",
               src.version_from ? src.version_from : "the archive", r->smoke_said, j->dir, r->root);
cleanup:
    bs_cudnn_source_close(&src);
    bs_facts_free(&facts);
    free(j);
    return rc;
}

static int cmd_restore(cudnn_run *r)
{
    bs_cudnn_journal *j = calloc(1, sizeof(*j));
    bool changed = false;
    if (!j)
        return BS_E_NOMEM;
    int rc =
        bs_cudnn_restore(r->root, &r->torch, r->cfg->cudnn_backup, &r->hooks, j, &changed, &r->err);
    if (rc == 0 && !r->cfg->quiet) {
        if (changed)
            printf("Restored torch's cuDNN %s from %s (was %s).\n", j->before_version, j->id,
                   j->after_version);
        else
            printf("Nothing to restore: torch\\lib already holds the files of %s (cuDNN %s).\n",
                   j->id, j->before_version);
    }
    free(j);
    return rc;
}

static int run(cudnn_run *r)
{
    int done = 0;
    int rc = bs_torch_lib_find(r->root, &r->torch, &r->err);
    if (rc)
        return rc;
    if (!r->torch.windows_layout)
        return explain_elsewhere(r);
    if ((rc = bs_root_lock_take(r->root, &r->lock, &r->err)) != 0)
        return rc;
    if ((rc = bs_cudnn_recover(r->root, &r->hooks, &done, &r->err)) != 0)
        return rc;
    if (done && (rc = bs_torch_lib_find(r->root, &r->torch, &r->err)) != 0)
        return rc;
    if (strcmp(r->cfg->action, "status") == 0)
        return cmd_status(r);
    if (strcmp(r->cfg->action, "patch") == 0)
        return cmd_patch(r);
    return cmd_restore(r);
}

int bs_cmd_cudnn(bs_session *s, const bs_config *cfg)
{
    static cudnn_run r;
    memset(&r, 0, sizeof(r));
    r.s = s;
    r.cfg = cfg;
    r.lock.fd = -1;
    bs_error_init(&r.err);
    r.hooks = (bs_cudnn_hooks){.step = fault_point,
                               .smoke = smoke,
                               .user = &r,
                               .events = &s->events,
                               .cancel = &s->cancel};
    r.root = plat_realpath(cfg->root);
    int rc = r.root ? run(&r) : bs_error_set(&r.err, BS_E_NOT_FOUND, "no install in %s", cfg->root);
    if (!r.root)
        bs_error_hint(&r.err, "install first: invokeai-bootstrap install --root '%s'", cfg->root);
    if (rc == BS_E_INTERRUPTED && r.lock.fd >= 0) {
        /* Ctrl-C in the middle: finish or undo the swap now rather than at the next run. */
        int done = 0;
        bs_error quiet;
        bs_error_init(&quiet);
        r.hooks.cancel = NULL;
        r.hooks.smoke = NULL;
        bs_cudnn_recover(r.root, &r.hooks, &done, &quiet);
        bs_error_set(&r.err, BS_E_INTERRUPTED, "interrupted; torch\\lib was left consistent");
    }
    bs_root_lock_release(&r.lock);
    bs_renderer_finish(NULL);
    free(r.root);
    if (rc)
        bs_print_error(&r.err);
    return rc ? bs_exit_code_for(rc) : BS_EXIT_OK;
}
