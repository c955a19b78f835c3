/*
 * windows_deps.c: the VC++ runtime and long paths. Microsoft's installer URL always serves
 * the newest build, so it cannot be pinned by hash like our other downloads; its
 * Authenticode signature, which must name Microsoft Corporation, is what is checked
 * instead, after the download and before anything runs.
 */
#include "act/windows_deps.h"
#include "act/fs_tree.h"
#include "core/strutil.h"
#include "decide/os_deps.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VCREDIST_PUBLISHER "Microsoft Corporation"
#define VCREDIST_MAX_BYTES (64u << 20)
#define ELEVATED_TIMEOUT_MS (15 * 60 * 1000)

const char *bs_vcredist_default_url(const char *arch)
{
    return strcmp(arch, "aarch64") == 0 ? "https://aka.ms/vs/17/release/vc_redist.arm64.exe"
                                        : "https://aka.ms/vs/17/release/vc_redist.x64.exe";
}

/* The installer as a local file: source itself, or the download written into dir. */
static int installer_file(const char *source, const char *dir, const bs_fetch_options *fo,
                          char *path, size_t size, bs_error *err)
{
    if (strncmp(source, "https://", 8) != 0) {
        if (!plat_exists(source))
            return bs_error_set(err, BS_E_NOT_FOUND, "%s: no such file", source);
        bs_strlcpy(path, source, size);
        return 0;
    }
    const char *base = strrchr(source, '/') + 1;
    char *body = NULL;
    size_t len = 0;
    int rc = bs_make_dirs(dir, 0755);
    if (rc == 0)
        rc = bs_path_join(path, size, dir, *base ? base : "vc_redist.exe");
    if (rc != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", dir, bs_code_str(rc));
    if ((rc = bs_fetch_bytes(source, fo, VCREDIST_MAX_BYTES, &body, &len, err)) != 0)
        return rc;
    rc = plat_write_file_atomic(path, body, len, true);
    free(body);
    return rc ? bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc)) : 0;
}

int bs_vcredist_install(const char *source, const char *dir, const bs_fetch_options *fo,
                        bool *reboot, bs_error *err)
{
    char path[1024], signer[256];
    *reboot = false;
    int rc = installer_file(source, dir, fo, path, sizeof(path), err);
    if (rc != 0)
        return rc;
    rc = plat_verify_publisher(path, VCREDIST_PUBLISHER, signer, sizeof(signer));
    if (rc != 0) {
        bs_error_set(err, BS_E_INTEGRITY, "%s: %s; it was not run", path,
                     rc == -ENOSYS ? "signatures cannot be checked on this OS" : signer);
        bs_error_hint(err, "get the installer from https://aka.ms/vs/17/release/vc_redist.x64.exe "
                           "and pass it with --vcredist-url FILE");
        return BS_E_INTEGRITY;
    }
    const char *argv[] = {path, "/install", "/quiet", "/norestart", NULL};
    int code = -1;
    rc = plat_run_elevated(argv, ELEVATED_TIMEOUT_MS, &code);
    if (rc == BS_E_INTERRUPTED)
        return bs_error_set(err, rc,
                            "the administrator prompt was declined: the VC++ runtime "
                            "was not installed");
    if (rc != 0)
        return bs_error_set(err, BS_E_CHILD, "%s could not be started: %s", path, bs_code_str(rc));
    if (bs_vcredist_exit_meaning(code, reboot) != 0)
        return bs_error_set(err, BS_E_CHILD, "the VC++ installer failed (exit %d)", code);
    return 0;
}

int bs_long_paths_enable(bs_error *err)
{
    const char *system_root = getenv("SystemRoot");
    char reg[512];
    snprintf(reg, sizeof(reg), "%s\\System32\\reg.exe", system_root ? system_root : "C:\\Windows");
    const char *argv[] = {reg,
                          "add",
                          "HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem",
                          "/v",
                          "LongPathsEnabled",
                          "/t",
                          "REG_DWORD",
                          "/d",
                          "1",
                          "/f",
                          NULL};
    int code = -1;
    int rc = plat_run_elevated(argv, 60000, &code);
    if (rc == BS_E_INTERRUPTED)
        return bs_error_set(err, rc, "the administrator prompt was declined: long paths stay off");
    if (rc != 0 || code != 0)
        return bs_error_set(err, BS_E_CHILD, "reg.exe could not set LongPathsEnabled (%s)",
                            rc ? bs_code_str(rc) : "it failed");
    return 0;
}
