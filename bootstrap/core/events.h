/*
 * events.h: how the core tells the outside what it is doing. The core never prints; it
 * emits typed events to one callback, and the CLI renders them (a bar on a TTY, plain
 * lines off a TTY, JSON lines with --json, nothing with -q).
 */
#ifndef BS_EVENTS_H
#define BS_EVENTS_H

#include <stdint.h>

typedef enum bs_event_kind {
    BS_EV_STEP_START = 0, /* a step begins: step names it */
    BS_EV_STEP_DONE,      /* a step ended: message says how */
    BS_EV_DETAIL,         /* something verbose output shows (a command run, a file read) */
    BS_EV_WARNING,        /* a problem that does not stop the run */
    BS_EV_PROGRESS,       /* done of total units (bytes) */
    BS_EV_NOTE,           /* a line normal output shows (what pip is downloading now) */
    BS_EV_PHASE,          /* a stage of the run begins: a headline ("Installing Python") */
} bs_event_kind;

typedef struct bs_event {
    bs_event_kind kind;
    const char *step;    /* "probe.gpu", "fetch", ... */
    const char *message; /* may be NULL */
    uint64_t done;
    uint64_t total;
} bs_event;

typedef void (*bs_event_fn)(const bs_event *ev, void *user);

typedef struct bs_events {
    bs_event_fn fn; /* NULL: events are dropped */
    void *user;
} bs_events;

/* Emits an event with a printf-style message; a NULL sink or fn drops it. */
void bs_emit(const bs_events *sink, bs_event_kind kind, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
