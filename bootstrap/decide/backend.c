/*
 * backend.c: the PyTorch backend decision.
 */
#include "decide/backend.h"
#include "decide/backend_request.h"
#include "core/strutil.h"
#include "core/version.h"

#include <stdio.h>
#include <string.h>

const bs_era *bs_era_for(const bs_tables *t, const char *version)
{
    if (!version || !*version || strcmp(version, "latest") == 0)
        version = t->latest_assumed;
    for (int i = 0; i < t->era_count; i++)
        if (bs_version_matches(version, t->eras[i].versions))
            return &t->eras[i];
    return NULL;
}

const bs_cuda_build *bs_cuda_build_for(const bs_tables *t, const char *backend)
{
    for (int i = 0; i < t->cuda_count; i++)
        if (strcmp(t->cuda[i].backend, backend) == 0)
            return &t->cuda[i];
    return NULL;
}

static bool is_windows(const bs_facts *f)
{
    return f->os == BS_OS_WINDOWS;
}

static void set_backend(bs_backend_choice *c, const char *backend, const char *index)
{
    bs_strlcpy(c->backend, backend, sizeof(c->backend));
    bs_strlcpy(c->index, index, sizeof(c->index));
    c->family = bs_backend_family(backend);
}

/* The CPU build for this OS and arch in this era. */
static void choose_cpu(const bs_facts *f, const bs_era *era, bs_backend_choice *c)
{
    const char *idx = era->cpu_linux_x86_64;
    if (f->os == BS_OS_DARWIN)
        idx = era->mac;
    else if (is_windows(f))
        idx = era->cpu_windows;
    else if (strcmp(f->arch, "aarch64") == 0)
        idx = era->cpu_linux_aarch64;
    set_backend(c, "cpu", idx);
}

static bool cc_in_range(const bs_cuda_build *b, const char *cc)
{
    return !cc[0] || (bs_version_cmp(cc, b->min_cc) >= 0 && bs_version_cmp(cc, b->max_cc) <= 0);
}

/* Nothing fits: CPU, and say exactly what would make the GPU usable. */
static void no_cuda_fits(const bs_facts *f, const bs_era *era, const bs_gpu *g,
                         const char *lowest_needed, bool unpublished, bs_backend_choice *c)
{
    const char *driver = f->nvidia.driver;
    choose_cpu(f, era, c);
    c->gpu_unused = true;
    c->xformers = false;
    if (lowest_needed) {
        c->driver_status = BS_FAIL;
        bs_strlcpy(c->driver_needed, lowest_needed, sizeof(c->driver_needed));
        snprintf(c->driver_note, sizeof(c->driver_note),
                 "driver %s is too old for every CUDA build of this InvokeAI; %s or newer is "
                 "needed",
                 driver, lowest_needed);
        snprintf(c->reason, sizeof(c->reason), "%s: driver %s is too old for CUDA builds", g->name,
                 driver);
    } else if (unpublished) {
        c->driver_status = BS_FAIL;
        snprintf(c->driver_note, sizeof(c->driver_note),
                 "no CUDA index this GPU and driver can use publishes the torch this InvokeAI "
                 "pins");
        snprintf(c->reason, sizeof(c->reason), "%s: no usable CUDA build of the pinned torch",
                 g->name);
    } else {
        snprintf(c->reason, sizeof(c->reason),
                 "%s (compute capability %s): no CUDA build of this InvokeAI supports it", g->name,
                 g->compute_capability);
    }
}

/* Walks the era's CUDA build and its fallbacks, newest first, and takes the first that
 * carries this GPU's generation and runs on this driver. */
/* The torch-availability question of one decision (NULL fn: every index has it). */
typedef struct availability {
    bs_torch_available_fn fn;
    void *user;
} availability;

