/*
 * checks.c: the machine-wide checks (os, ram, disk, tmpfs, python, opencv-libs, backend)
 * and the runner that evaluates every check in a fixed order.
 */
#include "decide/checks.h"
#include "decide/os_deps.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/version.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bs_check_os(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    bool x64 = strcmp(f->arch, "x86_64") == 0, arm64 = strcmp(f->arch, "aarch64") == 0;
    const char *name = f->os_pretty[0] ? f->os_pretty : bs_os_name(f->os);
    if (f->os == BS_OS_LINUX) {
        if (strcmp(f->libc, "musl") == 0) {
            check_set(c, "os", BS_FAIL, "%s %s with musl libc", name, f->arch);
            check_fix(c, "PyTorch publishes no wheels for musl (Alpine): use a glibc "
                         "distribution such as Debian, Ubuntu or Fedora, or a glibc container");
        } else if (!x64 && !arm64) {
            check_set(c, "os", BS_FAIL, "%s on %s", name, f->arch);
            check_fix(c, "InvokeAI runs on x86_64 and aarch64 Linux only");
        } else if (!f->libc[0]) {
            check_set(c, "os", BS_WARN, "%s %s, C library not recognised", name, f->arch);
            check_fix(c, "PyTorch wheels need glibc 2.28 or newer; check that this system uses "
                         "glibc");
        } else {
            check_set(c, "os", BS_PASS, "%s %s %s", name, f->arch, f->libc);
        }
    } else if (f->os == BS_OS_DARWIN) {
        if (!arm64) {
            check_set(c, "os", BS_WARN, "macOS %s on an Intel Mac", f->os_version);
            check_fix(c, "Intel Macs run InvokeAI on the CPU only and are not supported "
                         "upstream; expect minutes per image");
        } else if (f->os_version[0] && bs_version_cmp(f->os_version, t->macos_min) < 0) {
            check_set(c, "os", BS_FAIL, "macOS %s on Apple Silicon", f->os_version);
            check_fix(c, "InvokeAI needs macOS %s or newer: update macOS in System Settings",
                      t->macos_min);
        } else {
            check_set(c, "os", BS_PASS, "macOS %s on Apple Silicon", f->os_version);
        }
    } else if (f->os == BS_OS_WINDOWS && (x64 || arm64)) {
        if (f->os_version[0] && bs_version_cmp(f->os_version, "10") < 0) {
            check_set(c, "os", BS_FAIL, "%s %s", name, f->arch);
            check_fix(c, "PyTorch and InvokeAI need Windows 10 or 11");
        } else {
            check_set(c, "os", BS_PASS, "%s %s", f->os_pretty[0] ? f->os_pretty : "Windows",
                      f->arch);
        }
    } else {
        check_set(c, "os", BS_FAIL, "%s on %s is not supported", bs_os_name(f->os), f->arch);
        check_fix(c, "InvokeAI runs on Linux (glibc), Windows 10+ and macOS 14+ on Apple "
                     "Silicon");
    }
}

void bs_check_ram(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    char have[32], need[32];
    fmt_gib(f->ram_mib, have, sizeof(have));
    fmt_gib(t->ram_min_mib, need, sizeof(need));
    if (f->ram_mib < 0) {
        check_set(c, "ram", BS_WARN, "RAM size unknown");
        check_fix(c, "InvokeAI wants at least %s of RAM", need);
    } else if (f->ram_mib < nominal_floor(t, t->ram_min_mib)) {
        check_set(c, "ram", BS_WARN, "%s RAM, below the %s InvokeAI wants", have, need);
        check_fix(c, "close other programs while generating, use smaller models, or add RAM");
    } else {
        check_set(c, "ram", BS_PASS, "%s RAM", have);
    }
}

