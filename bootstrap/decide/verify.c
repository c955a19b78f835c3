/*
 * verify.c: the installed torch against the plan.
 */
#include "decide/verify.h"
#include "decide/backend_request.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "decide/resolve.h"

#include <stdio.h>
#include <string.h>

/* Whether a build with these targets runs on a GPU of compute capability cc. A cubin
 * for sm_XY runs on X.Z with Z >= Y (same major: the RTX 4090, 8.9, runs sm_86 code); PTX
 * (compute_XY) is compiled on the fly for any newer GPU. */
static bool arch_listed(const char *list, const char *cc)
{
    char buf[256], *p = buf, *tok;
    int major = 0, minor = 0;
    if (sscanf(cc, "%d.%d", &major, &minor) != 2)
        return true;
    int gpu = major * 10 + minor;
    bs_strlcpy(buf, list, sizeof(buf));
    while ((tok = bs_strsep(&p, " ")) != NULL) {
        int n;
        if (sscanf(tok, "sm_%d", &n) == 1 && n / 10 == major && n % 10 <= minor)
            return true;
        if (sscanf(tok, "compute_%d", &n) == 1 && n <= gpu)
            return true;
    }
    return false;
}

void bs_expectation_for(bs_expectation *e, const char *invokeai, const char *torch,
                        const char *backend, const char *index, const bs_gpu *g, bool gpu_unused)
{
    e->invokeai = invokeai;
    e->torch = torch;
    e->label = strcmp(index, "default") == 0 ? NULL : bs_backend_label(index);
    e->family = bs_backend_family(backend);
    e->compute_capability = g ? g->compute_capability : "";
    e->gpu_expected = g && !gpu_unused && e->family != BS_FAMILY_CPU;
}

bs_status bs_verify_install(const bs_torch_answer *a, const bs_expectation *e, char *msg,
                            size_t size)
{
    const char *label = bs_pep440_local(a->torch);
    if (!a->invokeai[0]) {
        snprintf(msg, size, "InvokeAI is not installed in the venv");
        return BS_FAIL;
    }
    if (e->invokeai && bs_pep440_cmp_str(a->invokeai, e->invokeai) != 0) {
        snprintf(msg, size, "InvokeAI %s is installed, the plan is %s", a->invokeai, e->invokeai);
        return BS_FAIL;
    }
    if (!a->has_web) {
        snprintf(msg, size, "InvokeAI %s has no invokeai-web launcher in the venv", a->invokeai);
        return BS_FAIL;
    }
    if (!a->torch[0]) {
        snprintf(msg, size, "torch does not import%s%s", a->error[0] ? ": " : "", a->error);
        return BS_FAIL;
    }
    if (e->torch && strcmp(a->torch, e->torch) != 0) {
        snprintf(msg, size, "torch %s is installed, the plan is %s", a->torch, e->torch);
        return BS_FAIL;
    }
    if (e->label && strcmp(label, e->label) != 0) {
        snprintf(msg, size, "torch %s is installed, the plan is a +%s build", a->torch,
                 e->label[0] ? e->label : "(unlabelled)");
        return BS_FAIL;
    }
    if (a->files_changed > 0) {
        snprintf(msg, size, "%d file%s of torch differ from what pip installed (%s)",
                 a->files_changed, a->files_changed == 1 ? "" : "s", a->changed_example);
        return BS_FAIL;
    }
    if (e->family == BS_FAMILY_CUDA && !a->cuda[0]) {
        snprintf(msg, size, "torch %s is not a CUDA build", a->torch);
        return BS_FAIL;
    }
    if (e->family == BS_FAMILY_ROCM && !a->hip[0]) {
        snprintf(msg, size, "torch %s is not a ROCm build", a->torch);
        return BS_FAIL;
    }
    if (e->family == BS_FAMILY_CUDA && e->compute_capability && e->compute_capability[0] &&
        a->arch_list[0] && !arch_listed(a->arch_list, e->compute_capability)) {
        snprintf(msg, size, "torch %s carries %s but not this GPU (compute capability %s)",
                 a->torch, a->arch_list, e->compute_capability);
        return BS_FAIL;
    }
    if (e->gpu_expected && !a->available) {
        snprintf(msg, size,
                 "torch %s is the right build, but cannot use the GPU now (driver not loaded? "
                 "a reboot after a driver update?)",
                 a->torch);
        return BS_WARN;
    }
    snprintf(msg, size, "torch %s%s%s%s%s, InvokeAI %s", a->torch,
             a->cuda[0]  ? ", CUDA "
             : a->hip[0] ? ", HIP "
                         : "",
             a->cuda[0] ? a->cuda : a->hip, a->available && a->device[0] ? " on " : "",
             a->available ? a->device : "", a->invokeai);
    return BS_PASS;
}