static void choose_nvidia(const bs_facts *f, const bs_tables *t, const bs_era *era, const bs_gpu *g,
                          const char *forced, const availability *av, bs_backend_choice *c)
{
    const char *wanted = forced ? forced : is_windows(f) ? era->nvidia_windows : era->nvidia_linux;
    const char *driver = f->nvidia.driver;
    const char *cands[6];
    int n = 0;

    c->xformers = g->compute_capability[0] && bs_version_cmp(g->compute_capability, "8.0") < 0;
    if (strcmp(wanted, "default") == 0) {
        set_backend(c, "cuda", "default");
        snprintf(c->reason, sizeof(c->reason),
                 "%s: this InvokeAI takes torch from the default index, a CUDA build on Linux",
                 g->name);
        return;
    }
    cands[n++] = wanted;
    for (int i = 0; !forced && i < era->fallback_count && n < 6; i++)
        cands[n++] = era->cuda_fallbacks[i];

    const char *lowest_needed = NULL;
    const char *why_not_first = ""; /* why the era's own build was passed over */
    bool unpublished = false;       /* some fitting build lacks the pinned torch */
    for (int i = 0; i < n; i++) {
        const bs_cuda_build *b = bs_cuda_build_for(t, cands[i]);
        if (!b)
            continue;
        if (!cc_in_range(b, g->compute_capability)) {
            if (i == 0)
                why_not_first = ": the newer CUDA builds do not carry this GPU generation";
            continue;
        }
        const char *compat = is_windows(f) ? b->compat_windows : b->compat_linux;
        const char *toolkit = is_windows(f) ? b->toolkit_windows : b->toolkit_linux;
        if (driver[0] && bs_version_cmp(driver, compat) < 0) {
            if (!lowest_needed || bs_version_cmp(compat, lowest_needed) < 0)
                lowest_needed = compat;
            if (i == 0)
                why_not_first = ": the driver is too old for the newer CUDA builds";
            continue;
        }
        if (av && av->fn && !av->fn(av->user, b->backend)) {
            unpublished = true;
            if (i == 0)
                why_not_first = ": the newer CUDA indexes lack the torch this InvokeAI pins";
            continue;
        }
        set_backend(c, b->backend, b->backend);
        bs_strlcpy(c->driver_needed, compat, sizeof(c->driver_needed));
        snprintf(c->reason, sizeof(c->reason), "%s (compute capability %s)%s", g->name,
                 g->compute_capability[0] ? g->compute_capability : "unknown", why_not_first);
        if (!driver[0]) {
            c->driver_status = BS_FAIL;
            snprintf(c->driver_note, sizeof(c->driver_note),
                     "no working NVIDIA driver; %s needs %s or newer", b->backend, compat);
        } else if (bs_version_cmp(driver, toolkit) < 0) {
            c->driver_status = BS_WARN;
            snprintf(c->driver_note, sizeof(c->driver_note),
                     "driver %s runs %s through CUDA minor-version compatibility; %s or newer is "
                     "the tested pairing",
                     driver, b->backend, toolkit);
        } else {
            snprintf(c->driver_note, sizeof(c->driver_note), "driver %s is new enough for %s",
                     driver, b->backend);
        }
        return;
    }
    no_cuda_fits(f, era, g, lowest_needed, unpublished, c);
}

static void choose_auto(const bs_facts *f, const bs_tables *t, const bs_era *era,
                        const availability *av, bs_backend_choice *c, const char *version)
{
    const bs_gpu *g = bs_facts_compute_gpu(f);
    bool mac = f->os == BS_OS_DARWIN;
    if (mac && strcmp(f->arch, "aarch64") == 0) {
        set_backend(c, "mps", era->mac);
        snprintf(c->reason, sizeof(c->reason),
                 "Apple Silicon: torch from the default index uses Metal (MPS)");
        return;
    }
    if (!mac && f->os == BS_OS_LINUX && strcmp(f->arch, "aarch64") == 0) {
        choose_cpu(f, era, c);
        c->gpu_unused = g != NULL;
        snprintf(c->reason, sizeof(c->reason), "Linux on aarch64: torch from the default index");
        return;
    }
    if (g && g->vendor == BS_VENDOR_NVIDIA && !mac) {
        choose_nvidia(f, t, era, g, NULL, av, c);
        return;
    }
    if (g && g->vendor == BS_VENDOR_AMD && f->os == BS_OS_LINUX) {
        set_backend(c, era->amd_linux, era->amd_linux);
        snprintf(c->reason, sizeof(c->reason), "%s%s%s%s on Linux: ROCm build", g->name,
                 g->gfx_arch[0] ? " (" : "", g->gfx_arch, g->gfx_arch[0] ? ")" : "");
        return;
    }
    if (g && g->vendor == BS_VENDOR_INTEL && era->intel_arc[0] &&
        (!version || strcmp(version, "latest") == 0 ||
         bs_version_cmp(version, era->intel_arc_from) >= 0)) {
        set_backend(c, era->intel_arc, era->intel_arc);
        snprintf(c->reason, sizeof(c->reason), "%s: Intel XPU build", g->name);
        return;
    }
    choose_cpu(f, era, c);
    if (g) {
        c->gpu_unused = true;
        snprintf(c->reason, sizeof(c->reason), "%s: PyTorch has no build for this GPU on %s",
                 g->name, bs_os_name(f->os));
    } else {
        snprintf(c->reason, sizeof(c->reason), "no usable GPU found: CPU build");
    }
}

