/*
 * os_deps.c: the OS dependency rules. The Linux package table is assets/linux_packages.json
 * (families by os-release ID, then ID_LIKE; names per release where a rename happened).
 */
#include "decide/os_deps.h"
#include "core/strutil.h"
#include "core/version.h"
#include "decide/check.h"

#include <stdio.h>
#include <string.h>

const bs_pkg_family *bs_pkg_family_for(const bs_facts *f, const bs_tables *t)
{
    /* ID first, then each word of ID_LIKE, so Mint maps through "ubuntu". */
    for (int pass = 0; pass < 2; pass++) {
        char words[96];
        bs_strlcpy(words, pass == 0 ? f->distro_id : f->distro_like, sizeof(words));
        char *p = words;
        for (char *w = bs_strsep(&p, " "); w; w = bs_strsep(&p, " "))
            for (int i = 0; *w && i < t->pkg_family_count; i++)
                for (int k = 0; k < t->pkg_families[i].id_count; k++)
                    if (strcmp(t->pkg_families[i].ids[k], w) == 0)
                        return &t->pkg_families[i];
    }
    return NULL;
}

/* Whether this release has the renamed package: from the release that introduced it on.
 * A derivative (ID=linuxmint, no row) that says ID_LIKE=ubuntu is judged by its own row
 * only, since its version numbers are not Ubuntu's. */
static bool has_new_name(const bs_facts *f, const bs_pkg_family *p)
{
    for (int i = 0; i < p->renamed_since_count; i++)
        if (strcmp(f->distro_id, p->renamed_since[i][0]) == 0)
            return f->distro_version[0] &&
                   bs_version_cmp(f->distro_version, p->renamed_since[i][1]) >= 0;
    return false;
}

static void add_package(const bs_facts *f, const bs_pkg_family *p, const char *pkg,
                        bs_os_packages *out)
{
    if (out->count >= BS_MAX_OS_PKGS)
        return;
    char *name = out->names[out->count], *alt = out->alt[out->count];
    out->count++;
    if (p->renamed_from[0] && strcmp(pkg, p->renamed_from) == 0) {
        bool renamed = has_new_name(f, p);
        bs_strlcpy(name, renamed ? p->renamed_to : p->renamed_from, 32);
        bs_strlcpy(alt, renamed ? p->renamed_from : p->renamed_to, 32);
        return;
    }
    bs_strlcpy(name, pkg, 32);
    alt[0] = '\0';
}

int bs_os_packages_for(const bs_facts *f, const bs_tables *t, bs_os_packages *out)
{
    memset(out, 0, sizeof(*out));
    if (f->os != BS_OS_LINUX || f->have_libgl < 0 || (f->have_libgl && f->have_libglib))
        return 0;
    snprintf(out->missing, sizeof(out->missing), "%s",
             !f->have_libgl && !f->have_libglib ? "libGL.so.1 and libglib-2.0.so.0"
             : !f->have_libgl                   ? "libGL.so.1"
                                                : "libglib-2.0.so.0");
    const bs_pkg_family *p = bs_pkg_family_for(f, t);
    if (!p) {
        out->count = -1; /* missing, but no table row: the caller names the libraries */
        return 0;
    }
    bs_strlcpy(out->family, p->family, sizeof(out->family));
    bs_strlcpy(out->manager, p->manager, sizeof(out->manager));
    bs_strlcpy(out->install, p->install, sizeof(out->install));
    for (int i = 0; !f->have_libgl && i < p->gl_count; i++)
        add_package(f, p, p->gl_packages[i], out);
    for (int i = 0; !f->have_libglib && i < p->glib_count; i++)
        add_package(f, p, p->glib_packages[i], out);
    return 0;
}

void bs_os_packages_command(const bs_os_packages *p, bool as_root, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "%s%s", as_root ? "" : "sudo ", p->install);
    for (int i = 0; i < p->count && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, " %s", p->names[i]);
}

