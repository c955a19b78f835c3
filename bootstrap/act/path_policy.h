/*
 * path_policy.h: the one rule for names inside archives (tar and zip alike), checked
 * before anything is written, so one archive behaves the same on every OS: no absolute or
 * drive paths, no "..", no backslashes, no control characters, no Windows-reserved names
 * (CON, nul.txt, trailing dot or space, ':'), no duplicates after case-folding, and link
 * targets that stay inside the root.
 */
#ifndef BS_PATH_POLICY_H
#define BS_PATH_POLICY_H

#include <stdbool.h>
#include <stddef.h>

/* Names seen so far in one archive, compared case-folded. */
typedef struct bs_name_set {
    char **slots;
    size_t cap;
    size_t count;
} bs_name_set;

void bs_name_set_init(bs_name_set *s);
void bs_name_set_free(bs_name_set *s);

/* Checks one entry name and writes its normalized form ("a/b", no "./", no trailing '/')
 * into out. seen may be NULL (no duplicate check). Returns 0, or BS_E_INTEGRITY with a
 * reason in why (static text). */
int bs_path_check(const char *name, bs_name_set *seen, char *out, size_t out_size,
                  const char **why);
/* Whether a symlink at entry path `link_path` (normalized) pointing to `target` stays
 * inside the root: relative, and never climbing above it. */
bool bs_link_target_inside(const char *link_path, const char *target);

#endif
