/*
 * bs_fetch.c: a test driver for the fetch engine: downloads one pinned artifact into a
 * cache the way the installer will, so the e2e cases can aim it at the fault-injecting
 * HTTPS server. Prints "ok PATH reused=N received=N" or the error, exits with the
 * documented exit code; SIGINT/SIGTERM stop it with 130.
 *   bs_fetch [--cacert F] [--backoff-ms N] [--tries N] [--low-speed-time S] CACHE SHA SIZE URL...
 *   bs_fetch [options] --many CACHE SHA SIZE URL [SHA SIZE URL]...   (one URL each, at once)
 */
#include "act/fetch.h"

#include <signal.h>
#include <stdbool.h>
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

/* Several artifacts in one bs_fetch call: prints one line per artifact, exits with the
 * code of the first failure. */
static int fetch_many(const bs_fetch_options *opt, int argc, char **argv)
{
    bs_artifact arts[16];
    bs_fetch_result res[16];
    char names[16][16];
    int n = 0;
    for (int k = 0; k + 2 < argc && n < 16; k += 3, n++) {
        memset(&arts[n], 0, sizeof(arts[n]));
        snprintf(names[n], sizeof(names[n]), "artifact%d", n);
        arts[n].name = names[n];
        arts[n].sha256 = argv[k];
        arts[n].size = atoll(argv[k + 1]);
        arts[n].urls[arts[n].url_count++] = argv[k + 2];
    }
    int rc = bs_fetch(arts, n, opt, res);
    for (int k = 0; k < n; k++) {
        if (res[k].rc == 0)
            printf("%d ok %s\n", k, res[k].path);
        else
            printf("%d error %s\n", k, res[k].err.message);
    }
    return bs_exit_code_for(rc);
}

int main(int argc, char **argv)
{
    bs_fetch_options opt;
    bs_events events = {print_event, NULL};
    bs_artifact art = {.name = "artifact"};
    bs_fetch_result res;
    bool many = false;
    int i = 1;

    bs_fetch_options_init(&opt);
    opt.events = &events;
    opt.cancel = &cancelled;
    opt.cacert = getenv("SSL_CERT_FILE");
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--many") == 0) {
            many = true;
            i--; /* a flag without a value */
        } else if (strcmp(argv[i], "--cacert") == 0)
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
        fprintf(stderr, "usage: bs_fetch [options] CACHE SHA256|- SIZE URL...\n");
        return 2;
    }
    opt.cache_dir = argv[i];
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (many)
        return fetch_many(&opt, argc - i - 1, argv + i + 1);
    art.sha256 = strcmp(argv[i + 1], "-") == 0 ? NULL : argv[i + 1]; /* "-": unpinned */
    art.size = atoll(argv[i + 2]);
    for (int k = i + 3; k < argc && art.url_count < BS_FETCH_MAX_URLS; k++)
        art.urls[art.url_count++] = argv[k];
    int rc = bs_fetch(&art, 1, &opt, &res);
    if (rc == 0) {
        printf("ok %s reused=%d received=%lld sha256=%s\n", res.path, res.reused ? 1 : 0,
               (long long)res.received, res.sha256);
        return 0;
    }
    fprintf(stderr, "error: %s\n", res.err.message[0] ? res.err.message : bs_code_str(rc));
    if (res.err.hint[0])
        fprintf(stderr, "hint: %s\n", res.err.hint);
    fprintf(stderr, "received=%lld\n", (long long)res.received);
    return bs_exit_code_for(rc);
}
