/*
 * cudnn_op.c: the cuDNN operations behind `cudnn status|patch|restore` (see cudnn_op.h).
 */
#include "ops/cudnn_op.h"
#include "core/strutil.h"
#include "core/tables.h"
#include "platform/platform.h"
#include "probe/probe.h"

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

/* The smoke test hook (user: the operation); what a passing test said is kept for the
 * summary, so torch is imported once after a patch, not twice. */
static int smoke(void *user, const bs_torch_lib *t, const bs_cudnn_journal *j, char *msg,
                 size_t size)
{
    bs_torch_cudnn_answer a;
    bs_error err;
    bs_cudnn_version want, got;
    bs_error_init(&err);
    bs_cudnn_op *r = user;
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

int bs_cudnn_op_status(bs_cudnn_op *r, bs_cudnn_status *out)
{
    bs_cudnn_status v;
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
    *out = v;
    return 0;
}

void bs_cudnn_status_free(bs_cudnn_status *v)
{
    free(v->st);
    free(v->why);
    free(v->list);
    v->st = NULL;
    v->why = NULL;
    v->list = NULL;
    v->n = 0;
}

int bs_cudnn_op_patch(bs_cudnn_op *r, const char *from, bs_cudnn_patched *out)
{
    bs_cudnn_source src;
    bs_cudnn_journal *j = &out->journal;
    bs_facts facts;
    bs_cudnn_advice advice;
    bs_torch_cudnn_answer before;
    memset(out, 0, sizeof(*out));
    bs_facts_init(&facts);
    int rc = bs_cudnn_source_open(from, &src, &r->err);
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
        out->same = true;
        bs_strlcpy(out->why, advice.why, sizeof(out->why));
        goto cleanup;
    }
    if (advice.warning[0])
        bs_emit(&r->s->events, BS_EV_WARNING, "cudnn", "%s", advice.warning);
    rc = bs_cudnn_patch(r->root, &r->torch, &src, &r->hooks, j, &r->err);
    if (rc)
        goto cleanup;
    out->dll_count = src.count;
    bs_strlcpy(out->version_from, src.version_from ? src.version_from : "the archive",
               sizeof(out->version_from));
cleanup:
    bs_cudnn_source_close(&src);
    bs_facts_free(&facts);
    return rc;
}

int bs_cudnn_op_restore(bs_cudnn_op *r, const char *backup, bs_cudnn_journal *j, bool *changed)
{
    *changed = false;
    return bs_cudnn_restore(r->root, &r->torch, backup, &r->hooks, j, changed, &r->err);
}

int bs_cudnn_op_open(bs_cudnn_op *r, bs_session *s, const char *root)
{
    int done = 0;
    memset(r, 0, sizeof(*r));
    r->s = s;
    r->lock.fd = -1;
    bs_error_init(&r->err);
    r->hooks = (bs_cudnn_hooks){
        .step = fault_point, .smoke = smoke, .user = r, .events = &s->events, .cancel = &s->cancel};
    r->root = plat_realpath(root);
    if (!r->root) {
        bs_error_set(&r->err, BS_E_NOT_FOUND, "no install in %s", root);
        bs_error_hint(&r->err, "install first: invokeai-bootstrap install --root '%s'", root);
        return BS_E_NOT_FOUND;
    }
    int rc = bs_torch_lib_find(r->root, &r->torch, &r->err);
    if (rc || !r->torch.windows_layout)
        return rc;
    if ((rc = bs_root_lock_take(r->root, &r->lock, &r->err)) != 0)
        return rc;
    if ((rc = bs_cudnn_recover(r->root, &r->hooks, &done, &r->err)) != 0)
        return rc;
    if (done && (rc = bs_torch_lib_find(r->root, &r->torch, &r->err)) != 0)
        return rc;
    return 0;
}

int bs_cudnn_op_close(bs_cudnn_op *r, int rc)
{
    if (rc == BS_E_INTERRUPTED && r->lock.fd >= 0) {
        /* Ctrl-C in the middle: finish or undo the swap now rather than at the next run. */
        int done = 0;
        bs_error quiet;
        bs_error_init(&quiet);
        r->hooks.cancel = NULL;
        r->hooks.smoke = NULL;
        bs_cudnn_recover(r->root, &r->hooks, &done, &quiet);
        bs_error_set(&r->err, BS_E_INTERRUPTED, "interrupted; torch\\lib was left consistent");
    }
    bs_root_lock_release(&r->lock);
    free(r->root);
    r->root = NULL;
    return rc;
}
