/*
 * bundle_apply.c: install --bundle. A bundle served over HTTPS is fetched first, every
 * file through the fetch engine against bundle.json's hashes, into <cache>/bundles/<sha of
 * bundle.json>; then every file of the local bundle is checked, and the install becomes
 * an offline one of exactly the bundle's version, backend, wheels and Python.
 */
#include "act/fetch.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "ops/bundle.h"
#include "ops/cache.h"
#include "ops/python_step.h"
#include "core/json.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool safe_rel(const char *rel)
{
    /* wheels/<name> or python/<name>: nothing that climbs or names another place */
    return (bs_starts_with(rel, "wheels/") || bs_starts_with(rel, "python/")) &&
           !strstr(rel, "..") && !strchr(rel + 7, '/') && !strpbrk(rel, "\\:");
}

/* Every file listed (and the Python build) against its size and SHA-256. */
static int check_files(const char *dir, const cJSON *o, bs_error *err)
{
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(o, "files"), *f;
    const cJSON *py = cJSON_GetObjectItemCaseSensitive(o, "python");
    int count = 0;
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *list = pass == 0 ? files : NULL;
        const cJSON *one = pass == 1 ? py : NULL;
        cJSON_ArrayForEach(f, list)
        {
            char path[PATH_MAX], hex[65];
            int64_t size;
            const char *rel = bs_json_str(f, "path"), *sha = bs_json_str(f, "sha256");
            if (!rel || !sha || !safe_rel(rel) || bs_path_join(path, sizeof(path), dir, rel) != 0)
                return bs_error_set(err, BS_E_INTEGRITY, "%s/bundle.json lists a bad entry", dir);
            if (bs_sha256_file_hex(path, hex, &size) != 0)
                return bs_error_set(err, BS_E_INTEGRITY, "the bundle lacks %s", path);
            if (strcmp(hex, sha) != 0)
                return bs_error_set(err, BS_E_INTEGRITY,
                                    "%s does not match the bundle: SHA-256 %s, expected %s", path,
                                    hex, sha);
            count++;
        }
        if (one) {
            char path[PATH_MAX], hex[65];
            int64_t size;
            const char *rel = bs_json_str(one, "file"), *sha = bs_json_str(one, "sha256");
            if (!rel || !sha || !safe_rel(rel) || bs_path_join(path, sizeof(path), dir, rel) != 0 ||
                bs_sha256_file_hex(path, hex, &size) != 0 || strcmp(hex, sha) != 0)
                return bs_error_set(err, BS_E_INTEGRITY,
                                    "the bundle's Python build (%s) is missing or damaged",
                                    rel ? rel : "?");
        }
    }
    return count > 0 ? 0 : bs_error_set(err, BS_E_INTEGRITY, "%s/bundle.json lists no wheels", dir);
}

/* A bundle at an https:// URL: bundle.json, then every file it lists, into the cache. */
static int fetch_bundle(bs_session *s, const char *url, char *dir, size_t size, bs_error *err)
{
    static char manifest_url[2048];
    char *text = NULL, sha[65];
    bs_fetch_options fo = s->fetch;
    snprintf(manifest_url, sizeof(manifest_url), "%s%sbundle.json", url,
             url[strlen(url) - 1] == '/' ? "" : "/");
    int rc = bs_fetch_text(manifest_url, &fo, 4u << 20, &text, err);
    if (rc)
        return rc;
    bs_sha256 h;
    bs_sha256_init(&h);
    bs_sha256_update(&h, text, strlen(text));
    bs_sha256_final_hex(&h, sha);
    bs_sha256_free(&h);
    cJSON *o = cJSON_Parse(text);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(o, "files");
    const cJSON *py = cJSON_GetObjectItemCaseSensitive(o, "python");
    int n = cJSON_GetArraySize(files) + 1, k = 0;
    bs_bundle_file *list = calloc((size_t)n, sizeof(*list));
    size_t base = strlen(manifest_url) - strlen("bundle.json");
    rc = cJSON_IsObject(o) && cJSON_IsArray(files) && list
             ? 0
             : bs_error_set(err, BS_E_INTEGRITY, "%s is not a bundle manifest", manifest_url);
    const cJSON *listed = rc == 0 ? files : NULL;
    for (const cJSON *f = listed ? listed->child : NULL; rc == 0; f = f->next) {
        /* the files, then the Python build */
        const cJSON *e = f ? f : py;
        const char *rel = bs_json_str(e, f ? "path" : "file"), *fsha = bs_json_str(e, "sha256");
        if (!rel || !fsha || !safe_rel(rel) || strlen(fsha) != 64) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "%s lists a bad entry", manifest_url);
            break;
        }
        bs_bundle_file *x = &list[k++];
        bs_strlcpy(x->path, rel, sizeof(x->path));
        snprintf(x->url, sizeof(x->url), "%.*s%s", (int)base, manifest_url, rel);
        bs_strlcpy(x->sha256, fsha, sizeof(x->sha256));
        if (!f)
            break;
    }
    char sub[PATH_MAX];
    if (rc == 0 && (bs_path_join(sub, sizeof(sub), s->root.cache, "bundles") != 0 ||
                    bs_path_join(dir, size, sub, sha) != 0))
        rc = bs_error_set(err, BS_E_USAGE, "the cache's path is too long");
    fo.cache_dir = s->root.downloads;
    fo.unknown_size_cap = (int64_t)16 << 30;
    if (rc == 0)
        rc = bs_bundle_fill(&fo, dir, list, k, err);
    if (rc == 0) {
        char path[PATH_MAX];
        bs_path_join(path, sizeof(path), dir, "bundle.json");
        if (plat_write_file_atomic(path, text, strlen(text), false) != 0)
            rc = bs_error_set(err, BS_E_FILESYSTEM, "cannot write %s", path);
    }
    cJSON_Delete(o);
    free(text);
    free(list);
    return rc;
}

