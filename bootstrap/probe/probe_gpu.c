/*
 * probe_gpu.c: GPUs of every vendor and the state of their drivers.
 *
 * NVIDIA: nvidia-smi's --query-gpu CSV for the GPUs (retrying without compute_cap on
 * drivers that predate it), its table header for the driver's CUDA version, the kernel
 * module's version file when nvidia-smi is missing or broken, and /sys/class/drm for cards
 * the driver does not see. AMD: /sys/class/drm (vendor 0x1002, VRAM), enriched by rocm-smi
 * and rocm_agent_enumerator when ROCm is installed. Intel: /sys/class/drm.
 */
#include "core/error.h"
#include "core/strutil.h"
#include "core/sysroot.h"
#include "platform/platform.h"
#include "probe/parse_nvidia_proc.h"
#include "probe/parse_nvidia_smi.h"
#include "probe/parse_rocm.h"
#include "probe/probe.h"
#include "probe/run_tool.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL_OUTPUT_MAX (1024 * 1024)

static bool run_ok(const plat_run_result *res)
{
    return !res->timed_out && !res->spawn_failed && res->term_signal == 0 && res->exit_code == 0;
}

/* What a failing tool said, as one line for the report. */
static void first_line(const plat_run_result *res, char *out, size_t size)
{
    const char *src = res->out_len ? res->out : res->err;
    if (res->timed_out) {
        bs_strlcpy(out, "timed out", size);
        return;
    }
    while (*src == ' ' || *src == '\n')
        src++;
    const char *nl = strchr(src, '\n');
    bs_strncpy_bounded(out, size, src, nl ? (size_t)(nl - src) : strlen(src));
    bs_trim(out);
    if (!out[0] && res->term_signal)
        snprintf(out, size, "killed by signal %d", res->term_signal);
}

static void probe_nvidia_module(bs_facts *f)
{
    char *text = NULL;
    if (bs_sysroot_read("/sys/module/nvidia/version", 4096, &text) != 0 || !text ||
        bs_parse_nvidia_module_version(text, f->nvidia.kernel_module,
                                       sizeof(f->nvidia.kernel_module)) != 0) {
        free(text);
        text = NULL;
        if (bs_sysroot_read("/proc/driver/nvidia/version", 4096, &text) == 0 && text)
            bs_parse_nvidia_module_version(text, f->nvidia.kernel_module,
                                           sizeof(f->nvidia.kernel_module));
    }
    free(text);
}

static void probe_nvidia_smi(bs_facts *f, const bs_probe_options *opt, const bs_events *ev)
{
    char *smi = plat_find_program("nvidia-smi");
    const char *query[] = {smi, "--query-gpu=" BS_NVSMI_QUERY_FIELDS,
                           "--format=csv,noheader,nounits", NULL};
    const char *table[] = {smi, NULL};
    const char *query_old_args[] = {"--query-gpu=" BS_NVSMI_QUERY_FIELDS_OLD,
                                    "--format=csv,noheader,nounits", NULL};
    const char *const *both[2] = {query, table};
    plat_run_result res[2];
    int before = f->gpu_count;

    if (!smi)
        return;
    f->nvidia.smi_found = true;
    bs_emit(ev, BS_EV_DETAIL, "probe.gpu", "running %s (query and table)", smi);
    /* The query lists the GPUs; only the table header names the driver's CUDA version.
     * nvidia-smi can take a second to wake a GPU, so both run at once. */
    if (plat_run_many(both, 2, opt->tool_timeout_ms, TOOL_OUTPUT_MAX, res) != 0) {
        free(smi);
        return;
    }
    bool ok = run_ok(&res[0]) && bs_parse_nvidia_query(res[0].out, BS_NVSMI_QUERY_FIELDS, f) > 0;
    /* nvidia-smi prints some complaints on stdout and others on stderr: look at both. */
    if (!ok && (bs_nvsmi_classify_failure(res[0].out) == BS_NVSMI_FAIL_INVALID_FIELD ||
                bs_nvsmi_classify_failure(res[0].err) == BS_NVSMI_FAIL_INVALID_FIELD)) {
        /* Drivers before 510 do not know compute_cap: ask again without it. */
        plat_run_result old;
        if (bs_run_tool("nvidia-smi", query_old_args, opt->tool_timeout_ms, TOOL_OUTPUT_MAX, ev,
                        &old) == 0) {
            ok = run_ok(&old) && bs_parse_nvidia_query(old.out, BS_NVSMI_QUERY_FIELDS_OLD, f) > 0;
            plat_run_result_free(&old);
        }
    }
    if (!ok)
        first_line(&res[0], f->nvidia.smi_error, sizeof(f->nvidia.smi_error));
    bs_parse_nvidia_table(res[1].out, !ok && f->gpu_count == before, f);
    if (!run_ok(&res[1]) && !f->nvidia.smi_error[0])
        first_line(&res[1], f->nvidia.smi_error, sizeof(f->nvidia.smi_error));
    plat_run_result_free(&res[0]);
    plat_run_result_free(&res[1]);
    free(smi);

    f->nvidia.smi_ok = f->gpu_count > before;
    if (f->nvidia.smi_ok)
        f->nvidia.smi_error[0] = '\0';
    for (int i = before; i < f->gpu_count; i++)
        if (!f->gpus[i].driver[0])
            bs_strlcpy(f->gpus[i].driver, f->nvidia.driver, sizeof(f->gpus[i].driver));
}

