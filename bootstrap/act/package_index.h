/*
 * package_index.h: asking a package index (PEP 691 JSON preferred, PEP 503 HTML) or a
 * local wheel folder (--find-links) which files a project has, and reading a wheel's
 * core metadata: from the index's PEP 658 copy when it has one, else from the wheel
 * itself (downloaded pinned by the index's hash into our cache, or read in place).
 */
#ifndef BS_PACKAGE_INDEX_H
#define BS_PACKAGE_INDEX_H

#include "act/fetch.h"
#include "probe/parse_index.h"

/* Appends the files of project (normalised name) to page: from index_url (NULL: none)
 * and from the wheels in find_links (a directory, NULL: none). A project the index does
 * not have adds nothing. Returns 0, BS_E_NETWORK, BS_E_PARSE or BS_E_USAGE (find_links is
 * not a directory). */
int bs_index_list(const char *index_url, const char *find_links, const char *project,
                  const bs_fetch_options *fo, bs_index_page *page, bs_error *err);

/* The METADATA text of a wheel listed by bs_index_list (*out malloc'd, caller frees).
 * Returns 0, BS_E_NETWORK, BS_E_INTEGRITY (hash mismatch, not a wheel) or BS_E_NOMEM. */
int bs_wheel_metadata(const bs_index_file *f, const bs_fetch_options *fo, char **out,
                      bs_error *err);

#endif