int bs_bundle_apply(bs_session *s, bs_config *cfg, bs_error *err)
{
    static char dir[PATH_MAX], wheels[PATH_MAX], version[64], backend[32], source[PATH_MAX];
    static char *python_json;
    char path[PATH_MAX], *text = NULL;
    int rc = 0;
    bs_strlcpy(source, cfg->bundle, sizeof(source));
    if (bs_starts_with(cfg->bundle, "https://"))
        rc = fetch_bundle(s, cfg->bundle, dir, sizeof(dir), err);
    else {
        char *real = plat_realpath(cfg->bundle);
        bs_strlcpy(dir, real ? real : cfg->bundle, sizeof(dir));
        if (real)
            bs_strlcpy(source, real, sizeof(source));
        free(real);
    }
    if (rc)
        return rc;
    if (bs_path_join(path, sizeof(path), dir, "bundle.json") != 0 ||
        plat_read_file(path, 4u << 20, &text, NULL) != 0) {
        bs_error_set(err, BS_E_NOT_FOUND, "%s is not a bundle (no bundle.json)", cfg->bundle);
        bs_error_hint(err, "make one with: invokeai-bootstrap bundle --out DIR");
        return BS_E_NOT_FOUND;
    }
    cJSON *o = cJSON_Parse(text);
    free(text);
    const cJSON *plat = cJSON_GetObjectItemCaseSensitive(o, "platform");
    const cJSON *py = cJSON_GetObjectItemCaseSensitive(o, "python");
    if (!cJSON_IsObject(o) || !bs_json_str(o, "invokeai") || !bs_json_str(o, "backend")) {
        cJSON_Delete(o);
        return bs_error_set(err, BS_E_INTEGRITY, "%s is damaged", path);
    }
    bs_facts f;
    bs_facts_init(&f);
    bs_probe_options popt = {.root = cfg->root, .tool_timeout_ms = 15000};
    bs_probe_system(&f, &popt, NULL);
    const char *os = bs_json_str(plat, "os"), *arch = bs_json_str(plat, "arch");
    const char *libc = bs_json_str(plat, "libc");
    if (!os || !arch || !libc || strcmp(os, bs_os_name(f.os)) != 0 || strcmp(arch, f.arch) != 0 ||
        strcmp(libc, bs_python_libc(&f)) != 0) {
        rc = bs_error_set(err, BS_E_REQUIREMENTS,
                          "the bundle is for %s %s (%s), this machine is %s %s (%s)", os ? os : "?",
                          arch ? arch : "?", libc ? libc : "?", bs_os_name(f.os), f.arch,
                          bs_python_libc(&f));
    }
    if (rc == 0)
        rc = check_files(dir, o, err);
    if (rc == 0) {
        /* The bundle's Python build as a one-entry manifest whose url is the local file. */
        char file[PATH_MAX];
        cJSON *m = cJSON_CreateObject(), *entries = cJSON_AddArrayToObject(m, "entries");
        cJSON *e = cJSON_Duplicate(py, true);
        bs_path_join(file, sizeof(file), dir, bs_json_str(py, "file"));
        cJSON_DeleteItemFromObject(e, "file");
        cJSON_AddStringToObject(e, "url", file);
        cJSON_AddItemToArray(entries, e);
        free(python_json);
        python_json = cJSON_PrintUnformatted(m);
        cJSON_Delete(m);
        bs_strlcpy(version, bs_json_str(o, "invokeai"), sizeof(version));
        bs_strlcpy(backend, bs_json_str(o, "backend"), sizeof(backend));
        bs_path_join(wheels, sizeof(wheels), dir, "wheels");
        cfg->offline = true;
        cfg->find_links = wheels;
        cfg->invokeai_version = version;
        cfg->backend = backend;
        cfg->python_manifest_json = python_json;
        cfg->bundle = source;
    }
    bs_facts_free(&f);
    cJSON_Delete(o);
    return rc;
}
