/*
 * probe_windows.c: the registry values behind the vcredist and long-paths checks. The VC++
 * installer records itself under VisualStudio\14.0\VC\Runtimes\<arch> (Installed = 1,
 * Major/Minor/Bld, and Version "v14.40.33810.00"), the same key for every 2015-2022 runtime.
 */
#include "probe/probe_windows.h"
#include "core/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNTIMES_KEY "SOFTWARE\\Microsoft\\VisualStudio\\14.0\\VC\\Runtimes\\"
#define FILESYSTEM_KEY "SYSTEM\\CurrentControlSet\\Control\\FileSystem"

static void vcredist_version(bs_registry_fn get, const char *key, char *out, size_t size)
{
    char major[16], minor[16], bld[16], text[64];
    if (get(key, "Major", major, sizeof(major)) == 0 &&
        get(key, "Minor", minor, sizeof(minor)) == 0 && get(key, "Bld", bld, sizeof(bld)) == 0) {
        char joined[64];
        snprintf(joined, sizeof(joined), "%s.%s.%s", major, minor, bld);
        bs_strlcpy(out, joined, size);
        return;
    }
    /* Only the string: "v14.40.33810.00" -> "14.40.33810". */
    if (get(key, "Version", text, sizeof(text)) != 0) {
        out[0] = '\0';
        return;
    }
    const char *v = text[0] == 'v' || text[0] == 'V' ? text + 1 : text;
    bs_strlcpy(out, v, size);
    char *last = strrchr(out, '.');
    if (last && strcmp(last, ".00") == 0 && strchr(out, '.') != last)
        *last = '\0';
}

void bs_probe_windows_deps(bs_facts *f, bs_registry_fn get)
{
    char key[128], value[32];
    snprintf(key, sizeof(key), RUNTIMES_KEY "%s",
             strcmp(f->arch, "aarch64") == 0 ? "arm64" : "x64");
    if (get(key, "Installed", value, sizeof(value)) == 0) {
        f->vcredist_installed = strtol(value, NULL, 10) == 1 ? 1 : 0;
        vcredist_version(get, key, f->vcredist_version, sizeof(f->vcredist_version));
    } else {
        f->vcredist_installed = 0; /* the key exists once any 2015-2022 runtime is installed */
    }
    if (get(FILESYSTEM_KEY, "LongPathsEnabled", value, sizeof(value)) == 0)
        f->long_paths_enabled = strtol(value, NULL, 10) == 1 ? 1 : 0;
    else
        f->long_paths_enabled = 0; /* absent: the default, off */
}
