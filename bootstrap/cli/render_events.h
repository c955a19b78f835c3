/*
 * render_events.h: how the CLI shows the core's events: a progress bar on a TTY (at most
 * 10 redraws a second), a plain line every few seconds off a TTY, JSON lines with --json,
 * nothing with -q; step and detail lines with -v.
 */
#ifndef BS_RENDER_EVENTS_H
#define BS_RENDER_EVENTS_H

#include "cli/options.h"
#include "core/events.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct bs_renderer {
    const bs_config *cfg;
    bool tty;          /* stderr is a terminal */
    bool bar_open;     /* a bar is on screen without its newline yet */
    uint64_t last_ms;  /* last draw */
    uint64_t start_ms; /* when the current item started */
    uint64_t start_bytes;
    char item[128]; /* what the bar is about */
} bs_renderer;

void bs_renderer_init(bs_renderer *r, const bs_config *cfg);
/* The bs_event_fn to give the core (user = the renderer). */
void bs_render_event(const bs_event *ev, void *user);
/* Ends a bar that is still open (before printing anything else); NULL: the run's. */
void bs_renderer_finish(bs_renderer *r);

#endif
