/*
 * plat_sys.c: what the machine says about itself on POSIX: OS and CPU names, terminals,
 * the home directory and a monotonic clock.
 */
#include "platform/common/run.h"
#include "platform/platform.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int plat_os_arch(char *os, size_t os_size, char *arch, size_t arch_size)
{
    struct utsname u;
    if (uname(&u) != 0)
        return -1;
    /* uname says "Linux"/"Darwin"; the core uses lower-case family names. */
    if (strcmp(u.sysname, "Linux") == 0)
        snprintf(os, os_size, "linux");
    else if (strcmp(u.sysname, "Darwin") == 0)
        snprintf(os, os_size, "darwin");
    else
        snprintf(os, os_size, "%s", u.sysname);
    /* macOS calls Apple Silicon "arm64"; Linux calls it "aarch64". One name in the core. */
    if (strcmp(u.machine, "arm64") == 0)
        snprintf(arch, arch_size, "aarch64");
    else if (strcmp(u.machine, "amd64") == 0)
        snprintf(arch, arch_size, "x86_64");
    else
        snprintf(arch, arch_size, "%s", u.machine);
    return 0;
}

bool plat_isatty(int fd)
{
    return isatty(fd) == 1;
}

char *plat_home_dir(void)
{
    const char *home = getenv("HOME");
    if (home && *home)
        return strdup(home);
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_dir ? strdup(pw->pw_dir) : NULL;
}

bool plat_tls_native_store(void)
{
    return false; /* Linux and macOS builds read a CA bundle file */
}

char plat_dir_sep(void)
{
    return '/';
}

uint64_t plat_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void plat_sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000u, .tv_nsec = (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

void plat_init(void)
{
}

int plat_run_elevated(const char *const argv[], int timeout_ms, int *exit_code)
{
    (void)argv;
    (void)timeout_ms;
    *exit_code = -1;
    return -ENOSYS;
}

int plat_verify_publisher(const char *path, const char *publisher, char *signer, size_t size)
{
    (void)path;
    (void)publisher;
    if (size)
        signer[0] = '\0';
    return -ENOSYS;
}

bool plat_is_admin(void)
{
    return geteuid() == 0;
}

long plat_getpid(void)
{
    return (long)getpid();
}

static void on_interrupt(int sig)
{
    (void)sig;
    if (plat_impl_interrupt_flag)
        *plat_impl_interrupt_flag = 1;
}

void plat_on_interrupt(volatile sig_atomic_t *flag)
{
    struct sigaction sa;
    plat_impl_interrupt_flag = flag;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_interrupt; /* no SA_RESTART: a blocking wait must see the signal */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL); /* the terminal went away: stop as for Ctrl-C */
}

void plat_os_version(char *out, size_t size)
{
    if (size)
        out[0] = '\0';
}

long long plat_total_ram_mib(void)
{
    return -1; /* Linux: /proc/meminfo through the sysroot; macOS: sysctl hw.memsize */
}

int plat_registry_get(const char *key, const char *name, char *out, size_t size)
{
    (void)key;
    (void)name;
    if (size)
        out[0] = '\0';
    return -ENOSYS;
}

bool plat_console_is_ours(void)
{
    /* A terminal emulator that runs us directly (a file manager's "run in terminal", a
     * desktop launcher with Terminal=true) makes us the leader of the terminal's session;
     * from a shell, the shell leads it and its window outlives us. */
    return isatty(STDIN_FILENO) && getsid(0) == getpid();
}
