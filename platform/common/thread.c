/*
 * thread.c: plat_thread over POSIX threads, which both builds have (mingw-w64's posix
 * flavour brings winpthreads), so one file serves every OS.
 */
#include "platform/platform.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

struct plat_thread {
    pthread_t id;
};

int plat_thread_start(plat_thread **t, void *(*fn)(void *), void *arg)
{
    *t = malloc(sizeof(**t));
    if (!*t)
        return -ENOMEM;
    int rc = pthread_create(&(*t)->id, NULL, fn, arg);
    if (rc != 0) {
        free(*t);
        *t = NULL;
        return -rc;
    }
    return 0;
}

void plat_thread_join(plat_thread *t)
{
    if (!t)
        return;
    pthread_join(t->id, NULL);
    free(t);
}
