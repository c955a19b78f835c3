/*
 * term.h: terminal decisions for the CLI: whether to use colour (only on a TTY, never
 * with --no-color or NO_COLOR) and the escape codes for statuses.
 */
#ifndef BS_TERM_H
#define BS_TERM_H

#include <stdbool.h>
#include <stdio.h>

/* Whether output to fd should be coloured, given the --no-color flag. */
bool bs_term_use_color(int fd, bool no_color_flag);
/* Escape sequences, or "" when colour is off. */
const char *bs_term_color(bool on,
                          const char *which); /* "green", "yellow", "red", "bold", "dim", "reset" */

#endif
