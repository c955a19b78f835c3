/*
 * session.h: one run of the program, made once in main and handed to every operation: the
 * event sink the front-end renders, the question callback it answers, the built-in tables,
 * the download settings, the ONE cancel flag (set by the one interrupt handler main
 * installs: Ctrl-C, SIGTERM, SIGHUP, the Windows console's close button) and the install
 * root's paths, made absolute once. Operations read the cancel flag through here and
 * nowhere else, so an interrupt reaches every step, every download and every child.
 */
#ifndef BS_SESSION_H
#define BS_SESSION_H

#include "act/fetch.h"
#include "core/error.h"
#include "core/events.h"
#include "core/root_layout.h"
#include "core/tables.h"

#include <signal.h>
#include <stdbool.h>

/* Asks the person a yes/no question; returns the answer. Called only where the request
 * allows asking (no --yes, a terminal); NULL means nobody can answer (treated as "no"). */
typedef bool (*bs_confirm_fn)(void *user, const char *question);

typedef struct bs_session {
    volatile sig_atomic_t cancel; /* set by the interrupt handler; never cleared */
    bs_events events;             /* the front-end's renderer */
    bs_confirm_fn confirm;
    void *confirm_user;
    const bs_tables *tables; /* NULL when the built-in tables are damaged */
    bs_fetch_options fetch;  /* the command line's download settings; cache_dir: downloads */
    bs_root root;            /* valid once bs_session_set_root succeeded */
} bs_session;

/* Zeroes s, loads the tables and points the fetch options at the cancel flag and events. */
void bs_session_init(bs_session *s);
/* Makes the typed root absolute (see bs_root_absolute) and lays out its paths, with the
 * cache in cache_dir when given. Returns 0 or BS_E_USAGE. */
int bs_session_set_root(bs_session *s, const char *typed_root, const char *cache_dir,
                        bs_error *err);
/* The person's answer, or false when nobody can answer. */
bool bs_session_confirm(const bs_session *s, const char *question);
/* Whether the run was asked to stop. */
bool bs_session_cancelled(const bs_session *s);

#endif
