/*
 * version.h: dotted version numbers (drivers "550.54.14", Python "3.11.9", InvokeAI
 * "6.13.5") and the simple specifiers our data tables use (">=5.12.0,<6.13.5").
 */
#ifndef BS_VERSION_H
#define BS_VERSION_H

#include <stdbool.h>

/* Compares numerically part by part; missing parts count as 0 ("3.11" == "3.11.0").
 * Returns <0, 0, >0. Text after the numeric parts ("rc1", "+cu128") is ignored. */
int bs_version_cmp(const char *a, const char *b);
/* Whether a string starts with a dotted number at all. */
bool bs_version_valid(const char *v);
/* Whether version satisfies every comma-separated clause of spec (>=, >, <=, <, ==, !=).
 * An empty spec matches everything; a malformed clause matches nothing. */
bool bs_version_matches(const char *version, const char *spec);

#endif
