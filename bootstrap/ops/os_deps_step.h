/*
 * os_deps_step.h: the OS dependency step, shared by the os-deps command and install.
 * Linux: the packages that provide OpenCV's libraries, installed with the person's consent
 * (as root directly; otherwise through sudo, `sudo -n` when unattended), then the libraries
 * are looked for again. macOS: `xcode-select --install`. Windows: long paths turned on and
 * the VC++ runtime installed, each through the UAC prompt.
 */
#ifndef BS_OPS_OS_DEPS_STEP_H
#define BS_OPS_OS_DEPS_STEP_H

#include "core/buf.h"
#include "core/error.h"
#include "ops/session.h"
#include "core/facts.h"

#include <stdbool.h>

typedef struct bs_os_deps_run {
    bs_session *s;   /* events, the cancel flag, and the question callback for consent */
    bool assume_yes; /* --yes (or install's own consent): act without asking */
    bool may_ask;    /* someone answers questions (and sudo's password): s->confirm is set */
    bs_buf *print;   /* --print: the commands are written here, nothing is run; else NULL */
    const char *root;
    const char *vcredist_url; /* NULL: Microsoft's link for this CPU */
} bs_os_deps_run;

/* Installs what f says is missing, or says how. Returns 0 when nothing is missing at the
 * end (or with print), BS_E_REQUIREMENTS when something still is (err: what, and the
 * command to run), BS_E_INTERRUPTED. Re-reads the libraries into f after installing. */
int bs_os_deps_step(const bs_os_deps_run *run, bs_facts *f, bs_error *err);

#endif
