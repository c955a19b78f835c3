/*
 * sysroot.h: every read of /proc, /sys and /etc goes through a sysroot prefix, taken from
 * INVOKEAI_BOOTSTRAP_SYSROOT (default "/"), so tests and a person debugging a report can
 * replay another machine's files.
 */
#ifndef BS_SYSROOT_H
#define BS_SYSROOT_H

#include <stdbool.h>
#include <stddef.h>

/* Builds "<sysroot>/<abs_path>" into out; returns 0, or BS_E_USAGE if it does not fit. */
int bs_sysroot_path(const char *abs_path, char *out, size_t size);
/* Reads a file below the sysroot (see plat_read_file). */
int bs_sysroot_read(const char *abs_path, size_t max, char **out);
bool bs_sysroot_exists(const char *abs_path);

#endif
