/*
 * facts.c: construction of bs_facts and the choice of the compute GPU.
 */
#include "core/facts.h"

#include <string.h>

static const char *const os_names[] = {
    [BS_OS_UNKNOWN] = "unknown",
    [BS_OS_LINUX] = "linux",
    [BS_OS_DARWIN] = "darwin",
    [BS_OS_WINDOWS] = "windows",
};

const char *bs_os_name(bs_os os)
{
    return (unsigned)os < sizeof(os_names) / sizeof(os_names[0]) ? os_names[os] : "unknown";
}

bs_os bs_os_parse(const char *name)
{
    for (size_t i = 1; name && i < sizeof(os_names) / sizeof(os_names[0]); i++)
        if (strcmp(name, os_names[i]) == 0)
            return (bs_os)i;
    return BS_OS_UNKNOWN;
}

void bs_facts_init(bs_facts *f)
{
    memset(f, 0, sizeof(*f));
    f->ram_mib = -1;
    f->root_free_mib = -1;
    f->tmp_free_mib = -1;
    f->have_libgl = -1;
    f->have_libglib = -1;
    f->vcredist_installed = -1;
    f->long_paths_enabled = -1;
    f->xcode_clt = -1;
}

void bs_facts_free(bs_facts *f)
{
    (void)f;
}

bs_gpu *bs_facts_add_gpu(bs_facts *f)
{
    if (f->gpu_count >= BS_MAX_GPUS)
        return NULL;
    bs_gpu *g = &f->gpus[f->gpu_count++];
    memset(g, 0, sizeof(*g));
    g->vram_mib = -1;
    return g;
}

const char *bs_vendor_name(bs_vendor v)
{
    switch (v) {
    case BS_VENDOR_NVIDIA:
        return "nvidia";
    case BS_VENDOR_AMD:
        return "amd";
    case BS_VENDOR_INTEL:
        return "intel";
    case BS_VENDOR_APPLE:
        return "apple";
    default:
        return "unknown";
    }
}

const bs_gpu *bs_facts_compute_gpu(const bs_facts *f)
{
    const bs_gpu *best = NULL;
    /* Prefer NVIDIA, then AMD, then Intel discrete cards; among one vendor, most VRAM. */
    static const bs_vendor order[] = {BS_VENDOR_NVIDIA, BS_VENDOR_AMD, BS_VENDOR_INTEL};
    for (size_t o = 0; o < sizeof(order) / sizeof(order[0]) && !best; o++) {
        for (int i = 0; i < f->gpu_count; i++) {
            const bs_gpu *g = &f->gpus[i];
            if (g->vendor != order[o] || g->integrated)
                continue;
            if (!best || g->vram_mib > best->vram_mib)
                best = g;
        }
    }
    if (best)
        return best;
    for (int i = 0; i < f->gpu_count; i++)
        if (f->gpus[i].vendor == BS_VENDOR_APPLE)
            return &f->gpus[i];
    return NULL;
}
