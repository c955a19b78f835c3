/*
 * plat_fs.c: files, directories and free space on POSIX systems (Linux, macOS).
 * Reads are bounded so a hostile or runaway /proc or /sys file cannot exhaust memory.
 */
#include "platform/common/names.h"
#include "platform/platform.h"
#include "core/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#endif

int plat_read_file(const char *path, size_t max, char **out, size_t *len)
{
    int fd = -1;
    char *buf = NULL;
    size_t used = 0, cap = 4096;
    int rc = 0;

    *out = NULL;
    if (len)
        *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    buf = malloc(cap + 1);
    if (!buf) {
        rc = -ENOMEM;
        goto cleanup;
    }
    /* /proc and /sys files report size 0, so read until EOF rather than trusting stat. */
    for (;;) {
        if (used == cap) {
            if (cap >= max)
                break;
            size_t ncap = cap * 2 > max ? max : cap * 2;
            char *nbuf = realloc(buf, ncap + 1);
            if (!nbuf) {
                rc = -ENOMEM;
                goto cleanup;
            }
            buf = nbuf;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            goto cleanup;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    buf[used] = '\0';
    *out = buf;
    buf = NULL;
    if (len)
        *len = used;
cleanup:
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

bool plat_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

bool plat_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool plat_is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int plat_list_dir(const char *path, char ***names, size_t *count)
{
    struct name_list l = {0};
    struct dirent *ent;
    int rc = 0;

    *names = NULL;
    *count = 0;
    DIR *dir = opendir(path);
    if (!dir)
        return -errno;
    while (rc == 0 && (ent = readdir(dir)) != NULL)
        if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
            rc = names_push(&l, ent->d_name);
    closedir(dir);
    return names_finish(&l, rc, names, count);
}

char *plat_realpath(const char *path)
{
    return realpath(path, NULL);
}

int plat_open(const char *path, int flags, unsigned mode)
{
    int fd = open(path, flags, (mode_t)mode);
    return fd >= 0 ? fd : -errno;
}

FILE *plat_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int plat_unlink(const char *path)
{
    return unlink(path) == 0 ? 0 : -errno;
}

int plat_fd_size(int fd, int64_t *size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -errno;
    *size = (int64_t)st.st_size;
    return 0;
}

int plat_file_size(const char *path, int64_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -errno;
    *size = (int64_t)st.st_size;
    return 0;
}

char *plat_absolute_path(const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return NULL;
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
    return out;
}

/* Walks up from path to the first directory that exists, so a root that is not created
 * yet is measured on the filesystem it will be created on. */
static char *nearest_existing(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return NULL;
    for (;;) {
        if (plat_exists(p))
            return p;
        char *slash = strrchr(p, '/');
        if (!slash) {
            free(p);
            return strdup(".");
        }
        if (slash == p) {
            p[1] = '\0';
            return p;
        }
        *slash = '\0';
    }
}

int plat_disk_free(const char *path, uint64_t *free_bytes, char **measured)
{
    struct statvfs vfs;
    char *dir = nearest_existing(path);
    if (!dir)
        return -ENOMEM;
    if (statvfs(dir, &vfs) != 0) {
        int e = errno;
        free(dir);
        return -e;
    }
    *free_bytes = (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize;
    if (measured)
        *measured = dir;
    else
        free(dir);
    return 0;
}

int plat_is_ram_fs(const char *path, bool *is_ram)
{
    *is_ram = false;
#ifdef __linux__
    struct statfs sfs;
    char *dir = nearest_existing(path);
    if (!dir)
        return -ENOMEM;
    int rc = statfs(dir, &sfs);
    int e = errno;
    free(dir);
    if (rc != 0)
        return -e;
    /* TMPFS_MAGIC and RAMFS_MAGIC from linux/magic.h, spelled out to avoid that header. */
    *is_ram =
        (unsigned long)sfs.f_type == 0x01021994UL || (unsigned long)sfs.f_type == 0x858458f6UL;
#else
    (void)path;
#endif
    return 0;
}

int plat_lock_file(const char *path, int *fd_out, long *holder)
{
    char buf[32];
    *fd_out = -1;
    *holder = 0;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -errno;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
        if (n > 0) {
            buf[n] = '\0';
            *holder = strtol(buf, NULL, 10);
        }
        close(fd);
        return e == EWOULDBLOCK ? BS_E_LOCKED : -e;
    }
    int len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)len, 0) != len) {
        int e = errno;
        close(fd);
        return -e;
    }
    *fd_out = fd;
    return 0;
}

void plat_unlock_file(int fd)
{
    if (fd >= 0)
        close(fd); /* closing the descriptor releases the flock */
}

int plat_write_file_atomic(const char *path, const void *data, size_t len, bool executable)
{
    char tmp[PATH_MAX];
    int n = snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return -ENAMETOOLONG;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0755 : 0644);
    if (fd < 0)
        return -errno;
    const char *p = data;
    size_t left = len;
    int rc = 0;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            rc = -errno;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    /* Flushed before the rename, so a power cut cannot leave an empty file under the name. */
    if (rc == 0 && fsync(fd) != 0)
        rc = -errno;
    if (close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && executable && chmod(tmp, 0755) != 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -errno;
    if (rc != 0)
        unlink(tmp);
    return rc;
}

