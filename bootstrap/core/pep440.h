/*
 * pep440.h: Python package versions as PEP 440 defines them ("2.7.1+cu128", "6.0.0rc1",
 * "5.12.0.post1", "1!2.0.dev3"), their ordering, and version specifiers ("==2.7.1",
 * "~=2.7.0", ">=2.4,<2.8", "==2.7.*"). Package indexes and wheel metadata speak this
 * language; the dotted comparisons of version.h are for drivers and our own tables.
 */
#ifndef BS_PEP440_H
#define BS_PEP440_H

#include <stdbool.h>

typedef struct bs_pep440 {
    long epoch;
    long release[8];
    int release_count;
    int pre_kind; /* 0 none, 1 a, 2 b, 3 rc */
    long pre_num;
    bool has_post;
    long post_num;
    bool has_dev;
    long dev_num;
    char local[48]; /* normalised label after '+', "" when none */
} bs_pep440;

/* Parses (and normalises) a version. Returns false when it is not a PEP 440 version. */
bool bs_pep440_parse(const char *text, bs_pep440 *out);
/* Orders two parsed versions the way pip does (local labels included). <0, 0, >0. */
int bs_pep440_cmp(const bs_pep440 *a, const bs_pep440 *b);
/* Orders two version strings; an unparsable one sorts first. */
int bs_pep440_cmp_str(const char *a, const char *b);
/* A pre-release or development release. */
bool bs_pep440_is_pre(const bs_pep440 *v);
/* Whether version satisfies every comma-separated clause of spec (==, !=, >=, <=, >, <,
 * ~=, ==X.*). Local labels are ignored unless the clause names one, as PEP 440 says.
 * Pre-releases are not filtered here: callers decide. An empty spec matches anything; a
 * malformed clause matches nothing. */
bool bs_pep440_matches(const char *version, const char *spec);
/* The local label of a version string ("cu128" for "2.7.1+cu128"), "" when none. */
const char *bs_pep440_local(const char *version);
/* Normalises a project name: lowercase, each run of -_. becomes one '-'. */
void bs_pep503_normalize(const char *name, char *out, unsigned long size);

#endif
