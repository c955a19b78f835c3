/*
 * resolution.c: the wheel set of an install, read from and written to its JSON form.
 */
#include "act/resolution.h"
#include "act/fs_tree.h"
#include "core/json.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_resolution_init(bs_resolution *r)
{
    memset(r, 0, sizeof(*r));
}

void bs_resolution_free(bs_resolution *r)
{
    free(r->files);
    bs_resolution_init(r);
}

int bs_resolution_add(bs_resolution *r, const bs_locked_file *f)
{
    bs_locked_file *files = realloc(r->files, (r->count + 1) * sizeof(*files));
    if (!files)
        return BS_E_NOMEM;
    r->files = files;
    r->files[r->count++] = *f;
    return 0;
}

const bs_locked_file *bs_resolution_find(const bs_resolution *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->files[i].name, name) == 0)
            return &r->files[i];
    return NULL;
}

void bs_url_basename(const char *url, char *out, size_t size)
{
    const char *end = strchr(url, '#') ? strchr(url, '#') : url + strlen(url);
    const char *start = end;
    while (start > url && start[-1] != '/')
        start--;
    size_t o = 0;
    for (const char *p = start; p < end && o + 1 < size; p++) {
        unsigned hex;
        if (*p == '%' && p + 2 < end && sscanf(p + 1, "%2x", &hex) == 1) {
            out[o++] = (char)hex;
            p += 2;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

bool bs_safe_file_name(const char *name)
{
    return name[0] && name[0] != '.' && !strpbrk(name, "/\\:") && strlen(name) < 200;
}

static bool is_sha256(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* What makes an entry usable: a wheel we can name, fetch over HTTPS and check. */
static const char *entry_problem(const bs_locked_file *f)
{
    size_t n = strlen(f->filename);
    if (!f->name[0] || !f->version[0])
        return "no name or version";
    if (!bs_safe_file_name(f->filename) || n < 5 || strcmp(f->filename + n - 4, ".whl") != 0)
        return "not a wheel (an sdist would need building)";
    if (!bs_starts_with(f->url, "https://"))
        return "not an https:// URL";
    if (f->sha256[0] && !is_sha256(f->sha256))
        return "a malformed SHA-256";
    if (f->size < 0)
        return "a negative size";
    return NULL;
}

int bs_resolution_parse(const char *json, bs_resolution *out, bs_error *err)
{
    cJSON *root = cJSON_Parse(json);
    const cJSON *files = root ? cJSON_GetObjectItemCaseSensitive(root, "files") : NULL;
    const cJSON *version = root ? cJSON_GetObjectItemCaseSensitive(root, "version") : NULL;
    const cJSON *item;
    int rc = 0;
    if (!cJSON_IsArray(files) || !cJSON_IsNumber(version) || version->valueint != 1) {
        cJSON_Delete(root);
        return bs_error_set(err, BS_E_PARSE, "not a resolution (version 1 with files)");
    }
    bs_json_copy(root, "source", out->source, sizeof(out->source));
    bs_json_copy(root, "key", out->key, sizeof(out->key));
    cJSON_ArrayForEach(item, files)
    {
        bs_locked_file f = {0};
        char name[sizeof(f.name)];
        const cJSON *size = cJSON_GetObjectItemCaseSensitive(item, "size");
        bs_json_copy(item, "name", name, sizeof(name));
        bs_pep503_normalize(name, f.name, sizeof(f.name));
        bs_json_copy(item, "version", f.version, sizeof(f.version));
        bs_json_copy(item, "filename", f.filename, sizeof(f.filename));
        bs_json_copy(item, "url", f.url, sizeof(f.url));
        bs_json_copy(item, "sha256", f.sha256, sizeof(f.sha256));
        f.size = cJSON_IsNumber(size) ? (int64_t)size->valuedouble : 0;
        const char *why = entry_problem(&f);
        if (why) {
            rc = bs_error_set(err, BS_E_PARSE, "%s %s (%s): %s", f.name[0] ? f.name : "an entry",
                              f.version, f.url, why);
            break;
        }
        if ((rc = bs_resolution_add(out, &f)) != 0)
            break;
    }
    cJSON_Delete(root);
    return rc;
}

char *bs_resolution_to_json(const bs_resolution *r)
{
    cJSON *root = cJSON_CreateObject(), *files = cJSON_CreateArray();
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "source", r->source);
    cJSON_AddStringToObject(root, "key", r->key);
    cJSON_AddItemToObject(root, "files", files);
    for (size_t i = 0; i < r->count; i++) {
        const bs_locked_file *f = &r->files[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", f->name);
        cJSON_AddStringToObject(x, "version", f->version);
        cJSON_AddStringToObject(x, "filename", f->filename);
        cJSON_AddStringToObject(x, "url", f->url);
        cJSON_AddStringToObject(x, "sha256", f->sha256);
        cJSON_AddNumberToObject(x, "size", (double)f->size);
        cJSON_AddItemToArray(files, x);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

int bs_resolution_from_report(const bs_pip_report *rep, bs_resolution *out, bs_error *err)
{
    for (size_t i = 0; i < rep->count; i++) {
        const bs_installed_dist *d = &rep->items[i];
        bs_locked_file f = {0};
        bs_strlcpy(f.name, d->name, sizeof(f.name));
        bs_strlcpy(f.version, d->version, sizeof(f.version));
        bs_url_basename(d->url, f.filename, sizeof(f.filename));
        bs_strlcpy(f.url, d->url, sizeof(f.url));
        char *hash = strchr(f.url, '#');
        if (hash)
            *hash = '\0';
        bs_strlcpy(f.sha256, d->sha256, sizeof(f.sha256));
        const char *why = entry_problem(&f);
        if (why)
            return bs_error_set(err, BS_E_PARSE, "pip chose %s %s (%s): %s", f.name, f.version,
                                d->url, why);
        int rc = bs_resolution_add(out, &f);
        if (rc)
            return rc;
    }
    return 0;
}

int bs_resolution_load(const char *path, const char *key, bs_resolution *out)
{
    char *text = NULL;
    bs_error err;
    bs_error_init(&err);
    if (plat_read_file(path, 16u << 20, &text, NULL) != 0)
        return BS_E_NOT_FOUND;
    int rc = bs_resolution_parse(text, out, &err);
    free(text);
    if (rc == 0 && strcmp(out->key, key) == 0 && out->count > 0)
        return 0;
    bs_resolution_free(out);
    return BS_E_NOT_FOUND;
}

int bs_resolution_save(const char *path, const bs_resolution *r)
{
    char dir[PATH_MAX];
    bs_strlcpy(dir, path, sizeof(dir));
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        bs_make_dirs(dir, 0755);
    }
    char *text = bs_resolution_to_json(r);
    if (!text)
        return BS_E_NOMEM;
    int rc = plat_write_file_atomic(path, text, strlen(text), false);
    free(text);
    return rc;
}
