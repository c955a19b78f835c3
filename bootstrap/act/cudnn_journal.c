/*
 * cudnn_journal.c: the swap journal as JSON.
 */
#include "core/root_layout.h"
#include "act/cudnn_journal.h"
#include "core/json.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[BS_CJ_STATE_COUNT] = {
    "backing-up", "staged", "replacing", "complete", "rolling-back", "restoring", "restored"};

const char *bs_cudnn_state_name(bs_cudnn_state s)
{
    return s < BS_CJ_STATE_COUNT ? state_names[s] : "unknown";
}

int bs_cudnn_backups_dir(const char *root, char *out, size_t size)
{
    return bs_root_path(root, BS_ROOT_BACKUPS, out, size);
}

int bs_cudnn_backup_file(const bs_cudnn_journal *j, const char *name, char *out, size_t size)
{
    char files[PATH_MAX];
    int rc = bs_path_join(files, sizeof(files), j->dir, "files");
    return rc ? rc : bs_path_join(out, size, files, name);
}

int bs_cudnn_journal_write(const bs_cudnn_journal *j)
{
    char path[PATH_MAX];
    cJSON *o = cJSON_CreateObject(), *files = NULL;
    if (!o || bs_path_join(path, sizeof(path), j->dir, "journal.json") != 0) {
        cJSON_Delete(o);
        return -ENAMETOOLONG;
    }
    cJSON_AddNumberToObject(o, "format", 1);
    cJSON_AddStringToObject(o, "id", j->id);
    cJSON_AddStringToObject(o, "state", bs_cudnn_state_name(j->state));
    cJSON_AddStringToObject(o, "created", j->created);
    cJSON_AddStringToObject(o, "torch", j->torch);
    cJSON_AddStringToObject(o, "torch_record_sha256", j->torch_record_sha256);
    cJSON_AddStringToObject(o, "torch_lib", j->torch_lib);
    cJSON_AddStringToObject(o, "source", j->source);
    cJSON_AddStringToObject(o, "before_version", j->before_version);
    cJSON_AddStringToObject(o, "after_version", j->after_version);
    if (j->stale[0])
        cJSON_AddStringToObject(o, "stale", j->stale);
    files = cJSON_AddArrayToObject(o, "files");
    for (int i = 0; files && i < j->count; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "name", j->files[i].name);
        if (j->files[i].before[0])
            cJSON_AddStringToObject(f, "before", j->files[i].before);
        else
            cJSON_AddNullToObject(f, "before");
        if (j->files[i].after[0])
            cJSON_AddStringToObject(f, "after", j->files[i].after);
        else
            cJSON_AddNullToObject(f, "after");
        cJSON_AddItemToArray(files, f);
    }
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    if (!text)
        return -ENOMEM;
    int rc = plat_write_file_atomic(path, text, strlen(text), false);
    free(text);
    return rc;
}

static bool is_hash(const char *s)
{
    if (strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

int bs_cudnn_journal_read(const char *dir, bs_cudnn_journal *j)
{
    char path[PATH_MAX], *text = NULL, state[24];
    memset(j, 0, sizeof(*j));
    if (bs_path_join(path, sizeof(path), dir, "journal.json") != 0 ||
        plat_read_file(path, 1u << 20, &text, NULL) != 0)
        return BS_E_NOT_FOUND;
    cJSON *o = cJSON_Parse(text);
    free(text);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(o, "files");
    int rc = cJSON_IsObject(o) && cJSON_IsArray(files) ? 0 : BS_E_PARSE;
    bs_strlcpy(j->dir, dir, sizeof(j->dir));
    bs_json_copy(o, "id", j->id, sizeof(j->id));
    bs_json_copy(o, "state", state, sizeof(state));
    j->state = BS_CJ_STATE_COUNT;
    for (int s = 0; s < BS_CJ_STATE_COUNT; s++)
        if (strcmp(state, state_names[s]) == 0)
            j->state = (bs_cudnn_state)s;
    bs_json_copy(o, "created", j->created, sizeof(j->created));
    bs_json_copy(o, "torch", j->torch, sizeof(j->torch));
    bs_json_copy(o, "torch_record_sha256", j->torch_record_sha256, sizeof(j->torch_record_sha256));
    bs_json_copy(o, "torch_lib", j->torch_lib, sizeof(j->torch_lib));
    bs_json_copy(o, "source", j->source, sizeof(j->source));
    bs_json_copy(o, "before_version", j->before_version, sizeof(j->before_version));
    bs_json_copy(o, "after_version", j->after_version, sizeof(j->after_version));
    bs_json_copy(o, "stale", j->stale, sizeof(j->stale));
    if (j->state == BS_CJ_STATE_COUNT || !j->id[0] || !j->torch_lib[0])
        rc = BS_E_PARSE;
    const cJSON *f;
    cJSON_ArrayForEach(f, files)
    {
        if (rc || j->count == (int)(sizeof(j->files) / sizeof(j->files[0]))) {
            rc = BS_E_PARSE;
            break;
        }
        bs_cudnn_file *x = &j->files[j->count++];
        bs_json_copy(f, "name", x->name, sizeof(x->name));
        bs_json_copy(f, "before", x->before, sizeof(x->before));
        bs_json_copy(f, "after", x->after, sizeof(x->after));
        /* A name is joined to torch\lib: it must be a plain cuDNN DLL name, nothing more. */
        if (bs_cudnn_dll_major(x->name) < 0 || strpbrk(x->name, "/\\:") ||
            (x->before[0] && !is_hash(x->before)) || (x->after[0] && !is_hash(x->after)) ||
            (!x->before[0] && !x->after[0]))
            rc = BS_E_PARSE;
    }
    cJSON_Delete(o);
    return rc;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const bs_cudnn_journal *)a)->id, ((const bs_cudnn_journal *)b)->id);
}

int bs_cudnn_journal_list(const char *root, bs_cudnn_journal **out, size_t *count)
{
    char dir[PATH_MAX], **names = NULL;
    size_t n = 0;
    *out = NULL;
    *count = 0;
    if (bs_cudnn_backups_dir(root, dir, sizeof(dir)) != 0 || plat_list_dir(dir, &names, &n) != 0)
        return 0;
    bs_cudnn_journal *list = calloc(n ? n : 1, sizeof(*list));
    if (!list) {
        plat_free_names(names, n);
        return BS_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        char sub[PATH_MAX];
        if (bs_starts_with(names[i], "cudnn-") &&
            bs_path_join(sub, sizeof(sub), dir, names[i]) == 0 &&
            bs_cudnn_journal_read(sub, &list[*count]) == 0)
            (*count)++;
    }
    plat_free_names(names, n);
    qsort(list, *count, sizeof(*list), by_id);
    *out = list;
    return 0;
}
