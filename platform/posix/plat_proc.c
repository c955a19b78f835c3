/*
 * plat_proc.c: child processes on POSIX. A child gets an argv array (never a shell string),
 * /dev/null as stdin, its own process group (so a timeout kills what it started too), and
 * its output captured through pipes with a size cap.
 */
#include "platform/common/capture.h"
#include "platform/common/run.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

const char *const *plat_environ(void)
{
    return (const char *const *)environ;
}

static void child_exec(const char *const argv[], const char *const *env, int out_fd, int err_fd)
{
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        dup2(devnull, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    setpgid(0, 0);
    if (env)
        execve(argv[0], (char *const *)argv, (char *const *)env);
    else
        execv(argv[0], (char *const *)argv);
    _exit(127);
}

/* One running child and what it has printed so far. */
struct child {
    pid_t pid;
    int fds[2]; /* read ends of stdout and stderr; -1 once closed */
    struct capture cap[2];
    bool started;
};

static int child_start(struct child *c, const char *const argv[], const plat_run_opts *o,
                       size_t max_output)
{
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    memset(c, 0, sizeof(*c));
    c->pid = -1;
    c->fds[0] = c->fds[1] = -1;
    c->cap[0].max = c->cap[1].max = max_output;
    c->cap[0].keep_tail = c->cap[1].keep_tail = o && o->keep_tail;
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
        goto fail;
    /* Read ends must not leak into the next child started in parallel. */
    fcntl(out_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC);
    c->pid = fork();
    if (c->pid < 0)
        goto fail;
    if (c->pid == 0)
        child_exec(argv, o ? o->env : NULL, out_pipe[1], err_pipe[1]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    c->fds[0] = out_pipe[0];
    c->fds[1] = err_pipe[0];
    c->started = true;
    return 0;
fail:;
    int e = errno;
    for (int i = 0; i < 2; i++) {
        if (out_pipe[i] >= 0)
            close(out_pipe[i]);
        if (err_pipe[i] >= 0)
            close(err_pipe[i]);
    }
    return -e;
}

/* Drains every child's pipes until all are closed or the deadline passes; returns 0 or
 * -ENOMEM. On timeout, every child still running is killed with its process group. */
static int children_drain(struct child *cs, size_t n, int timeout_ms, const plat_run_opts *o,
                          bool *timed_out, bool *cancelled)
{
    struct pollfd fds[2 * PLAT_RUN_MAX];
    size_t owner[2 * PLAT_RUN_MAX];
    uint64_t deadline = plat_now_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    int rc = 0;
    for (;;) {
        size_t nf = 0;
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 2; k++)
                if (cs[i].fds[k] >= 0) {
                    fds[nf] = (struct pollfd){.fd = cs[i].fds[k], .events = POLLIN};
                    owner[nf++] = i * 2 + (size_t)k;
                }
        if (nf == 0)
            return rc;
        uint64_t now = plat_now_ms();
        if (o && o->cancel && *o->cancel && !*cancelled) {
            /* Ask politely first: pip removes its temporary files on SIGTERM. */
            *cancelled = true;
            for (size_t i = 0; i < n; i++)
                if (cs[i].started)
                    kill(-cs[i].pid, SIGTERM);
            /* A second is enough to clean up, and keeps the whole stop within two. */
            if (timeout_ms <= 0 || deadline > now + 1000)
                deadline = now + 1000;
            timeout_ms = 1000;
        }
        if (timeout_ms > 0 && now >= deadline) {
            for (size_t i = 0; i < n; i++)
                if (cs[i].started && (cs[i].fds[0] >= 0 || cs[i].fds[1] >= 0)) {
                    timed_out[i] = true;
                    kill(-cs[i].pid, SIGKILL);
                    kill(cs[i].pid, SIGKILL);
                    for (int k = 0; k < 2; k++)
                        if (cs[i].fds[k] >= 0) {
                            close(cs[i].fds[k]);
                            cs[i].fds[k] = -1;
                        }
                }
            return rc;
        }
        int wait_ms = timeout_ms > 0 ? (int)(deadline - now) : -1;
        if (o && o->cancel && !*cancelled && (wait_ms < 0 || wait_ms > 200))
            wait_ms = 200; /* look at the cancel flag a few times a second */
        int ready = poll(fds, (nfds_t)nf, wait_ms);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        for (size_t j = 0; j < nf; j++) {
            if (!(fds[j].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            struct child *c = &cs[owner[j] / 2];
            int k = (int)(owner[j] % 2);
            char chunk[4096];
            ssize_t got = read(c->fds[k], chunk, sizeof(chunk));
            if (got > 0) {
                if (o && o->on_output)
                    o->on_output(o->user, k + 1, chunk, (size_t)got);
                if (capture_append(&c->cap[k], chunk, (size_t)got) != 0)
                    rc = -ENOMEM;
            } else if (got == 0 || errno != EINTR) {
                close(c->fds[k]);
                c->fds[k] = -1;
            }
        }
    }
}

static void child_finish(struct child *c, const char *argv0, bool timed_out, plat_run_result *res)
{
    int status = 0;
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
        ;
    res->timed_out = timed_out;
    if (!timed_out) {
        if (WIFEXITED(status)) {
            res->exit_code = WEXITSTATUS(status);
            /* execv failed in the child: report it as a spawn failure, not as exit 127. */
            if (res->exit_code == 127 && c->cap[0].len == 0 && c->cap[1].len == 0 &&
                !plat_is_executable_file(argv0))
                res->spawn_failed = true;
        } else if (WIFSIGNALED(status)) {
            res->term_signal = WTERMSIG(status);
        }
    }
}

int plat_impl_run_many(const char *const *const argvs[], size_t n, const plat_run_opts *o,
                       int timeout_ms, size_t max_output, plat_run_result res[])
{
    struct child cs[PLAT_RUN_MAX];
    bool timed_out[PLAT_RUN_MAX] = {false};
    bool cancelled = false;
    int rc = 0;

    if (n > PLAT_RUN_MAX)
        return -E2BIG;
    for (size_t i = 0; i < n; i++) {
        memset(&res[i], 0, sizeof(res[i]));
        if (child_start(&cs[i], argvs[i], o, max_output) != 0)
            res[i].spawn_failed = true;
    }
    rc = children_drain(cs, n, timeout_ms, o, timed_out, &cancelled);
    for (size_t i = 0; i < n; i++) {
        if (cs[i].started)
            child_finish(&cs[i], argvs[i][0], timed_out[i], &res[i]);
        if (capture_finish(&cs[i].cap[0]) != 0 || capture_finish(&cs[i].cap[1]) != 0)
            rc = -ENOMEM;
        res[i].out = cs[i].cap[0].data;
        res[i].out_len = cs[i].cap[0].len;
        res[i].err = cs[i].cap[1].data;
        res[i].err_len = cs[i].cap[1].len;
        res[i].cancelled = cancelled;
    }
    return rc;
}

char *plat_find_program(const char *name)
{
    const char *path = getenv("PATH");
    if (!name || !*name)
        return NULL;
    if (strchr(name, '/'))
        return plat_is_executable_file(name) ? plat_realpath(name) : NULL;
    if (!path)
        return NULL;
    const char *p = path;
    while (*p) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char candidate[PATH_MAX];
        /* An empty PATH element means the current directory; we do not search it. */
        if (len > 0 && len + strlen(name) + 2 < sizeof(candidate)) {
            memcpy(candidate, p, len);
            candidate[len] = '/';
            memcpy(candidate + len + 1, name, strlen(name) + 1);
            if (candidate[0] == '/' && plat_is_executable_file(candidate))
                return strdup(candidate);
        }
        if (!end)
            break;
        p = end + 1;
    }
    return NULL;
}
