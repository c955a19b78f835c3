/*
 * probe_macos.c: what a Mac says about itself: product version (sw_vers), unified memory
 * and chip (sysctl). On Apple Silicon the GPU is part of the chip and shares RAM, so it
 * is recorded as an Apple GPU with the chip's name and no VRAM of its own.
 */
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_macos.h"
#include "probe/probe.h"
#include "probe/run_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tool's stdout when it ran and succeeded (caller frees), else NULL. */
static char *tool_output(const char *name, const char *const *args, int timeout_ms)
{
    plat_run_result res;
    char *out = NULL;
    if (bs_run_tool(name, args, timeout_ms, 256 * 1024, NULL, &res) != 0)
        return NULL;
    if (!res.timed_out && !res.spawn_failed && res.term_signal == 0 && res.exit_code == 0) {
        out = res.out;
        res.out = NULL;
    }
    plat_run_result_free(&res);
    return out;
}

void bs_probe_macos(bs_facts *f, const bs_probe_options *opt)
{
    const char *vers_args[] = {NULL};
    const char *sysctl_args[] = {"hw.memsize", "machdep.cpu.brand_string", NULL};
    char *vers = tool_output("sw_vers", vers_args, opt->tool_timeout_ms);
    char *sys = tool_output("sysctl", sysctl_args, opt->tool_timeout_ms);
    bs_sysctl_facts sc;
    if (vers)
        bs_parse_sw_vers(vers, f->os_version, sizeof(f->os_version));
    if (sys && bs_parse_sysctl(sys, &sc) == 0) {
        f->ram_mib = sc.memsize_mib;
        bs_gpu *g = strcmp(f->arch, "aarch64") == 0 ? bs_facts_add_gpu(f) : NULL;
        if (g) {
            g->vendor = BS_VENDOR_APPLE; /* the chip's name is the GPU's name */
            bs_strlcpy(g->name, sc.cpu_brand[0] ? sc.cpu_brand : "Apple Silicon", sizeof(g->name));
        }
    }
    snprintf(f->os_pretty, sizeof(f->os_pretty), "macOS %s", f->os_version);
    /* `xcode-select -p` prints the tools' folder and exits 0 only when they are installed. */
    const char *xs_args[] = {"-p", NULL};
    plat_run_result res;
    if (bs_run_tool("xcode-select", xs_args, opt->tool_timeout_ms, 4096, NULL, &res) == 0) {
        f->xcode_clt = !res.timed_out && !res.spawn_failed && res.exit_code == 0 ? 1 : 0;
        plat_run_result_free(&res);
    }
    free(vers);
    free(sys);
}
