/*
 * probe_system.c: facts about the OS, memory, storage and OpenCV's shared libraries.
 */
#include "core/strutil.h"
#include "core/sysroot.h"
#include "platform/platform.h"
#include "probe/parse_elf.h"
#include "probe/parse_ldcache.h"
#include "probe/parse_meminfo.h"
#include "probe/parse_os_release.h"
#include "probe/probe_windows.h"
#include "probe/probe.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMALL_FILE (64 * 1024)

/* glibc and musl are told apart by the loader the system's own shell asks for: a Debian
 * machine with musl-tools has both loaders installed, and so can Alpine with gcompat. */
static const char *libc_of_shell(void)
{
    char *text = NULL;
    size_t len = 0;
    char path[PATH_MAX], interp[256];
    const char *libc = NULL;
    if (bs_sysroot_path("/bin/sh", path, sizeof(path)) != 0 ||
        plat_read_file(path, SMALL_FILE, &text, &len) != 0)
        return NULL;
    if (bs_elf_interp((const unsigned char *)text, len, interp, sizeof(interp)) == 0)
        libc = strstr(interp, "ld-musl-") ? "musl" : strstr(interp, "ld-linux") ? "glibc" : NULL;
    free(text);
    return libc;
}

/* Without a readable /bin/sh, the loaders present decide, glibc's first. */
static void probe_libc(bs_facts *f)
{
    static const char *const glibc_loaders[] = {
        "/lib64/ld-linux-x86-64.so.2",     "/lib/ld-linux-x86-64.so.2",
        "/lib/ld-linux-aarch64.so.1",      "/lib64/ld-linux-aarch64.so.1",
        "/usr/lib64/ld-linux-x86-64.so.2", "/usr/lib/ld-linux-x86-64.so.2",
        "/usr/lib/ld-linux-aarch64.so.1"};
    char dir[PATH_MAX];
    char **names = NULL;
    size_t count = 0;
    const char *shell = libc_of_shell();
    if (shell) {
        bs_strlcpy(f->libc, shell, sizeof(f->libc));
        return;
    }
    for (size_t i = 0; i < sizeof(glibc_loaders) / sizeof(glibc_loaders[0]); i++)
        if (bs_sysroot_exists(glibc_loaders[i])) {
            bs_strlcpy(f->libc, "glibc", sizeof(f->libc));
            return;
        }
    if (bs_sysroot_path("/lib", dir, sizeof(dir)) == 0 && plat_list_dir(dir, &names, &count) == 0) {
        for (size_t i = 0; i < count; i++)
            if (bs_starts_with(names[i], "ld-musl-"))
                bs_strlcpy(f->libc, "musl", sizeof(f->libc));
        plat_free_names(names, count);
    }
}

static void probe_distro(bs_facts *f)
{
    char *text = NULL;
    bs_os_release rel;
    if (bs_sysroot_read("/etc/os-release", SMALL_FILE, &text) != 0)
        bs_sysroot_read("/usr/lib/os-release", SMALL_FILE, &text);
    if (text && bs_parse_os_release(text, &rel) == 0) {
        bs_strlcpy(f->distro_id, rel.id, sizeof(f->distro_id));
        bs_strlcpy(f->distro_like, rel.id_like, sizeof(f->distro_like));
        bs_strlcpy(f->distro_version, rel.version_id, sizeof(f->distro_version));
        bs_strlcpy(f->os_pretty, rel.pretty_name, sizeof(f->os_pretty));
    }
    free(text);
}

static void probe_storage(bs_facts *f, const bs_probe_options *opt)
{
    uint64_t bytes = 0;
    char *measured = NULL;
    if (opt->root) {
        bs_strlcpy(f->root, opt->root, sizeof(f->root));
        if (plat_disk_free(opt->root, &bytes, &measured) == 0) {
            f->root_free_mib = (long long)(bytes / (1024 * 1024));
            bs_strlcpy(f->root_measured, measured, sizeof(f->root_measured));
        }
        free(measured);
        measured = NULL;
    }
    const char *tmp = opt->tmpdir;
    if (!tmp || !*tmp)
        tmp = getenv("TMPDIR");
    if ((!tmp || !*tmp) && plat_dir_sep() == '\\')
        tmp = getenv("TEMP"); /* Windows' own: %LOCALAPPDATA%\Temp */
    if (!tmp || !*tmp)
        tmp = "/tmp";
    bs_strlcpy(f->tmpdir, tmp, sizeof(f->tmpdir));
    plat_is_ram_fs(tmp, &f->tmp_is_ram);
    if (plat_disk_free(tmp, &bytes, NULL) == 0)
        f->tmp_free_mib = (long long)(bytes / (1024 * 1024));
}

