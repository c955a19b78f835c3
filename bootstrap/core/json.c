/*
 * json.c: cJSON lookups shared by every JSON reader.
 */
#include "core/json.h"
#include "core/strutil.h"

const char *bs_json_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

void bs_json_copy(const cJSON *obj, const char *key, char *out, size_t size)
{
    const char *s = bs_json_str(obj, key);
    bs_strlcpy(out, s ? s : "", size);
}

bool bs_json_true(const cJSON *obj, const char *key)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, key));
}
