/*
 * events.c: event emission.
 */
#include "core/events.h"

#include <stdarg.h>
#include <stdio.h>

void bs_emit(const bs_events *sink, bs_event_kind kind, const char *step, const char *fmt, ...)
{
    char msg[1024];
    if (!sink || !sink->fn)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    bs_event ev = {.kind = kind, .step = step, .message = msg, .done = 0, .total = 0};
    sink->fn(&ev, sink->user);
}