void bs_check_disk(const bs_facts *f, const bs_tables *t, const bs_backend_choice *b, bs_check *c)
{
    long long need = t->disk_mib[b->family];
    long long want = need + t->models_headroom_mib;
    char have[32], need_s[32], want_s[32];
    fmt_gib(f->root_free_mib, have, sizeof(have));
    fmt_gib(need, need_s, sizeof(need_s));
    fmt_gib(want, want_s, sizeof(want_s));
    const char *where = f->root_measured[0] ? f->root_measured : f->root;
    if (f->root_free_mib < 0) {
        check_set(c, "disk", BS_WARN, "free space at %s unknown", where);
        check_fix(c, "the install needs %s (%s build), plus room for models", need_s,
                  bs_family_name(b->family));
    } else if (f->root_free_mib < need) {
        check_set(c, "disk", BS_FAIL, "%s free at %s; a %s install needs %s", have, where,
                  bs_family_name(b->family), need_s);
        check_fix(c, "free up space or choose another location with --root DIR");
    } else if (f->root_free_mib < want) {
        check_set(c, "disk", BS_WARN,
                  "%s free at %s: enough for the %s install (%s), "
                  "little for models (%s recommended)",
                  have, where, bs_family_name(b->family), need_s, want_s);
        check_fix(c, "models take 2-25 GB each: free up space or use --root on a bigger disk");
    } else {
        check_set(c, "disk", BS_PASS, "%s free at %s (install %s, models need more)", have, where,
                  need_s);
    }
}

void bs_check_tmpfs(const bs_facts *f, const bs_tables *t, const bs_backend_choice *b, bs_check *c)
{
    long long largest = t->largest_download_mib[b->family];
    char have[32], big[32];
    fmt_gib(f->tmp_free_mib, have, sizeof(have));
    fmt_gib(largest, big, sizeof(big));
    if (!f->tmp_is_ram) {
        check_set(c, "tmpfs", BS_PASS, "%s is on disk", f->tmpdir);
    } else if (f->tmp_free_mib >= 0 && f->tmp_free_mib < largest) {
        check_set(c, "tmpfs", BS_WARN,
                  "%s is a RAM-backed tmpfs with %s free; the largest "
                  "download is about %s",
                  f->tmpdir, have, big);
        check_fix(c, "nothing to do for this installer: it downloads and unpacks inside the "
                     "install root; for pip run by hand, set TMPDIR to a directory on disk");
    } else {
        check_set(c, "tmpfs", BS_PASS,
                  "%s is a tmpfs with %s free, enough for the largest "
                  "download (%s); downloads go inside the install root anyway",
                  f->tmpdir, have, big);
    }
}

/* One name per CPU family: Windows says AMD64/ARM64, macOS arm64, Linux aarch64. */
static const char *arch_family(const char *a)
{
    if (bs_equals_nocase(a, "x86_64") || bs_equals_nocase(a, "amd64"))
        return "x86_64";
    if (bs_equals_nocase(a, "aarch64") || bs_equals_nocase(a, "arm64"))
        return "aarch64";
    return a;
}

