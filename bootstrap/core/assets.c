/*
 * assets.c: lookup in the generated table of embedded files.
 */
#include "core/assets.h"

#include <string.h>

struct bs_asset_entry {
    const char *name;
    const unsigned char *data;
    size_t size;
};
/* Defined in the generated assets_data.c. */
extern const struct bs_asset_entry bs_asset_table[];

const char *bs_asset(const char *name, size_t *size)
{
    for (const struct bs_asset_entry *e = bs_asset_table; e->name; e++) {
        if (strcmp(e->name, name) == 0) {
            if (size)
                *size = e->size;
            return (const char *)e->data;
        }
    }
    return NULL;
}
