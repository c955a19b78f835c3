/*
 * parse_apt.h: `apt-cache policy NAME...` output, to learn which of two names a Debian or
 * Ubuntu release really has (libglib2.0-0 before the 64-bit time_t transition,
 * libglib2.0-0t64 after it) before asking apt-get to install one.
 */
#ifndef BS_PARSE_APT_H
#define BS_PARSE_APT_H

#include <stdbool.h>

/* Whether the output has a block for name with an installable candidate ("Candidate:
 * (none)" is a virtual or dropped package; no block at all, an unknown one). */
bool bs_apt_policy_has_candidate(const char *text, const char *name);

#endif
