/*
 * names.c: the list of names plat_list_dir returns, and the walk over them, the same on
 * every OS.
 */
#include "platform/common/names.h"
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int names_push(struct name_list *l, const char *name)
{
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        char **nlist = realloc(l->names, ncap * sizeof(*nlist));
        if (!nlist)
            return -ENOMEM;
        l->names = nlist;
        l->cap = ncap;
    }
    l->names[l->count] = strdup(name);
    if (!l->names[l->count])
        return -ENOMEM;
    l->count++;
    return 0;
}

int names_finish(struct name_list *l, int rc, char ***names, size_t *count)
{
    if (rc != 0) {
        plat_free_names(l->names, l->count);
        return rc;
    }
    *names = l->names;
    *count = l->count;
    return 0;
}

void plat_free_names(char **names, size_t count)
{
    if (!names)
        return;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

int each_child(const char *dir, int (*fn)(const char *path, void *user), void *user)
{
    char **names = NULL;
    size_t count = 0;
    int rc = plat_list_dir(dir, &names, &count);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        char child[PATH_MAX * 4];
        if (snprintf(child, sizeof(child), "%s%c%s", dir, plat_dir_sep(), names[i]) >=
            (int)sizeof(child))
            rc = -ENAMETOOLONG;
        else
            rc = fn(child, user);
    }
    plat_free_names(names, count);
    return rc;
}
