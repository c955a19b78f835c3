/*
 * session.c: the run's one session (see session.h).
 */
#include "ops/session.h"

#include <string.h>

void bs_session_init(bs_session *s)
{
    memset(s, 0, sizeof(*s));
    s->tables = bs_tables_get();
    bs_fetch_options_init(&s->fetch);
    s->fetch.cancel = &s->cancel;
    s->fetch.events = &s->events;
}

int bs_session_set_root(bs_session *s, const char *typed_root, const char *cache_dir, bs_error *err)
{
    char abs[PATH_MAX];
    int rc = bs_root_absolute(typed_root, abs, sizeof(abs), err);
    if (rc == 0)
        rc = bs_root_layout(&s->root, abs, cache_dir, err);
    if (rc == 0)
        s->fetch.cache_dir = s->root.downloads;
    return rc;
}

bool bs_session_confirm(const bs_session *s, const char *question)
{
    return s->confirm ? s->confirm(s->confirm_user, question) : false;
}

bool bs_session_cancelled(const bs_session *s)
{
    return s->cancel != 0;
}
