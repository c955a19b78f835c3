/*
 * facts_builder.h: short-hands to build bs_facts for rule and backend tests, so each table
 * row reads as the machine it describes.
 */
#ifndef BS_TEST_FACTS_BUILDER_H
#define BS_TEST_FACTS_BUILDER_H

#include "core/strutil.h"
#include "core/facts.h"

#include <string.h>

static inline void fb_machine(bs_facts *f, const char *os, const char *arch, const char *libc)
{
    bs_facts_init(f);
    f->os = bs_os_parse(os);
    bs_strlcpy(f->arch, arch, sizeof(f->arch));
    bs_strlcpy(f->libc, libc, sizeof(f->libc));
    bs_strlcpy(f->root, "/home/u/invokeai", sizeof(f->root));
    bs_strlcpy(f->tmpdir, "/tmp", sizeof(f->tmpdir));
    f->ram_mib = 32000;
    f->root_free_mib = 200000;
}

static inline bs_gpu *fb_nvidia(bs_facts *f, const char *name, long long vram, const char *cc,
                                const char *driver)
{
    bs_gpu *g = bs_facts_add_gpu(f);
    g->vendor = BS_VENDOR_NVIDIA;
    bs_strlcpy(g->name, name, sizeof(g->name));
    g->vram_mib = vram;
    bs_strlcpy(g->compute_capability, cc, sizeof(g->compute_capability));
    bs_strlcpy(g->driver, driver, sizeof(g->driver));
    bs_strlcpy(f->nvidia.driver, driver, sizeof(f->nvidia.driver));
    f->nvidia.smi_found = f->nvidia.smi_ok = driver[0] != '\0';
    return g;
}

static inline bs_gpu *fb_gpu(bs_facts *f, bs_vendor v, const char *name, long long vram,
                             const char *gfx, bool integrated)
{
    bs_gpu *g = bs_facts_add_gpu(f);
    g->vendor = v;
    bs_strlcpy(g->name, name, sizeof(g->name));
    g->vram_mib = vram;
    bs_strlcpy(g->gfx_arch, gfx, sizeof(g->gfx_arch));
    g->integrated = integrated;
    return g;
}

#endif