void bs_check_python(const bs_facts *f, const bs_tables *t, const char *version, bs_report *r,
                     bs_check *c)
{
    const bs_era *era = bs_era_for(t, version);
    const char *spec = era ? era->python : "";
    r->python_choice = -1;
    for (int i = 0; i < f->python_count; i++) {
        const bs_python *p = &f->pythons[i];
        bs_python_verdict *v = &r->pythons[i];
        v->usable = false;
        if (!p->version[0])
            snprintf(v->note, sizeof(v->note), "%s", p->note[0] ? p->note : "does not run");
        else if (!bs_version_matches(p->version, spec))
            snprintf(v->note, sizeof(v->note), "InvokeAI needs Python %s", spec);
        else if (p->arch[0] && f->arch[0] &&
                 strcmp(arch_family(p->arch), arch_family(f->arch)) != 0)
            /* an x86_64 Python under Rosetta or emulation would get the wrong torch */
            snprintf(v->note, sizeof(v->note), "built for %s, this machine is %s", p->arch,
                     f->arch);
        else if (!p->has_venv)
            snprintf(v->note, sizeof(v->note),
                     "no venv/ensurepip (Debian/Ubuntu: apt-get install python%.4s-venv)",
                     p->version);
        else
            v->usable = true;
        /* Prefer the managed series (3.11): every InvokeAI since 3.4 accepts it. */
        if (v->usable &&
            (r->python_choice < 0 ||
             (bs_starts_with(p->version, t->python_managed) &&
              !bs_starts_with(f->pythons[r->python_choice].version, t->python_managed))))
            r->python_choice = i;
    }
    if (r->python_choice >= 0) {
        const bs_python *p = &f->pythons[r->python_choice];
        bs_strlcpy(r->python_recommended, p->path, sizeof(r->python_recommended));
        check_set(c, "python", BS_PASS, "Python %s at %s", p->version, p->path);
    } else {
        snprintf(r->python_recommended, sizeof(r->python_recommended), "managed %s",
                 t->python_managed);
        check_set(c, "python", BS_PASS, "%s; Python %s will be installed inside the root",
                  f->python_count ? "no usable Python found" : "no Python found",
                  t->python_managed);
    }
}

void bs_check_backend(const bs_facts *f, const bs_backend_choice *b, bs_check *c)
{
    check_set(c, "backend", b->gpu_unused ? BS_WARN : BS_PASS, "%s%s%s: %s", b->backend,
              strcmp(b->index, "default") == 0 ? " (default index)" : "",
              b->xformers ? " + xformers" : "", b->reason);
    if (b->gpu_unused)
        check_fix(c, "the GPU will not be used; see the driver and gpu checks for what would "
                     "change that");
    (void)f;
}

int bs_run_checks(const bs_facts *f, const bs_tables *t, const bs_check_options *opt,
                  bs_report *out, bs_error *err)
{
    memset(out, 0, sizeof(*out));
    int rc = bs_choose_backend(f, t, opt->version, opt->backend, &out->backend, err);
    if (rc)
        return rc;
    bs_check *c = out->checks;
    bs_check_os(f, t, c++);
    bs_check_gpu(f, c++);
    bs_check_gpu_problematic(f, t, c++);
    bs_check_vram(f, t, c++);
    bs_check_ram(f, t, c++);
    bs_check_disk(f, t, &out->backend, c++);
    bs_check_tmpfs(f, t, &out->backend, c++);
    bs_check_python(f, t, opt->version, out, c++);
    bs_check_driver(f, &out->backend, c++);
    bs_check_opencv_libs(f, t, c++);
    bs_check_vcredist(f, t, c++);
    bs_check_long_paths(f, t, opt->root, c++);
    bs_check_xcode_clt(f, c++);
    bs_check_backend(f, &out->backend, c++);
    out->count = (int)(c - out->checks);
    bs_note_cudnn(f, t, out->cudnn_note, sizeof(out->cudnn_note));
    return 0;
}

void bs_note_cudnn(const bs_facts *f, const bs_tables *t, char *out, size_t size)
{
    const bs_gpu *g = bs_facts_compute_gpu(f);
    out[0] = '\0';
    if (f->os != BS_OS_WINDOWS || !g || g->vendor != BS_VENDOR_NVIDIA)
        return;
    for (int i = 0; i < t->cudnn_swap_count; i++)
        if (bs_contains_nocase(g->name, t->cudnn_swap_match[i])) {
            snprintf(out, size,
                     "%s: a newer cuDNN than the one torch bundles can speed it up; "
                     "'invokeai-bootstrap cudnn status' shows torch's, and 'cudnn patch --from "
                     "ZIP' swaps in NVIDIA's with a backup ('cudnn restore' undoes it)",
                     g->name);
            return;
        }
}

bs_status bs_report_worst(const bs_report *r)
{
    bs_status worst = BS_PASS;
    for (int i = 0; i < r->count; i++)
        if (r->checks[i].status > worst)
            worst = r->checks[i].status;
    return worst;
}