/* The directories the dynamic linker searches when the cache does not answer. */
static int lib_in_dirs(const char *soname, const char *arch)
{
    char triplet_usr[64], triplet_lib[64];
    snprintf(triplet_usr, sizeof(triplet_usr), "/usr/lib/%s-linux-gnu", arch);
    snprintf(triplet_lib, sizeof(triplet_lib), "/lib/%s-linux-gnu", arch);
    const char *const dirs[] = {triplet_usr, triplet_lib, "/usr/lib64",    "/lib64",
                                "/usr/lib",  "/lib",      "/usr/local/lib"};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof(rel), "%s/%s", dirs[i], soname);
        if (bs_sysroot_exists(rel))
            return 1;
    }
    return 0;
}

void bs_probe_opencv_libs(bs_facts *f)
{
    f->have_libgl = f->have_libglib = -1; /* a second look (after installing) starts afresh */
    char path[PATH_MAX];
    char *cache = NULL;
    size_t len = 0;
    if (bs_sysroot_path("/etc/ld.so.cache", path, sizeof(path)) == 0 &&
        plat_read_file(path, 64 * 1024 * 1024, &cache, &len) == 0) {
        int gl = bs_ldcache_has((const unsigned char *)cache, len, "libGL.so.1");
        int glib = bs_ldcache_has((const unsigned char *)cache, len, "libglib-2.0.so.0");
        if (gl >= 0 && glib >= 0) {
            /* A library installed after the last ldconfig run is in a directory only. */
            f->have_libgl = gl || lib_in_dirs("libGL.so.1", f->arch);
            f->have_libglib = glib || lib_in_dirs("libglib-2.0.so.0", f->arch);
            bs_strlcpy(f->lib_method, "ld.so.cache", sizeof(f->lib_method));
        }
    }
    free(cache);
    if (f->have_libgl < 0) {
        f->have_libgl = lib_in_dirs("libGL.so.1", f->arch);
        f->have_libglib = lib_in_dirs("libglib-2.0.so.0", f->arch);
        bs_strlcpy(f->lib_method, "library directories", sizeof(f->lib_method));
    }
}

/* Windows 11 still reports major version 10; its builds start at 22000. */
static void probe_windows(bs_facts *f)
{
    plat_os_version(f->os_version, sizeof(f->os_version));
    f->ram_mib = plat_total_ram_mib();
    bs_probe_windows_deps(f, plat_registry_get);
    unsigned major = 0, minor = 0, build = 0;
    /* The feature update ("23H2") names a Windows 10/11 release for people; older ones
     * kept it as ReleaseId ("1909"). */
    char release[32];
    if (plat_registry_get("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "DisplayVersion",
                          release, sizeof(release)) != 0)
        plat_registry_get("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ReleaseId", release,
                          sizeof(release));
    if (sscanf(f->os_version, "%u.%u.%u", &major, &minor, &build) == 3 && major == 10)
        snprintf(f->os_pretty, sizeof(f->os_pretty), "Windows %s %s%s(%s)",
                 build >= 22000 ? "11" : "10", release, release[0] ? " " : "", f->os_version);
    else
        snprintf(f->os_pretty, sizeof(f->os_pretty), "Windows %s", f->os_version);
}

void bs_probe_os_arch(bs_facts *f)
{
    char os[16];
    plat_os_arch(os, sizeof(os), f->arch, sizeof(f->arch));
    f->os = bs_os_parse(os);
}

void bs_probe_system(bs_facts *f, const bs_probe_options *opt, const bs_events *ev)
{
    char *text = NULL;
    bs_emit(ev, BS_EV_STEP_START, "probe.system", "reading OS, memory and disk facts");
    bs_probe_os_arch(f);
    if (f->os == BS_OS_LINUX) {
        probe_libc(f);
        probe_distro(f);
        if (bs_sysroot_read("/proc/meminfo", SMALL_FILE, &text) == 0)
            f->ram_mib = bs_parse_meminfo_total_mib(text);
        free(text);
        text = NULL;
        bs_probe_opencv_libs(f);
        /* WSL2's kernel says so in its release string ("...-microsoft-standard-WSL2"). */
        if (bs_sysroot_read("/proc/sys/kernel/osrelease", SMALL_FILE, &text) == 0)
            f->wsl = bs_contains_nocase(text, "microsoft");
        free(text);
        text = NULL;
    } else if (f->os == BS_OS_DARWIN) {
        bs_probe_macos(f, opt);
    } else if (f->os == BS_OS_WINDOWS) {
        probe_windows(f);
    }
    probe_storage(f, opt);
    bs_emit(ev, BS_EV_STEP_DONE, "probe.system", "%s %s %s, RAM %lld MiB", bs_os_name((f->os)),
            f->arch, f->libc, f->ram_mib);
}

void bs_probe_all(bs_facts *f, const bs_tables *t, const bs_probe_options *opt, const bs_events *ev)
{
    bs_probe_system(f, opt, ev);
    bs_probe_gpus(f, t, opt, ev);
    bs_probe_pythons(f, t, opt, ev);
}