void bs_check_opencv_libs(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    if (f->os != BS_OS_LINUX || f->have_libgl < 0) {
        check_set(c, "opencv-libs", BS_PASS, "not needed on %s", bs_os_name(f->os));
        return;
    }
    if (f->have_libgl && f->have_libglib) {
        check_set(c, "opencv-libs", BS_PASS, "libGL.so.1 and libglib-2.0.so.0 found (%s)",
                  f->lib_method);
        return;
    }
    bs_os_packages p;
    bs_os_packages_for(f, t, &p);
    check_set(c, "opencv-libs", BS_FAIL, "%s missing: OpenCV cannot load, InvokeAI will not start",
              p.missing);
    if (p.count < 0) {
        check_fix(c, "install the packages that provide %s with your package manager", p.missing);
        return;
    }
    char cmd[320];
    bs_os_packages_command(&p, false, cmd, sizeof(cmd));
    check_fix(c, "%s (or: invokeai-bootstrap os-deps)", cmd);
}

void bs_check_vcredist(const bs_facts *f, const bs_tables *t, bs_check *c)
{
    if (f->os != BS_OS_WINDOWS) {
        check_set(c, "vcredist", BS_PASS, "not needed on %s", bs_os_name(f->os));
        return;
    }
    const char *fix = "invokeai-bootstrap os-deps (Microsoft's installer, run through UAC), "
                      "or download and run https://aka.ms/vs/17/release/vc_redist.x64.exe";
    if (f->vcredist_installed != 1) {
        check_set(
            c, "vcredist", BS_FAIL,
            "the Visual C++ 2015-2022 runtime is %s: torch's DLLs will not load (WinError 126)",
            f->vcredist_installed == 0 ? "not installed" : "not found in the registry");
        check_fix(c, "%s", fix);
    } else if (f->vcredist_version[0] && bs_version_cmp(f->vcredist_version, t->vcredist_min) < 0) {
        check_set(c, "vcredist", BS_FAIL, "Visual C++ runtime %s is older than %s",
                  f->vcredist_version, t->vcredist_min);
        check_fix(c, "%s", fix);
    } else {
        check_set(c, "vcredist", BS_PASS, "Visual C++ runtime %s",
                  f->vcredist_version[0] ? f->vcredist_version : "installed");
    }
}

void bs_check_long_paths(const bs_facts *f, const bs_tables *t, const char *root, bs_check *c)
{
    if (f->os != BS_OS_WINDOWS) {
        check_set(c, "long-paths", BS_PASS, "not needed on %s", bs_os_name(f->os));
        return;
    }
    int deepest = (int)strlen(root ? root : "") + 1 + t->windows_deepest_path;
    if (f->long_paths_enabled == 1) {
        check_set(c, "long-paths", BS_PASS, "long paths are enabled");
    } else if (deepest < 260) {
        check_set(c, "long-paths", BS_PASS,
                  "long paths are off, but the deepest file (about %d characters) fits in 260",
                  deepest);
    } else {
        check_set(c, "long-paths", BS_WARN,
                  "long paths are off and the deepest file would be about %d characters (limit "
                  "260): pip fails part way",
                  deepest);
        check_fix(c, "invokeai-bootstrap os-deps, or as an administrator: reg add "
                     "HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v LongPathsEnabled "
                     "/t REG_DWORD /d 1 /f; or choose a shorter --root such as C:\\invokeai");
    }
}

void bs_check_xcode_clt(const bs_facts *f, bs_check *c)
{
    if (f->os != BS_OS_DARWIN) {
        check_set(c, "xcode-clt", BS_PASS, "not needed on %s", bs_os_name(f->os));
        return;
    }
    if (f->xcode_clt == 1) {
        check_set(c, "xcode-clt", BS_PASS, "Xcode command line tools installed");
        return;
    }
    check_set(c, "xcode-clt", BS_WARN, "the Xcode command line tools are %s",
              f->xcode_clt == 0 ? "not installed" : "unknown (xcode-select not found)");
    check_fix(c, "xcode-select --install (a system dialog asks to install them), or "
                 "invokeai-bootstrap os-deps");
}

int bs_vcredist_exit_meaning(int code, bool *reboot)
{
    *reboot = code == 3010;
    return code == 0 || code == 1638 || code == 3010 ? 0 : -1;
}
