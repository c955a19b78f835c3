/*
 * error.h: the one error convention of the core, and the process exit codes built on it.
 *
 * Functions return int: 0 on success, a negative code on failure. Codes from -1 to -4095
 * are -errno passed through unchanged; the core's own codes start above that range, so
 * both fit one int. Detail a person needs (what, which file or host, what to do) goes into
 * a bs_error record that the caller prints; the core itself never prints.
 */
#ifndef BS_ERROR_H
#define BS_ERROR_H

#include <stdarg.h>

enum bs_code {
    BS_OK = 0,
    BS_E_BASE = 4096,
    BS_E_USAGE = -(BS_E_BASE + 1),        /* bad option, value or combination */
    BS_E_PARSE = -(BS_E_BASE + 2),        /* text we were given is not what we expect */
    BS_E_NOT_FOUND = -(BS_E_BASE + 3),    /* a tool, file or entry is absent */
    BS_E_REQUIREMENTS = -(BS_E_BASE + 4), /* the machine fails a requirement */
    BS_E_NETWORK = -(BS_E_BASE + 5),
    BS_E_INTEGRITY = -(BS_E_BASE + 6),
    BS_E_FILESYSTEM = -(BS_E_BASE + 7),
    BS_E_LOCKED = -(BS_E_BASE + 8),
    BS_E_INTERRUPTED = -(BS_E_BASE + 9),
    BS_E_NOT_IMPLEMENTED = -(BS_E_BASE + 10),
    BS_E_CHILD = -(BS_E_BASE + 11), /* a child process failed or timed out */
    BS_E_NOMEM = -(BS_E_BASE + 12),
};

/* Process exit codes: fixed, documented in the README, relied on by scripts. */
enum bs_exit {
    BS_EXIT_OK = 0,
    BS_EXIT_FAILURE = 1,
    BS_EXIT_USAGE = 2,
    BS_EXIT_REQUIREMENTS = 3,
    BS_EXIT_NETWORK = 4,
    BS_EXIT_INTEGRITY = 5,
    BS_EXIT_FILESYSTEM = 6,
    BS_EXIT_LOCKED = 7,
    BS_EXIT_INTERRUPTED = 130,
};

typedef struct bs_error {
    int code;          /* the negative code returned, or 0 */
    char message[512]; /* one plain line: what went wrong, naming the file, host or word */
    char hint[1536];   /* optional: what a person can do about it */
} bs_error;

void bs_error_init(bs_error *err);
/* Records code and a printf-style message; returns code so callers can `return bs_error_set(...)`.
 */
int bs_error_set(bs_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bs_error_hint(bs_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A short English name for a code, for messages ("permission denied", "parse error"). */
const char *bs_code_str(int code);
/* The process exit code that a failure with this code ends in. */
int bs_exit_code_for(int code);

#endif