/* Checks a request against the machine; returns 0 or BS_E_USAGE. */
static int choose_override(const bs_facts *f, const bs_tables *t, const bs_era *era,
                           const bs_backend_request *req, const availability *av,
                           bs_backend_choice *c, bs_error *err)
{
    bool linux_os = f->os == BS_OS_LINUX, mac = f->os == BS_OS_DARWIN;
    const bs_gpu *g = bs_facts_compute_gpu(f);
    const char *ov = req->name;
    switch (req->kind) {
    case BS_BACKEND_AUTO:
        break;
    case BS_BACKEND_CPU:
        choose_cpu(f, era, c);
        c->gpu_unused = g != NULL;
        snprintf(c->reason, sizeof(c->reason), "--backend cpu");
        return 0;
    case BS_BACKEND_CUDA:
    case BS_BACKEND_CUDA_BUILD: {
        if (mac)
            return bs_error_set(err, BS_E_USAGE,
                                "--backend %s: PyTorch has no CUDA builds for macOS", ov);
        if (req->kind == BS_BACKEND_CUDA_BUILD && !bs_cuda_build_for(t, ov))
            return bs_error_set(err, BS_E_USAGE,
                                "--backend %s: not a CUDA build PyTorch publishes "
                                "for InvokeAI (see assets/cuda_drivers.json)",
                                ov);
        bs_gpu fake = {.vendor = BS_VENDOR_NVIDIA};
        bs_strlcpy(fake.name, "requested CUDA build", sizeof(fake.name));
        choose_nvidia(f, t, era, g && g->vendor == BS_VENDOR_NVIDIA ? g : &fake,
                      req->kind == BS_BACKEND_CUDA ? NULL : ov, av, c);
        snprintf(c->reason + strlen(c->reason), sizeof(c->reason) - strlen(c->reason),
                 " (--backend %s)", ov);
        return 0;
    }
    case BS_BACKEND_ROCM:
    case BS_BACKEND_ROCM_BUILD: {
        if (!linux_os)
            return bs_error_set(err, BS_E_USAGE,
                                "--backend %s: PyTorch's ROCm builds exist for Linux only", ov);
        const char *b = req->kind == BS_BACKEND_ROCM ? era->amd_linux : ov;
        set_backend(c, b, b);
        snprintf(c->reason, sizeof(c->reason), "--backend %s", ov);
        return 0;
    }
    case BS_BACKEND_MPS:
        if (!mac || strcmp(f->arch, "aarch64") != 0)
            return bs_error_set(err, BS_E_USAGE,
                                "--backend mps: Metal (MPS) needs a Mac with Apple Silicon");
        set_backend(c, "mps", era->mac);
        snprintf(c->reason, sizeof(c->reason), "--backend mps");
        return 0;
    case BS_BACKEND_XPU:
        if (mac || !era->intel_arc[0])
            return bs_error_set(err, BS_E_USAGE,
                                "--backend xpu: Intel XPU builds exist for InvokeAI 6.14 and later "
                                "on Linux and Windows");
        set_backend(c, "xpu", "xpu");
        snprintf(c->reason, sizeof(c->reason), "--backend xpu");
        return 0;
    }
    return bs_error_set(err, BS_E_USAGE, "--backend %s: not a backend request", ov);
}

int bs_choose_backend_for(const bs_facts *f, const bs_tables *t, const char *version,
                          const char *override, bs_torch_available_fn available, void *user,
                          bs_backend_choice *out, bs_error *err)
{
    availability av = {available, user};
    memset(out, 0, sizeof(*out));
    out->driver_status = BS_PASS;
    const bs_era *era = bs_era_for(t, version);
    if (!era)
        return bs_error_set(
            err, BS_E_USAGE,
            "InvokeAI %s is older than any release this installer knows (3.4.0 and later)",
            version);
    bs_backend_request req;
    int rc = bs_backend_request_parse(override, &req, err);
    if (rc)
        return rc;
    if (req.kind != BS_BACKEND_AUTO)
        return choose_override(f, t, era, &req, &av, out, err);
    choose_auto(f, t, era, &av, out, version);
    return 0;
}

int bs_choose_backend(const bs_facts *f, const bs_tables *t, const char *version,
                      const char *override, bs_backend_choice *out, bs_error *err)
{
    return bs_choose_backend_for(f, t, version, override, NULL, NULL, out, err);
}
