/*
 * bs_fetch.c: a test driver for the fetch engine: downloads one pinned artifact into a
 * cache the way the installer will, so the e2e cases can aim it at the fault-injecting
 * HTTPS server. Prints "ok PATH reused=N received=N" or the error, exits with the
 * documented exit code; SIGINT/SIGTERM stop it with 130.
 *   bs_fetch [--cacert F] [--backoff-ms N] [--tries N] [--low-speed-time S] CACHE SHA SIZE URL...
 */
#include "act/fetch.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t cancelled;

static void on_signal(int sig)
{
    (void)sig;
    cancelled = 1;
}

static void print_event(const bs_event *ev, void *user)
{
    (void)user;
    if (ev->kind == BS_EV_WARNING)
        fprintf(stderr, "warning: %s: %s\n", ev->step, ev->message);
}

int main(int argc, char **argv)
{
    bs_fetch_options opt;
    bs_events events = {print_event, NULL};
    bs_artifact art = {.name = "artifact"};
    bs_fetch_result res;
    int i = 1;

    bs_fetch_options_init(&opt);
    opt.events = &events;
    opt.cancel = &cancelled;
    opt.cacert = getenv("SSL_CERT_FILE");
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--cacert") == 0)
            opt.cacert = argv[i + 1];
        else if (strcmp(argv[i], "--backoff-ms") == 0)
            opt.backoff_base_ms = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--tries") == 0)
            opt.max_tries = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--low-speed-time") == 0)
            opt.low_speed_time_s = atol(argv[i + 1]);
        else {
            fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (argc - i < 4) {
        fprintf(stderr, "usage: bs_fetch [options] CACHE SHA256 SIZE URL...\n");
        return 2;
    }
    opt.cache_dir = argv[i];
    art.sha256 = argv[i + 1];
    art.size = atoll(argv[i + 2]);
    for (int k = i + 3; k < argc && art.url_count < BS_FETCH_MAX_URLS; k++)
        art.urls[art.url_count++] = argv[k];
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int rc = bs_fetch(&art, 1, &opt, &res);
    if (rc == 0) {
        printf("ok %s reused=%d received=%lld\n", res.path, res.reused ? 1 : 0,
               (long long)res.received);
        return 0;
    }
    fprintf(stderr, "error: %s\n", res.err.message[0] ? res.err.message : bs_code_str(rc));
    if (res.err.hint[0])
        fprintf(stderr, "hint: %s\n", res.err.hint);
    fprintf(stderr, "received=%lld\n", (long long)res.received);
    return bs_exit_code_for(rc);
}
