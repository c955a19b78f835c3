/*
 * names.h: a growing list of strdup'ed names, handed out as plat_list_dir's result.
 */
#ifndef PLAT_NAMES_H
#define PLAT_NAMES_H

#include <stddef.h>

struct name_list {
    char **names;
    size_t count;
    size_t cap;
};

/* Appends a copy of name. Returns 0 or -ENOMEM (the list stays valid either way). */
int names_push(struct name_list *l, const char *name);
/* Hands the list to plat_list_dir's caller when rc is 0, else frees it; returns rc. */
int names_finish(struct name_list *l, int rc, char ***names, size_t *count);

#endif
