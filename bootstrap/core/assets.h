/*
 * assets.h: data files from assets/ compiled into the binary (see cmake/embed_assets.cmake),
 * so the single executable carries its tables and needs nothing beside it.
 */
#ifndef BS_ASSETS_H
#define BS_ASSETS_H

#include <stddef.h>

/* The bytes of an embedded asset by file name ("requirements.json"), NUL-terminated,
 * or NULL when there is none. The memory is static: never free it. */
const char *bs_asset(const char *name, size_t *size);

#endif
