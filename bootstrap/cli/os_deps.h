/*
 * os_deps.h: the OS dependency step, shared by the os-deps command and install.
 */
#ifndef BS_CLI_OS_DEPS_H
#define BS_CLI_OS_DEPS_H

#include "core/error.h"
#include "core/events.h"
#include "probe/facts.h"

#include <stdbool.h>

typedef struct bs_os_deps_run {
    bool assume_yes; /* --yes: act without asking (sudo -n unless may_ask) */
    bool may_ask;    /* a terminal to ask on (and for sudo's password) */
    bool print_only; /* --print: print the commands, run nothing */
    const char *root;
    const char *cacert;       /* for the VC++ installer's download */
    const char *vcredist_url; /* NULL: Microsoft's link for this CPU */
    const bs_events *ev;
} bs_os_deps_run;

/* Installs what f says is missing, or says how. Returns 0 when nothing is missing at the
 * end (or with print_only), BS_E_REQUIREMENTS when something still is (err: what, and the
 * command to run), BS_E_INTERRUPTED. Re-reads the libraries into f after installing. */
int bs_cli_os_deps(const bs_os_deps_run *run, bs_facts *f, bs_error *err);

#endif
