/*
 * plat_proc.c: child processes on POSIX. A child gets an argv array (never a shell string),
 * /dev/null as stdin, its own process group (so a timeout kills what it started too), and
 * its output captured through pipes with a size cap.
 */
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

struct capture {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

static int capture_append(struct capture *c, const char *src, size_t n)
{
    if (c->len + n > c->max)
        n = c->max - c->len; /* keep draining the pipe, drop what is over the cap */
    if (n == 0)
        return 0;
    if (c->len + n + 1 > c->cap) {
        size_t ncap = c->cap ? c->cap : 1024;
        while (ncap < c->len + n + 1)
            ncap *= 2;
        char *nd = realloc(c->data, ncap);
        if (!nd)
            return -ENOMEM;
        c->data = nd;
        c->cap = ncap;
    }
    memcpy(c->data + c->len, src, n);
    c->len += n;
    c->data[c->len] = '\0';
    return 0;
}

static int capture_finish(struct capture *c)
{
    if (!c->data) {
        c->data = calloc(1, 1);
        if (!c->data)
            return -ENOMEM;
    }
    return 0;
}

static void child_exec(const char *const argv[], int out_fd, int err_fd)
{
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        dup2(devnull, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    setpgid(0, 0);
    execv(argv[0], (char *const *)argv);
    _exit(127);
}

int plat_run(const char *const argv[], int timeout_ms, size_t max_output, plat_run_result *res)
{
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    struct capture out = {.max = max_output}, err = {.max = max_output};
    pid_t pid = -1;
    int rc = 0, status = 0;

    memset(res, 0, sizeof(*res));
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        rc = -errno;
        goto cleanup;
    }
    fcntl(out_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC);
    pid = fork();
    if (pid < 0) {
        rc = -errno;
        goto cleanup;
    }
    if (pid == 0)
        child_exec(argv, out_pipe[1], err_pipe[1]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_pipe[1] = err_pipe[1] = -1;

    uint64_t deadline = plat_now_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    struct pollfd fds[2] = {{.fd = out_pipe[0], .events = POLLIN},
                            {.fd = err_pipe[0], .events = POLLIN}};
    int open_fds = 2;
    while (open_fds > 0) {
        uint64_t now = plat_now_ms();
        if (timeout_ms > 0 && now >= deadline) {
            res->timed_out = true;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            break;
        }
        int wait_ms = timeout_ms > 0 ? (int)(deadline - now) : -1;
        int n = poll(fds, 2, wait_ms);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[4096];
            ssize_t got = read(fds[i].fd, chunk, sizeof(chunk));
            if (got > 0) {
                if (capture_append(i == 0 ? &out : &err, chunk, (size_t)got) != 0)
                    rc = -ENOMEM;
            } else if (got == 0 || errno != EINTR) {
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!res->timed_out) {
        if (WIFEXITED(status)) {
            res->exit_code = WEXITSTATUS(status);
            /* execv failed in the child: report it as a spawn failure, not as exit 127. */
            if (res->exit_code == 127 && out.len == 0 && err.len == 0 &&
                !plat_is_executable_file(argv[0]))
                res->spawn_failed = true;
        } else if (WIFSIGNALED(status)) {
            res->term_signal = WTERMSIG(status);
        }
    }
    if (rc == 0 && (capture_finish(&out) != 0 || capture_finish(&err) != 0))
        rc = -ENOMEM;
    res->out = out.data;
    res->out_len = out.len;
    res->err = err.data;
    res->err_len = err.len;
    out.data = err.data = NULL;
cleanup:
    for (int i = 0; i < 2; i++) {
        if (out_pipe[i] >= 0)
            close(out_pipe[i]);
        if (err_pipe[i] >= 0)
            close(err_pipe[i]);
    }
    free(out.data);
    free(err.data);
    return rc;
}

void plat_run_result_free(plat_run_result *res)
{
    if (!res)
        return;
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
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