/* Reads a sysfs attribute of /sys/class/drm/<card>/device into out (trimmed). */
static bool read_card_attr(const char *card, const char *attr, char *out, size_t size)
{
    char rel[PATH_MAX];
    char *text = NULL;
    snprintf(rel, sizeof(rel), "/sys/class/drm/%s/device/%s", card, attr);
    if (bs_sysroot_read(rel, 4096, &text) != 0 || !text) {
        free(text);
        return false;
    }
    bs_strlcpy(out, bs_trim(text), size);
    free(text);
    return out[0] != '\0';
}

static bool is_apu_gfx(const bs_tables *t, const char *gfx)
{
    for (int i = 0; i < t->apu_count; i++)
        if (strcmp(t->apu_gfx[i], gfx) == 0)
            return true;
    return false;
}

static void classify_amd(const bs_tables *t, bs_gpu *g)
{
    g->integrated = (g->gfx_arch[0] && is_apu_gfx(t, g->gfx_arch)) ||
                    (g->vram_mib >= 0 && g->vram_mib < t->igpu_max_vram_mib);
}

static bs_gpu *find_by_bus(bs_facts *f, bs_vendor v, const char *bus)
{
    for (int i = 0; i < f->gpu_count; i++)
        if (f->gpus[i].vendor == v && strcmp(f->gpus[i].bus_id, bus) == 0)
            return &f->gpus[i];
    return NULL;
}

static void add_sysfs_card(bs_facts *f, const bs_tables *t, const char *card, int nvidia_seen)
{
    char vendor[16] = "", device[16] = "", vram[32] = "";
    if (!read_card_attr(card, "vendor", vendor, sizeof(vendor)))
        return;
    read_card_attr(card, "device", device, sizeof(device));
    bs_gpu *g = NULL;
    if (strcmp(vendor, "0x10de") == 0) {
        /* nvidia-smi already listed the cards its driver drives; a card it did not list is
         * one without a working driver, and doctor must say so. */
        if (nvidia_seen > 0 || !(g = bs_facts_add_gpu(f)))
            return;
        g->vendor = BS_VENDOR_NVIDIA;
        snprintf(g->name, sizeof(g->name), "NVIDIA GPU (PCI device %s)", device);
        bs_strlcpy(g->driver, f->nvidia.kernel_module, sizeof(g->driver));
    } else if (strcmp(vendor, "0x1002") == 0) {
        if (!(g = find_by_bus(f, BS_VENDOR_AMD, card))) {
            if (!(g = bs_facts_add_gpu(f)))
                return;
            g->vendor = BS_VENDOR_AMD;
            bs_strlcpy(g->bus_id, card, sizeof(g->bus_id));
            snprintf(g->name, sizeof(g->name), "AMD GPU (PCI device %s)", device);
        }
        if (g->vram_mib < 0 && read_card_attr(card, "mem_info_vram_total", vram, sizeof(vram)))
            g->vram_mib = bs_parse_ll(vram) >= 0 ? bs_parse_ll(vram) / (1024 * 1024) : -1;
        classify_amd(t, g);
    } else if (strcmp(vendor, "0x8086") == 0) {
        if (!(g = bs_facts_add_gpu(f)))
            return;
        g->vendor = BS_VENDOR_INTEL;
        g->integrated = true;
        for (int i = 0; i < t->intel_prefix_count; i++)
            if (bs_starts_with(device, t->intel_discrete_prefix[i]))
                g->integrated = false;
        snprintf(g->name, sizeof(g->name), "%s (PCI device %s)",
                 g->integrated ? "Intel integrated graphics" : "Intel Arc", device);
        bs_strlcpy(g->bus_id, card, sizeof(g->bus_id));
    }
}

