/*
 * tables.h: the decide stage's data, read once from the embedded JSON assets into plain
 * structs. Decisions are functions of (facts, options, tables); tests use the same tables
 * the binary ships, so a change to an asset is a change the tests see.
 */
#ifndef BS_TABLES_H
#define BS_TABLES_H

#include "core/facts.h"

#define BS_MAX_CUDA 12
#define BS_MAX_ERAS 12
#define BS_MAX_NAMES 64

typedef struct bs_cuda_build {
    char backend[12];                            /* "cu128" */
    char cuda[8];                                /* "12.8" */
    char toolkit_linux[16], toolkit_windows[16]; /* tested driver pairing */
    char compat_linux[16], compat_windows[16];   /* lowest driver that runs it at all */
    char min_cc[8], max_cc[8];                   /* GPU generations the wheels carry */
} bs_cuda_build;

typedef struct bs_era {
    char versions[48]; /* version specifier of InvokeAI releases */
    char python[32];   /* requires-python */
    char nvidia_linux[16], nvidia_windows[16];
    char cuda_fallbacks[4][16];
    int fallback_count;
    char amd_linux[16];
    char cpu_linux_x86_64[16], cpu_linux_aarch64[16], cpu_windows[16];
    char mac[16];
    char intel_arc[16], intel_arc_from[16]; /* "" when the era has no Intel build */
} bs_era;

typedef enum bs_family {
    BS_FAMILY_CUDA = 0,
    BS_FAMILY_ROCM,
    BS_FAMILY_MPS,
    BS_FAMILY_CPU,
    BS_FAMILY_XPU,
    BS_FAMILY_COUNT
} bs_family;

typedef struct bs_pkg_family {
    char family[16];
    char ids[12][24];
    int id_count;
    char manager[16];
    char install[48];
    char gl_packages[4][32];
    int gl_count;
    char glib_packages[4][32];
    int glib_count;
    char renamed_from[32], renamed_to[32];
    char renamed_since[8][2][16]; /* pairs of (distro id, first version with the new name) */
    int renamed_since_count;
} bs_pkg_family;

typedef struct bs_tables {
    bs_cuda_build cuda[BS_MAX_CUDA]; /* newest first */
    int cuda_count;
    bs_era eras[BS_MAX_ERAS]; /* newest first */
    int era_count;
    char latest_assumed[16];

    double nominal_fraction;
    long long ram_min_mib;
    long long vram_sd15_mib[5], vram_sdxl_mib[5]; /* indexed by bs_vendor */
    long long disk_mib[BS_FAMILY_COUNT];
    long long models_headroom_mib;
    long long largest_download_mib[BS_FAMILY_COUNT];
    char macos_min[8];
    char vcredist_min[16];    /* lowest VC++ runtime accepted ("14.29") */
    int windows_deepest_path; /* characters InvokeAI's deepest file adds below the root */
    char python_search[8][16];
    int python_search_count;
    char python_managed[8];

    char cudnn_swap_match[8][32]; /* GPU names that get doctor's cuDNN note on Windows */
    int cudnn_swap_count;
    char problem_match[16][32];
    char problem_reason[16][200];
    int problem_count;
    char cc_match[BS_MAX_NAMES][32];
    char cc_value[BS_MAX_NAMES][8];
    int cc_count;
    char apu_gfx[24][16];
    int apu_count;
    long long igpu_max_vram_mib;
    char intel_discrete_prefix[8][8];
    int intel_prefix_count;

    bs_pkg_family pkg_families[8];
    int pkg_family_count;
} bs_tables;

/* The tables, parsed on first use. NULL only when an embedded asset is malformed, which
 * the unit tests rule out for every build. */
const bs_tables *bs_tables_get(void);
const char *bs_family_name(bs_family fam);
/* Compute capability for a GPU name from the name table, or NULL. Names match at word
 * starts, case-insensitively, first row wins ("A100" is listed before "A10"). */
const char *bs_cc_from_name(const bs_tables *t, const char *gpu_name);

#endif
