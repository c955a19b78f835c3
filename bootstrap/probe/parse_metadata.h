/*
 * parse_metadata.h: a wheel's core metadata (the METADATA file, or the PEP 658 copy an
 * index serves beside the wheel): its version, Requires-Python, and what it requires of
 * one dependency (InvokeAI's pin on torch) for a set of extras on one platform.
 */
#ifndef BS_PARSE_METADATA_H
#define BS_PARSE_METADATA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_marker_env {
    const char *sys_platform;     /* "linux", "win32", "darwin" */
    const char *platform_machine; /* "x86_64", "AMD64", "arm64" */
    const char *python_version;   /* "3.11" */
    const char *const *extras;    /* NULL-terminated extras asked for, or NULL */
} bs_marker_env;

/* Evaluates a PEP 508 marker of the forms METADATA uses in practice: comparisons of
 * extra, sys_platform, platform_system, platform_machine, python_version joined by
 * 'and' / 'or' and parentheses. Unknown variables count as true: we would rather see a
 * requirement than miss it. */
bool bs_marker_eval(const char *marker, const bs_marker_env *env);

/* The value of the first header field (e.g. "Version", "Requires-Python") in
 * METADATA text, "" when missing. */
void bs_metadata_field(const char *text, const char *field, char *out, size_t size);

/* Every Requires-Dist on dist (a normalised name) whose marker holds in env, joined into
 * one specifier ("~=2.7.0", ">=2.4,<2.8"; parentheses of old metadata removed). Returns
 * true when dist is required at all (out may then be "" for "any version"). */
bool bs_metadata_requirement(const char *text, const char *dist, const bs_marker_env *env,
                             char *out, size_t size);

#endif
