/*
 * check_gpu.c: the GPU checks: what is there (gpu), cards InvokeAI handles badly
 * (gpu-problematic), which model families fit in VRAM (vram), and the driver (driver).
 */
#include "core/buf.h"
#include "core/strutil.h"
#include "core/version.h"
#include "decide/check.h"
#include "decide/checks.h"
#include "probe/parse_nvidia_smi.h"

#include <stdio.h>
#include <string.h>

static void describe_gpu(const bs_gpu *g, bs_buf *b)
{
    bs_buf_printf(b, "%s", g->name[0] ? g->name : "unnamed GPU");
    if (g->vram_mib >= 0) {
        char gib[32];
        fmt_gib(g->vram_mib, gib, sizeof(gib));
        bs_buf_printf(b, ", %s", gib);
    }
    if (g->compute_capability[0])
        bs_buf_printf(b, ", compute %s", g->compute_capability);
    if (g->gfx_arch[0])
        bs_buf_printf(b, ", %s", g->gfx_arch);
    if (g->driver[0])
        bs_buf_printf(b, ", driver %s", g->driver);
    if (g->integrated)
        bs_buf_puts(b, ", integrated");
}

void bs_check_gpu(const bs_facts *f, bs_check *c)
{
    const bs_gpu *compute = bs_facts_compute_gpu(f);
    bs_buf b;
    bs_buf_init(&b);
    for (int i = 0; i < f->gpu_count; i++) {
        if (i)
            bs_buf_puts(&b, "; ");
        describe_gpu(&f->gpus[i], &b);
    }
    if (!compute) {
        check_set(c, "gpu", BS_WARN, "%s%s",
                  f->gpu_count ? "only integrated graphics: " : "no GPU found", bs_buf_str(&b));
        check_fix(c, "InvokeAI will run on the CPU, much slower; an NVIDIA GPU with 8 GB or "
                     "more is recommended");
    } else {
        check_set(c, "gpu", BS_PASS, "%s", bs_buf_str(&b));
    }
    bs_buf_free(&b);
}

void bs_check_gpu_problematic(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    for (int i = 0; i < f->gpu_count; i++) {
        const bs_gpu *g = &f->gpus[i];
        if (g->vendor != BS_VENDOR_NVIDIA)
            continue;
        for (int p = 0; p < t->problem_count; p++) {
            if (!bs_contains_nocase(g->name, t->problem_match[p]))
                continue;
            check_set(c, "gpu-problematic", BS_WARN, "%s: %s", g->name, t->problem_reason[p]);
            check_fix(c, "the installer will set 'precision: float32' in invokeai.yaml; expect "
                         "slower generation and use SD1.5-size models");
            return;
        }
    }
    check_set(c, "gpu-problematic", BS_PASS, "no GPU with known InvokeAI problems");
}

/* Apple GPUs share system memory: the whole of RAM is what the model can use. */
static long long usable_vram(const bs_facts *f, const bs_gpu *g)
{
    return g->vendor == BS_VENDOR_APPLE && g->vram_mib < 0 ? f->ram_mib : g->vram_mib;
}

void bs_check_vram(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    const bs_gpu *g = bs_facts_compute_gpu(f);
    if (!g) {
        check_set(c, "vram", BS_WARN, "no GPU memory: models run from system RAM on the CPU");
        check_fix(c, "a GPU with at least 4 GB (SD1.5) or 8 GB (SDXL) makes generation "
                     "practical");
        return;
    }
    long long vram = usable_vram(f, g);
    long long sd15 = t->vram_sd15_mib[g->vendor], sdxl = t->vram_sdxl_mib[g->vendor];
    char have[32], need15[32], needxl[32];
    fmt_gib(vram, have, sizeof(have));
    fmt_gib(sd15, need15, sizeof(need15));
    fmt_gib(sdxl, needxl, sizeof(needxl));
    const char *what = g->vendor == BS_VENDOR_APPLE ? "unified memory" : "VRAM";
    if (vram < 0 || sd15 < 0) {
        check_set(c, "vram", BS_WARN, "%s of %s unknown", what, g->name);
        check_fix(c, "SD1.5 needs %s of %s, SDXL %s; check the card's specification", need15, what,
                  needxl);
    } else if (vram >= nominal_floor(t, sdxl)) {
        check_set(c, "vram", BS_PASS, "%s %s: SD1.5 and SDXL fit (FLUX wants 16 GB or more)", have,
                  what);
    } else if (vram >= nominal_floor(t, sd15)) {
        check_set(c, "vram", BS_WARN, "%s %s: SD1.5 fits, SDXL needs %s", have, what, needxl);
        check_fix(c, "use SD1.5 models, or enable low-VRAM mode (enable_partial_loading: true) "
                     "for SDXL at reduced speed");
    } else {
        check_set(c, "vram", BS_FAIL, "%s %s: not even SD1.5 fits (needs %s)", have, what, need15);
        check_fix(c,
                  "InvokeAI needs a GPU with at least %s of %s, or runs on the CPU with "
                  "--backend cpu",
                  need15, what);
    }
}

