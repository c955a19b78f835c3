/*
 * names.h: a growing list of strdup'ed names, handed out as plat_list_dir's result, and
 * the walk over a directory's entries that the tree functions (remove, size) share.
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

/* Calls fn(dir + separator + name, user) for each entry of dir, stopping at the first
 * non-zero result, which it returns (or plat_list_dir's error, or -ENAMETOOLONG). */
int each_child(const char *dir, int (*fn)(const char *path, void *user), void *user);

#endif
