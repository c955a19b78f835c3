/*
 * json.h: the few cJSON lookups every reader of our JSON (asset tables, manifests, pip's
 * report, the receipt) needs, so missing or mistyped keys read the same way everywhere.
 */
#ifndef BS_JSON_H
#define BS_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* The string at key, or NULL when absent or not a string. */
const char *bs_json_str(const cJSON *obj, const char *key);
/* Copies the string at key into out (bounded); "" when absent or not a string. */
void bs_json_copy(const cJSON *obj, const char *key, char *out, size_t size);
/* Whether key holds true. */
bool bs_json_true(const cJSON *obj, const char *key);

#endif
