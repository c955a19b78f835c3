/*
 * render_events.c: events on stderr.
 */
#include "cli/render_events.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BAR_INTERVAL_MS 100
#define PLAIN_INTERVAL_MS 3000

/* The run's renderer: there is one (main's), and an error printed anywhere ends its bar. */
static bs_renderer *active;

void bs_renderer_init(bs_renderer *r, const bs_config *cfg)
{
    memset(r, 0, sizeof(*r));
    active = r;
    r->cfg = cfg;
    r->tty = plat_isatty(STDERR_FILENO);
}

static const char *kind_name(bs_event_kind k)
{
    static const char *const names[] = {"step_start", "step_done", "detail", "warning",
                                        "progress",   "note",      "phase"};
    return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "event";
}

void bs_renderer_finish(bs_renderer *r)
{
    if (!r)
        r = active;
    if (!r)
        return;
    if (r->bar_open)
        fputc('\n', stderr);
    r->bar_open = false;
}

static void json_line(const bs_event *ev)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "event", kind_name(ev->kind));
    cJSON_AddStringToObject(o, "step", ev->step ? ev->step : "");
    if (ev->kind == BS_EV_PROGRESS) {
        cJSON_AddNumberToObject(o, "done", (double)ev->done);
        cJSON_AddNumberToObject(o, "total", (double)ev->total);
    } else {
        cJSON_AddStringToObject(o, "message", ev->message ? ev->message : "");
    }
    char *line = cJSON_PrintUnformatted(o);
    if (line)
        fprintf(stderr, "%s\n", line);
    free(line);
    cJSON_Delete(o);
}

static void draw_progress(bs_renderer *r, const bs_event *ev, uint64_t now)
{
    double mib = (double)ev->done / 1048576.0, total = (double)ev->total / 1048576.0;
    double secs = (double)(now - r->start_ms) / 1000.0;
    double rate = secs > 0.2 ? (double)(ev->done - r->start_bytes) / 1048576.0 / secs : 0.0;
    if (!r->tty) {
        if (ev->total)
            fprintf(stderr, "%s: %.1f of %.1f MiB (%.0f%%)\n", r->item, mib, total,
                    100.0 * mib / total);
        else
            fprintf(stderr, "%s: %.1f MiB\n", r->item, mib);
        return;
    }
    char bar[31];
    int fill = ev->total ? (int)(30.0 * (double)ev->done / (double)ev->total) : 0;
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r\033[K%.40s [%s] %.1f/%.1f MiB %3.0f%% %.1f MiB/s", r->item, bar, mib, total,
            ev->total ? 100.0 * mib / total : 0.0, rate);
    if (rate > 0 && ev->total > ev->done) {
        long eta = (long)(((double)(ev->total - ev->done) / 1048576.0) / rate);
        fprintf(stderr, " ETA %ld:%02ld", eta / 60, eta % 60);
    }
    r->bar_open = true;
}

static void on_progress(bs_renderer *r, const bs_event *ev)
{
    uint64_t now = plat_now_ms();
    if (strcmp(r->item, ev->step ? ev->step : "") != 0) {
        bs_renderer_finish(r);
        bs_strlcpy(r->item, ev->step ? ev->step : "", sizeof(r->item));
        r->start_ms = now;
        r->start_bytes = ev->done;
        r->last_ms = 0;
    }
    uint64_t interval = r->tty || r->cfg->json ? BAR_INTERVAL_MS : PLAIN_INTERVAL_MS;
    bool last = ev->total && ev->done >= ev->total;
    if (!last && r->last_ms && now - r->last_ms < interval)
        return;
    r->last_ms = now;
    if (r->cfg->json)
        json_line(ev);
    else
        draw_progress(r, ev, now);
}

void bs_render_event(const bs_event *ev, void *user)
{
    bs_renderer *r = user;
    const bs_config *cfg = r->cfg;
    if (cfg->quiet)
        return;
    if (ev->kind == BS_EV_PROGRESS) {
        on_progress(r, ev);
        return;
    }
    if (cfg->verbose == 0 && ev->kind != BS_EV_WARNING && ev->kind != BS_EV_NOTE &&
        ev->kind != BS_EV_PHASE)
        return;
    if (ev->kind == BS_EV_DETAIL && cfg->verbose < 2)
        return;
    bs_renderer_finish(r);
    if (cfg->json)
        json_line(ev);
    else if (ev->kind == BS_EV_PHASE)
        fprintf(stderr, "==> %s\n", ev->message ? ev->message : "");
    else if (ev->kind == BS_EV_NOTE)
        fprintf(stderr, "  %s\n", ev->message ? ev->message : "");
    else
        fprintf(stderr, "%s %s: %s\n", ev->kind == BS_EV_WARNING ? "warning" : "-", ev->step,
                ev->message ? ev->message : "");
}