static void probe_sysfs(bs_facts *f, const bs_tables *t, int nvidia_seen)
{
    char dir[PATH_MAX];
    char **names = NULL;
    size_t count = 0;
    if (bs_sysroot_path("/sys/class/drm", dir, sizeof(dir)) != 0 ||
        plat_list_dir(dir, &names, &count) != 0)
        return;
    /* cardN only: cardN-HDMI-A-1 and friends are connectors of the same device. */
    for (int pass = 0; pass < 64; pass++) {
        char want[16];
        snprintf(want, sizeof(want), "card%d", pass);
        for (size_t i = 0; i < count; i++)
            if (strcmp(names[i], want) == 0)
                add_sysfs_card(f, t, names[i], nvidia_seen);
    }
    plat_free_names(names, count);
}

static void probe_rocm_smi(bs_facts *f, const bs_probe_options *opt, const bs_events *ev)
{
    const char *smi_args[] = {"--showproductname", "--showmeminfo", "vram", "--csv", NULL};
    plat_run_result res;
    if (bs_run_tool("rocm-smi", smi_args, opt->tool_timeout_ms, TOOL_OUTPUT_MAX, ev, &res) == 0) {
        f->rocm_tools = true;
        if (run_ok(&res))
            bs_parse_rocm_smi_csv(res.out, f);
        plat_run_result_free(&res);
    }
}

/* Runs after sysfs, so AMD cards that rocm-smi did not list can still get their gfx. */
static void probe_rocm_agents(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                              const bs_events *ev)
{
    plat_run_result res;
    if (bs_run_tool("rocm_agent_enumerator", NULL, opt->tool_timeout_ms, TOOL_OUTPUT_MAX, ev,
                    &res) == 0) {
        char archs[BS_MAX_GPUS][16];
        f->rocm_tools = true;
        int n = run_ok(&res) ? bs_parse_rocm_agents(res.out, archs, BS_MAX_GPUS) : 0;
        /* The agents come in the same order as the AMD GPUs only when the counts agree. */
        int amd = 0;
        for (int i = 0; i < f->gpu_count; i++)
            amd += f->gpus[i].vendor == BS_VENDOR_AMD;
        for (int i = 0, k = 0; n == amd && i < f->gpu_count; i++)
            if (f->gpus[i].vendor == BS_VENDOR_AMD && !f->gpus[i].gfx_arch[0])
                bs_strlcpy(f->gpus[i].gfx_arch, archs[k++], sizeof(f->gpus[i].gfx_arch));
        plat_run_result_free(&res);
    }
    for (int i = 0; i < f->gpu_count; i++)
        if (f->gpus[i].vendor == BS_VENDOR_AMD)
            classify_amd(t, &f->gpus[i]);
}

void bs_probe_gpus(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                   const bs_events *ev)
{
    bs_emit(ev, BS_EV_STEP_START, "probe.gpu", "looking for GPUs");
    if (f->os == BS_OS_LINUX)
        probe_nvidia_module(f);
    int before = f->gpu_count;
    probe_nvidia_smi(f, opt, ev);
    int nvidia_seen = f->gpu_count - before;
    if (!f->nvidia.driver[0] && f->nvidia.kernel_module[0])
        bs_strlcpy(f->nvidia.driver, f->nvidia.kernel_module, sizeof(f->nvidia.driver));
    /* Old drivers cannot report compute capability: derive it from the model name. */
    for (int i = 0; i < f->gpu_count; i++) {
        bs_gpu *g = &f->gpus[i];
        const char *cc = g->vendor == BS_VENDOR_NVIDIA && !g->compute_capability[0]
                             ? bs_cc_from_name(t, g->name)
                             : NULL;
        if (cc)
            bs_strlcpy(g->compute_capability, cc, sizeof(g->compute_capability));
    }
    if (f->os == BS_OS_LINUX) {
        probe_rocm_smi(f, opt, ev);
        f->amdgpu_loaded = bs_sysroot_exists("/sys/module/amdgpu");
        probe_sysfs(f, t, nvidia_seen);
        probe_rocm_agents(f, t, opt, ev);
    }
    bs_emit(ev, BS_EV_STEP_DONE, "probe.gpu", "%d GPU(s) found", f->gpu_count);
}
