/*
 * run.h: the one entry every platform's process code provides; the public plat_run*
 * functions (run.c) are thin wrappers over it, the same on every OS.
 */
#ifndef PLAT_RUN_H
#define PLAT_RUN_H

#include "platform/platform.h"

/* Runs n children at once (n <= PLAT_RUN_MAX) with the rules of plat_run_ex. */
int plat_impl_run_many(const char *const *const argvs[], size_t n, const plat_run_opts *o,
                       int timeout_ms, size_t max_output, plat_run_result res[]);

/* The run's one interrupt flag (plat_on_interrupt), or NULL before it is set: every child
 * is stopped when it is set, also one whose caller gave no cancel flag of its own. */
extern volatile sig_atomic_t *plat_impl_interrupt_flag;

#endif
