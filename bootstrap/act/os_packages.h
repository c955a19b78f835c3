/*
 * os_packages.h: installing the packages bs_os_packages_for named, with the system's own
 * package manager: apt is first asked which name of a renamed package this release has,
 * then the manager runs directly as root, or through sudo (-n when unattended, so it can
 * never stop at a password prompt nobody will see).
 */
#ifndef BS_OS_PACKAGES_H
#define BS_OS_PACKAGES_H

#include "core/error.h"
#include "core/events.h"
#include "decide/os_deps.h"

#include <signal.h>
#include <stdbool.h>

typedef struct bs_os_install_opts {
    const char *sudo;         /* absolute path of sudo; NULL: run the manager directly */
    bool sudo_noninteractive; /* sudo -n */
    const bs_events *ev;      /* the manager's output arrives as BS_EV_NOTE lines */
    volatile sig_atomic_t *cancel;
} bs_os_install_opts;

/* apt family: replaces each slot's name by its alternative when apt-cache has a candidate
 * for the alternative and none for the name. Other families, or no apt-cache on PATH:
 * nothing changes. Returns 0. */
int bs_os_packages_pick_names(bs_os_packages *p, int timeout_ms);

/* Runs the install. Returns 0; BS_E_NOT_FOUND (with err) when the manager is not on PATH;
 * BS_E_CHILD when it failed (err names the command and its last output line). */
int bs_os_packages_install(const bs_os_packages *p, const bs_os_install_opts *o, bs_error *err);

#endif
