/*
 * receipt.c: the install receipt as JSON.
 */
#include "core/root_layout.h"
#include "act/receipt.h"
#include "core/json.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void bs_receipt_init(bs_receipt *r)
{
    memset(r, 0, sizeof(*r));
    bs_pip_report_init(&r->artifacts);
}

void bs_receipt_free(bs_receipt *r)
{
    if (r)
        bs_pip_report_free(&r->artifacts);
}

int bs_receipt_path(const char *root, char *out, size_t size)
{
    return bs_root_path(root, BS_ROOT_RECEIPT, out, size);
}

int bs_receipt_read(const char *root, bs_receipt *r)
{
    char path[4096];
    char *text = NULL;
    if (bs_receipt_path(root, path, sizeof(path)) != 0)
        return BS_E_NOT_FOUND;
    if (plat_read_file(path, 16u << 20, &text, NULL) != 0)
        return BS_E_NOT_FOUND;
    cJSON *o = cJSON_Parse(text);
    free(text);
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return BS_E_PARSE;
    }
    const cJSON *py = cJSON_GetObjectItemCaseSensitive(o, "python");
    const cJSON *torch = cJSON_GetObjectItemCaseSensitive(o, "torch");
    bs_json_copy(o, "installer", r->installer, sizeof(r->installer));
    bs_json_copy(o, "invokeai", r->invokeai, sizeof(r->invokeai));
    bs_json_copy(o, "extras", r->extras, sizeof(r->extras));
    bs_json_copy(o, "requested", r->requested, sizeof(r->requested));
    bs_json_copy(py, "path", r->python_path, sizeof(r->python_path));
    bs_json_copy(py, "version", r->python_version, sizeof(r->python_version));
    r->python_managed = bs_json_true(py, "managed");
    bs_json_copy(o, "backend", r->backend, sizeof(r->backend));
    bs_json_copy(o, "backend_index", r->backend_index, sizeof(r->backend_index));
    r->backend_forced = bs_json_true(o, "backend_forced");
    bs_json_copy(o, "index_url", r->index_url, sizeof(r->index_url));
    bs_json_copy(o, "torch_index_url", r->torch_index_url, sizeof(r->torch_index_url));
    bs_json_copy(o, "find_links", r->find_links, sizeof(r->find_links));
    bs_json_copy(o, "bundle", r->bundle, sizeof(r->bundle));
    r->offline = bs_json_true(o, "offline");
    bs_json_copy(torch, "torch", r->torch, sizeof(r->torch));
    bs_json_copy(torch, "torchvision", r->torchvision, sizeof(r->torchvision));
    bs_json_copy(torch, "xformers", r->xformers, sizeof(r->xformers));
    bs_json_copy(o, "time", r->time, sizeof(r->time));
    const cJSON *arts = cJSON_GetObjectItemCaseSensitive(o, "artifacts"), *a;
    int n = cJSON_GetArraySize(arts);
    r->artifacts.items = n > 0 ? calloc((size_t)n, sizeof(*r->artifacts.items)) : NULL;
    cJSON_ArrayForEach(a, arts)
    {
        if (!r->artifacts.items)
            break;
        bs_installed_dist *d = &r->artifacts.items[r->artifacts.count++];
        bs_json_copy(a, "name", d->name, sizeof(d->name));
        bs_json_copy(a, "version", d->version, sizeof(d->version));
        bs_json_copy(a, "url", d->url, sizeof(d->url));
        bs_json_copy(a, "sha256", d->sha256, sizeof(d->sha256));
    }
    bool ok = r->invokeai[0] && r->torch[0] && r->python_path[0];
    cJSON_Delete(o);
    return ok ? 0 : BS_E_PARSE;
}

int bs_receipt_write(const char *root, const bs_receipt *r, bs_error *err)
{
    char path[4096];
    if (bs_receipt_path(root, path, sizeof(path)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: path too long", root);
    cJSON *o = cJSON_CreateObject();
    cJSON *py = cJSON_CreateObject(), *torch = cJSON_CreateObject();
    cJSON *arts = cJSON_CreateArray();
    cJSON_AddNumberToObject(o, "schema", 1);
    cJSON_AddStringToObject(o, "installer", r->installer);
    cJSON_AddStringToObject(o, "invokeai", r->invokeai);
    cJSON_AddStringToObject(o, "extras", r->extras);
    cJSON_AddStringToObject(o, "requested", r->requested);
    cJSON_AddStringToObject(py, "path", r->python_path);
    cJSON_AddStringToObject(py, "version", r->python_version);
    cJSON_AddBoolToObject(py, "managed", r->python_managed);
    cJSON_AddItemToObject(o, "python", py);
    cJSON_AddStringToObject(o, "backend", r->backend);
    cJSON_AddStringToObject(o, "backend_index", r->backend_index);
    cJSON_AddBoolToObject(o, "backend_forced", r->backend_forced);
    cJSON_AddStringToObject(o, "index_url", r->index_url);
    cJSON_AddStringToObject(o, "torch_index_url", r->torch_index_url);
    cJSON_AddStringToObject(o, "find_links", r->find_links);
    if (r->bundle[0])
        cJSON_AddStringToObject(o, "bundle", r->bundle);
    cJSON_AddBoolToObject(o, "offline", r->offline);
    cJSON_AddStringToObject(torch, "torch", r->torch);
    cJSON_AddStringToObject(torch, "torchvision", r->torchvision);
    cJSON_AddStringToObject(torch, "xformers", r->xformers);
    cJSON_AddItemToObject(o, "torch", torch);
    for (size_t i = 0; i < r->artifacts.count; i++) {
        const bs_installed_dist *d = &r->artifacts.items[i];
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "name", d->name);
        cJSON_AddStringToObject(a, "version", d->version);
        cJSON_AddStringToObject(a, "url", d->url);
        cJSON_AddStringToObject(a, "sha256", d->sha256);
        cJSON_AddItemToArray(arts, a);
    }
    cJSON_AddItemToObject(o, "artifacts", arts);
    char stamp[32];
    time_t now = time(NULL);
    const struct tm *tm = gmtime(&now); /* single-threaded here; gmtime_r is not on Windows */
    if (!tm || !strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", tm))
        bs_strlcpy(stamp, "", sizeof(stamp));
    cJSON_AddStringToObject(o, "time", r->time[0] ? r->time : stamp);
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    if (!text)
        return bs_error_set(err, BS_E_NOMEM, "out of memory writing the receipt");
    int rc = plat_write_file_atomic(path, text, strlen(text), false);
    free(text);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc));
    return 0;
}