/* What to do about an NVIDIA driver that does not answer, from what nvidia-smi said. */
static const char *nvidia_driver_advice(const bs_facts *f)
{
    if (f->nvidia.smi_error[0])
        return bs_nvsmi_failure_advice(bs_nvsmi_classify_failure(f->nvidia.smi_error));
    if (f->nvidia.kernel_module[0])
        return "install the NVIDIA utilities that ship nvidia-smi with your driver "
               "(e.g. nvidia-utils), then run doctor again";
    return bs_nvsmi_failure_advice(BS_NVSMI_FAIL_NO_DRIVER);
}

void bs_check_driver(const bs_facts *f, const bs_backend_choice *b, bs_check *c)
{
    const bs_gpu *g = bs_facts_compute_gpu(f);
    if (!g) {
        check_set(c, "driver", BS_PASS, "no GPU driver needed");
        return;
    }
    if (g->vendor == BS_VENDOR_APPLE) {
        check_set(c, "driver", BS_PASS, "Metal is part of macOS");
        return;
    }
    if (g->vendor == BS_VENDOR_AMD) {
        if (f->os != BS_OS_LINUX) {
            check_set(c, "driver", BS_WARN, "AMD GPU on %s: PyTorch's ROCm builds are Linux-only",
                      bs_os_name(f->os));
            check_fix(c, "InvokeAI will run on the CPU here; on the same machine Linux can use "
                         "the GPU");
        } else if (!f->amdgpu_loaded) {
            check_set(c, "driver", BS_FAIL, "the amdgpu kernel driver is not loaded");
            check_fix(c, "install your distribution's AMD GPU driver (amdgpu, in the kernel "
                         "since 4.15) and reboot; ROCm itself: "
                         "https://rocm.docs.amd.com/projects/install-on-linux/");
        } else {
            check_set(c, "driver", BS_PASS, "amdgpu driver loaded%s",
                      f->rocm_tools ? ", ROCm tools installed"
                                    : "; no ROCm installed, and none needed: PyTorch's ROCm "
                                      "wheels bring their own runtime (ROCm: "
                                      "https://rocm.docs.amd.com/projects/install-on-linux/)");
        }
        return;
    }
    if (g->vendor == BS_VENDOR_INTEL) {
        check_set(c, "driver", BS_PASS, "Intel GPU driver is part of the kernel");
        return;
    }
    /* NVIDIA */
    if (!f->nvidia.smi_ok) {
        check_set(c, "driver", BS_FAIL, "%s: %s", g->name,
                  f->nvidia.smi_error[0] ? f->nvidia.smi_error
                  : f->nvidia.smi_found  ? "nvidia-smi lists no GPU"
                  : f->nvidia.kernel_module[0]
                      ? "the kernel module is loaded but nvidia-smi is missing"
                      : "no NVIDIA driver installed");
        if (f->wsl)
            check_fix(c, "under WSL2 the Windows NVIDIA driver serves the GPU: install or update "
                         "it on Windows (https://www.nvidia.com/Download/index.aspx), not inside "
                         "WSL, then restart WSL (wsl --shutdown)");
        else
            check_fix(c, "%s", nvidia_driver_advice(f));
        return;
    }
    check_set(c, "driver", b->driver_status, "NVIDIA driver %s, CUDA %s; %s", f->nvidia.driver,
              f->nvidia.cuda[0] ? f->nvidia.cuda : "version not reported", b->driver_note);
    if (b->driver_status != BS_PASS)
        check_fix(c,
                  "update the NVIDIA driver to %s or newer "
                  "(https://www.nvidia.com/Download/index.aspx or your distribution's "
                  "package)",
                  b->driver_needed[0] ? b->driver_needed : "a current release");
}