int plat_rename_replace(const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : -errno;
}

int plat_mkdir(const char *path, unsigned mode)
{
    return mkdir(path, (mode_t)mode) == 0 ? 0 : -errno;
}

int plat_make_temp_dir(char *tmpl)
{
    return mkdtemp(tmpl) ? 0 : -errno;
}

static int remove_child(const char *path, void *user)
{
    (void)user;
    return plat_remove_tree(path);
}

int plat_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -errno;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? 0 : -errno;
    /* A directory we could not read (mode 0) must still go: make it ours first. */
    chmod(path, 0700);
    int rc = each_child(path, remove_child, NULL);
    if (rc == 0 && rmdir(path) != 0)
        rc = -errno;
    return rc;
}

int plat_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -errno;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

int plat_sync_fd(int fd)
{
    return fsync(fd) == 0 ? 0 : -errno;
}

typedef struct file_id {
    dev_t dev;
    ino_t ino;
} file_id;

static long find_id(const file_id *ids, size_t n, dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i].dev == dev && ids[i].ino == ino)
            return (long)i;
    return -1;
}

#ifndef major /* no sysmacros (macOS has no /proc, so nothing below ever matches there) */
#define major(d) 0
#define minor(d) 0
#endif

/* Whether /proc/<pid>/maps maps one of the files (a library loaded and its fd closed). */
static long mapped_by(const char *pid, const file_id *ids, size_t n)
{
    char path[300], *text = NULL;
    long hit = -1;
    snprintf(path, sizeof(path), "/proc/%.255s/maps", pid);
    if (plat_read_file(path, 8u << 20, &text, NULL) != 0)
        return -1;
    for (char *line = text; line && *line && hit < 0;) {
        unsigned long long ino = 0;
        unsigned dev_major = 0, dev_minor = 0;
        /* start-end perms offset major:minor inode [path] */
        if (sscanf(line, "%*s %*s %*s %x:%x %llu", &dev_major, &dev_minor, &ino) == 3 && ino != 0)
            for (size_t i = 0; i < n && hit < 0; i++)
                if (ids[i].ino == (ino_t)ino && dev_major == (unsigned)major(ids[i].dev) &&
                    dev_minor == (unsigned)minor(ids[i].dev))
                    hit = (long)i;
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(text);
    return hit;
}

int plat_files_in_use(const char *const *paths, size_t n, size_t *which)
{
    file_id *ids = calloc(n ? n : 1, sizeof(*ids));
    size_t known = 0;
    long hit = -1;
    if (!ids)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        ids[i].ino = 0;
        ids[i].dev = (dev_t)-1;
        if (stat(paths[i], &st) == 0) {
            ids[i] = (file_id){st.st_dev, st.st_ino};
            known++;
        }
    }
    DIR *proc = known ? opendir("/proc") : NULL;
    char self[32];
    snprintf(self, sizeof(self), "%ld", (long)getpid());
    for (struct dirent *d; proc && hit < 0 && (d = readdir(proc)) != NULL;) {
        if (d->d_name[0] < '1' || d->d_name[0] > '9' || strcmp(d->d_name, self) == 0)
            continue;
        char fd_dir[300];
        snprintf(fd_dir, sizeof(fd_dir), "/proc/%.255s/fd", d->d_name);
        DIR *fds = opendir(fd_dir); /* another user's process: not ours to see, skipped */
        for (struct dirent *f; fds && hit < 0 && (f = readdir(fds)) != NULL;) {
            char link[600];
            struct stat st;
            if (f->d_name[0] == '.')
                continue;
            snprintf(link, sizeof(link), "%.299s/%.255s", fd_dir, f->d_name);
            if (stat(link, &st) == 0 && S_ISREG(st.st_mode))
                hit = find_id(ids, n, st.st_dev, st.st_ino);
        }
        if (fds)
            closedir(fds);
        if (hit < 0)
            hit = mapped_by(d->d_name, ids, n);
    }
    if (proc)
        closedir(proc);
    free(ids);
    if (hit < 0)
        return 0;
    *which = (size_t)hit;
    return 1;
}

bool plat_is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int size_child(const char *path, void *bytes)
{
    return plat_tree_size(path, bytes);
}

int plat_tree_size(const char *path, uint64_t *bytes)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -errno;
    if (!S_ISDIR(st.st_mode)) {
        *bytes += S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
        return 0;
    }
    int rc = each_child(path, size_child, bytes);
    return rc;
}

char *plat_self_exe(void)
{
    return plat_realpath("/proc/self/exe"); /* Linux; NULL elsewhere (macOS has no /proc) */
}

int plat_make_executable(const char *path)
{
    return chmod(path, 0755) == 0 ? 0 : -errno;
}
