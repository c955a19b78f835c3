/*
 * parse_pip.c: pip's installation report and the verify script's answer.
 */
#include "probe/parse_pip.h"
#include "core/error.h"
#include "core/json.h"
#include "core/pep440.h"
#include "core/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_pip_report_init(bs_pip_report *r)
{
    memset(r, 0, sizeof(*r));
}

void bs_pip_report_free(bs_pip_report *r)
{
    if (!r)
        return;
    free(r->items);
    memset(r, 0, sizeof(*r));
}

static void take_hash(const cJSON *archive, char out[65])
{
    const char *h = bs_json_str(cJSON_GetObjectItemCaseSensitive(archive, "hashes"), "sha256");
    const char *legacy = bs_json_str(archive, "hash");
    if (!h && legacy && bs_starts_with(legacy, "sha256="))
        h = legacy + 7;
    if (h && strlen(h) == 64)
        bs_strlcpy(out, h, 65);
}

int bs_pip_report_parse(const char *json, bs_pip_report *out)
{
    cJSON *root = cJSON_Parse(json);
    const char *version = root ? bs_json_str(root, "version") : NULL;
    const cJSON *install = root ? cJSON_GetObjectItemCaseSensitive(root, "install") : NULL;
    const cJSON *item;
    if (!version || (strcmp(version, "0") != 0 && strcmp(version, "1") != 0) ||
        !cJSON_IsArray(install)) {
        cJSON_Delete(root);
        return BS_E_PARSE;
    }
    if (bs_json_str(root, "pip_version"))
        bs_strlcpy(out->pip_version, bs_json_str(root, "pip_version"), sizeof(out->pip_version));
    int n = cJSON_GetArraySize(install);
    bs_installed_dist *items = realloc(out->items, (out->count + (size_t)n + 1) * sizeof(*items));
    if (!items) {
        cJSON_Delete(root);
        return BS_E_NOMEM;
    }
    out->items = items;
    cJSON_ArrayForEach(item, install)
    {
        const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "metadata");
        const cJSON *dl = cJSON_GetObjectItemCaseSensitive(item, "download_info");
        const char *name = bs_json_str(meta, "name"), *ver = bs_json_str(meta, "version");
        if (!name || !ver)
            continue;
        bs_installed_dist *d = &out->items[out->count++];
        memset(d, 0, sizeof(*d));
        bs_pep503_normalize(name, d->name, sizeof(d->name));
        bs_strlcpy(d->version, ver, sizeof(d->version));
        if (bs_json_str(dl, "url"))
            bs_strlcpy(d->url, bs_json_str(dl, "url"), sizeof(d->url));
        take_hash(cJSON_GetObjectItemCaseSensitive(dl, "archive_info"), d->sha256);
        d->requested = bs_json_true(item, "requested");
    }
    cJSON_Delete(root);
    return 0;
}

const bs_installed_dist *bs_pip_report_find(const bs_pip_report *r, const char *name)
{
    for (size_t i = r->count; i-- > 0;) /* the latest run wins */
        if (strcmp(r->items[i].name, name) == 0)
            return &r->items[i];
    return NULL;
}

int bs_torch_answer_parse(const char *json, bs_torch_answer *out)
{
    const char *start = json ? strchr(json, '{') : NULL;
    cJSON *root = start ? cJSON_Parse(start) : NULL;
    memset(out, 0, sizeof(*out));
    out->files_changed = -1;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return BS_E_PARSE;
    }
    bs_json_copy(root, "python", out->python, sizeof(out->python));
    bs_json_copy(root, "torch", out->torch, sizeof(out->torch));
    bs_json_copy(root, "cuda", out->cuda, sizeof(out->cuda));
    bs_json_copy(root, "hip", out->hip, sizeof(out->hip));
    bs_json_copy(root, "device", out->device, sizeof(out->device));
    bs_json_copy(root, "torchvision", out->torchvision, sizeof(out->torchvision));
    bs_json_copy(root, "xformers", out->xformers, sizeof(out->xformers));
    bs_json_copy(root, "invokeai", out->invokeai, sizeof(out->invokeai));
    bs_json_copy(root, "error", out->error, sizeof(out->error));
    bs_json_copy(root, "changed_example", out->changed_example, sizeof(out->changed_example));
    out->available = bs_json_true(root, "available");
    out->has_web = bs_json_true(root, "has_web");
    const cJSON *changed = cJSON_GetObjectItemCaseSensitive(root, "files_changed");
    if (cJSON_IsNumber(changed))
        out->files_changed = changed->valueint;
    const cJSON *arch = cJSON_GetObjectItemCaseSensitive(root, "arch_list"), *a;
    size_t used = 0;
    cJSON_ArrayForEach(a, arch)
    {
        if (!cJSON_IsString(a) || used + strlen(a->valuestring) + 2 >= sizeof(out->arch_list))
            continue;
        used += (size_t)snprintf(out->arch_list + used, sizeof(out->arch_list) - used, "%s%s",
                                 used ? " " : "", a->valuestring);
    }
    cJSON_Delete(root);
    return 0;
}
