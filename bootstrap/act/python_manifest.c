/*
 * python_manifest.c: choosing and addressing a managed Python build.
 */
#include "act/python_manifest.h"
#include "core/strutil.h"
#include "core/version.h"

#include "core/json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static bool hex64(const char *s)
{
    return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

int bs_python_build_choose(const char *manifest_json, const char *series, const char *os,
                           const char *arch, const char *libc, bs_python_build *out, bs_error *err)
{
    cJSON *root = cJSON_Parse(manifest_json);
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries"), *e;
    const cJSON *best = NULL;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    if (!cJSON_IsArray(entries)) {
        cJSON_Delete(root);
        return bs_error_set(err, BS_E_PARSE, "the Python manifest has no \"entries\" list");
    }
    cJSON_ArrayForEach(e, entries)
    {
        const char *v = bs_json_str(e, "python_version");
        const char *eos = bs_json_str(e, "os"), *earch = bs_json_str(e, "arch"),
                   *elibc = bs_json_str(e, "libc");
        if (!v || !eos || !earch || strcmp(eos, os) != 0 || strcmp(earch, arch) != 0)
            continue;
        if (libc[0] && (!elibc || strcmp(elibc, libc) != 0))
            continue;
        size_t n = strlen(series);
        if (strncmp(v, series, n) != 0 || (v[n] != '.' && v[n] != '\0'))
            continue;
        if (!best || bs_version_cmp(v, bs_json_str(best, "python_version")) > 0)
            best = e;
    }
    if (!best) {
        rc = bs_error_set(err, BS_E_NOT_FOUND, "no Python %s build for %s %s %s in the manifest",
                          series, os, arch, libc);
        goto cleanup;
    }
    const char *url = bs_json_str(best, "url"), *sha = bs_json_str(best, "sha256");
    const char *exe = bs_json_str(best, "executable_relpath");
    /* https, or an absolute local path: an offline mirror made for --offline. */
    bool local = url && (url[0] == '/' || (url[0] && url[1] == ':' && url[2] == '\\'));
    if (!url || (strncmp(url, "https://", 8) != 0 && !local) || !hex64(sha) || !exe || !exe[0] ||
        exe[0] == '/' || strstr(exe, "..")) {
        rc = bs_error_set(
            err, BS_E_PARSE,
            "the Python manifest's entry for %s is incomplete (https url or local path, sha256, "
            "executable_relpath)",
            bs_json_str(best, "python_version"));
        goto cleanup;
    }
    bs_strlcpy(out->version, bs_json_str(best, "python_version"), sizeof(out->version));
    bs_strlcpy(out->os, os, sizeof(out->os));
    bs_strlcpy(out->arch, arch, sizeof(out->arch));
    bs_strlcpy(out->libc, libc, sizeof(out->libc));
    bs_strlcpy(out->url, url, sizeof(out->url));
    bs_strlcpy(out->sha256, sha, sizeof(out->sha256));
    bs_strlcpy(out->executable_relpath, exe, sizeof(out->executable_relpath));
    const char *mirror = bs_json_str(best, "mirror_url_derived");
    if (mirror && strncmp(mirror, "https://", 8) == 0)
        bs_strlcpy(out->mirror_url, mirror, sizeof(out->mirror_url));
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(best, "size");
    out->size = cJSON_IsNumber(size) && size->valuedouble > 0 ? (long long)size->valuedouble : 0;
cleanup:
    cJSON_Delete(root);
    return rc;
}

void bs_python_build_artifact(const bs_python_build *b, const char *mirror_prefix,
                              char urls[2][1024], bs_artifact *art)
{
    memset(art, 0, sizeof(*art));
    art->name = strrchr(b->url, '/') ? strrchr(b->url, '/') + 1 : b->url;
    art->sha256 = b->sha256;
    art->size = b->size;
    const char *marker = strstr(b->url, "/releases/download/");
    if (mirror_prefix && *mirror_prefix && marker) {
        size_t plen = strlen(mirror_prefix);
        while (plen > 0 && mirror_prefix[plen - 1] == '/')
            plen--;
        snprintf(urls[0], 1024, "%.*s/%s", (int)plen, mirror_prefix,
                 marker + strlen("/releases/download/"));
        art->urls[art->url_count++] = urls[0];
        return;
    }
    if (b->mirror_url[0]) {
        bs_strlcpy(urls[0], b->mirror_url, 1024);
        art->urls[art->url_count++] = urls[0];
    }
    bs_strlcpy(urls[1], b->url, 1024);
    art->urls[art->url_count++] = urls[1];
}
