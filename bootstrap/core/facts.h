/*
 * facts.h: what the probe stage learns about a machine, as plain data. Facts decide
 * nothing; the decide stage turns them into checks and choices. Fixed-size fields keep
 * the struct copyable and free of ownership questions; bs_facts_init sets every field to
 * "unknown" (-1 for numbers, "" for text).
 */
#ifndef BS_FACTS_H
#define BS_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#define BS_MAX_GPUS 16
#define BS_MAX_PYTHONS 12

typedef enum bs_vendor {
    BS_VENDOR_UNKNOWN = 0,
    BS_VENDOR_NVIDIA,
    BS_VENDOR_AMD,
    BS_VENDOR_INTEL,
    BS_VENDOR_APPLE,
} bs_vendor;

typedef struct bs_gpu {
    bs_vendor vendor;
    char name[128];
    long long vram_mib;         /* -1 when unknown; unified memory for Apple */
    char driver[32];            /* driver version, "" when unknown */
    char compute_capability[8]; /* NVIDIA "8.9", "" when unknown */
    char gfx_arch[16];          /* AMD "gfx1100", "" when unknown */
    char bus_id[32];
    bool integrated; /* an iGPU / APU: never the compute GPU when a discrete one exists */
} bs_gpu;

typedef struct bs_python {
    char path[512];
    char version[32]; /* "3.11.9", "" when it did not run */
    char arch[16];    /* what the interpreter was built for, as it says ("" unknown) */
    bool has_venv;    /* venv and ensurepip import (Debian splits them into python3.X-venv) */
    char note[160];   /* why it did not answer, or "" (usability is decided by the python check) */
} bs_python;

typedef struct bs_nvidia_status {
    bool smi_found;         /* nvidia-smi is on PATH */
    bool smi_ok;            /* it ran and listed at least one GPU */
    char smi_error[256];    /* first line of its complaint when it failed */
    char driver[32];        /* from nvidia-smi, else the kernel module */
    char cuda[16];          /* "CUDA Version" of the header: the newest CUDA the driver runs */
    char kernel_module[32]; /* /sys/module/nvidia/version or /proc/driver/nvidia/version */
} bs_nvidia_status;

/* The operating system family, decided once by the probe. */
typedef enum bs_os { BS_OS_UNKNOWN = 0, BS_OS_LINUX, BS_OS_DARWIN, BS_OS_WINDOWS } bs_os;

/* "linux", "darwin", "windows" (the names our tables, bundles and the venv layout use), or
 * "unknown". */
const char *bs_os_name(bs_os os);
/* The family a name stands for (BS_OS_UNKNOWN when none). */
bs_os bs_os_parse(const char *name);

typedef struct bs_facts {
    /* operating system */
    bs_os os;
    char arch[16];      /* x86_64, aarch64 */
    char libc[16];      /* glibc, musl, "" (not Linux) */
    char distro_id[32]; /* os-release ID */
    char distro_like[96];
    char distro_version[32];
    char os_pretty[128];
    char os_version[32]; /* macOS/Windows product version, "" on Linux */

    long long ram_mib; /* -1 unknown */

    /* storage */
    char root[512];
    char root_measured[512]; /* the existing directory whose filesystem was measured */
    long long root_free_mib;
    char cache[512];     /* the download cache (filled by the CLI, which knows --cache-dir) */
    long long cache_mib; /* what is in it, -1 unknown */
    char tmpdir[512];
    bool tmp_is_ram;
    long long tmp_free_mib;

    /* GPUs and drivers */
    bs_gpu gpus[BS_MAX_GPUS];
    int gpu_count;
    bs_nvidia_status nvidia;
    bool amdgpu_loaded; /* the amdgpu kernel driver is bound */
    bool rocm_tools;    /* rocm-smi or rocm_agent_enumerator found */

    /* Python interpreters found, in search order */
    bs_python pythons[BS_MAX_PYTHONS];
    int python_count;

    /* OpenCV's shared libraries (Linux): -1 unknown / not applicable, 0 missing, 1 present */
    int have_libgl;
    int have_libglib;
    char lib_method[32]; /* "ld.so.cache" or "library directories" */

    /* Windows: the VC++ 2015-2022 runtime of this CPU (registry), and the long-path policy;
     * -1 unknown or not Windows, 0 no, 1 yes */
    int vcredist_installed;
    char vcredist_version[32]; /* "14.40.33810" */
    int long_paths_enabled;
    /* macOS: the Xcode command line tools (xcode-select -p); -1 unknown or not macOS */
    int xcode_clt;
    bool wsl; /* Linux under WSL2: the Windows driver serves the GPU */
} bs_facts;

void bs_facts_init(bs_facts *f);
/* Nothing in bs_facts is heap-owned today; kept so callers follow the _init/_free rule. */
void bs_facts_free(bs_facts *f);
/* Appends a GPU; returns NULL when the table is full. */
bs_gpu *bs_facts_add_gpu(bs_facts *f);
const char *bs_vendor_name(bs_vendor v);
/* The GPU that will run models: the first discrete GPU, else the first with known VRAM
 * that is not integrated, else an Apple GPU; NULL when none qualifies. */
const bs_gpu *bs_facts_compute_gpu(const bs_facts *f);

#endif
