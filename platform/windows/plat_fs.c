/*
 * plat_fs.c: files, directories, free space and locks on Windows, through the W functions
 * (UTF-8 paths converted, long ones \\?\-prefixed). The lock is LockFileEx on a byte far
 * past the end of the file, so the PID written at its start stays readable by the second
 * run that is told who holds it (Windows locks are mandatory, unlike flock).
 */
/* rand_s, the CRT's interface to the system random number generator. */
#define _CRT_RAND_S
#include "core/error.h"
#include "platform/common/names.h"
#include "platform/platform.h"
#include "platform/windows/win_text.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_OFFSET_HIGH 0x7fffffffu /* the locked byte: never part of the file's text */

static HANDLE open_w(const char *path, DWORD access, DWORD disposition, DWORD flags)
{
    wchar_t *w = win_path(path);
    if (!w)
        return INVALID_HANDLE_VALUE;
    HANDLE h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           disposition, flags, NULL);
    free(w);
    return h;
}

static DWORD attributes(const char *path)
{
    wchar_t *w = win_path(path);
    if (!w)
        return INVALID_FILE_ATTRIBUTES;
    DWORD a = GetFileAttributesW(w);
    free(w);
    return a;
}

int plat_read_file(const char *path, size_t max, char **out, size_t *len)
{
    *out = NULL;
    if (len)
        *len = 0;
    HANDLE h = open_w(path, GENERIC_READ, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL);
    if (h == INVALID_HANDLE_VALUE)
        return win_err(GetLastError());
    size_t used = 0, cap = 4096;
    char *buf = malloc(cap + 1);
    int rc = buf ? 0 : -ENOMEM;
    while (rc == 0) {
        if (used == cap) {
            if (cap >= max)
                break;
            size_t ncap = cap * 2 > max ? max : cap * 2;
            char *nbuf = realloc(buf, ncap + 1);
            if (!nbuf) {
                rc = -ENOMEM;
                break;
            }
            buf = nbuf;
            cap = ncap;
        }
        DWORD got = 0;
        if (!ReadFile(h, buf + used, (DWORD)(cap - used), &got, NULL))
            rc = win_err(GetLastError());
        else if (got == 0)
            break;
        used += got;
    }
    CloseHandle(h);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    buf[used] = '\0';
    *out = buf;
    if (len)
        *len = used;
    return 0;
}

bool plat_exists(const char *path)
{
    return attributes(path) != INVALID_FILE_ATTRIBUTES;
}

bool plat_is_dir(const char *path)
{
    DWORD a = attributes(path);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

bool plat_is_executable_file(const char *path)
{
    /* Windows has no execute bit: any regular file may be run (PATHEXT picks the names). */
    DWORD a = attributes(path);
    return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

int plat_list_dir(const char *path, char ***names, size_t *count)
{
    struct name_list l = {0};
    WIN32_FIND_DATAW fd;
    char pattern[MAX_PATH * 4];
    *names = NULL;
    *count = 0;
    if (snprintf(pattern, sizeof(pattern), "%s\\*", path) >= (int)sizeof(pattern))
        return -ENAMETOOLONG;
    wchar_t *w = win_path(pattern);
    if (!w)
        return -errno;
    HANDLE find = FindFirstFileW(w, &fd);
    free(w);
    if (find == INVALID_HANDLE_VALUE)
        return win_err(GetLastError());
    int rc = 0;
    do {
        if (wcscmp(fd.cFileName, L".") == 0 || wcscmp(fd.cFileName, L"..") == 0)
            continue;
        char *name = win_utf8(fd.cFileName);
        rc = name ? names_push(&l, name) : -ENOMEM;
        free(name);
    } while (rc == 0 && FindNextFileW(find, &fd));
    FindClose(find);
    return names_finish(&l, rc, names, count);
}

char *plat_realpath(const char *path)
{
    HANDLE h = open_w(path, 0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    wchar_t buf[32768];
    DWORD n = GetFinalPathNameByHandleW(h, buf, 32768, FILE_NAME_NORMALIZED);
    CloseHandle(h);
    if (n == 0 || n >= 32768)
        return NULL;
    /* Shown to people and compared as prefixes: drop the \\?\ of short paths. */
    const wchar_t *p = buf;
    if (wcsncmp(p, L"\\\\?\\UNC\\", 8) == 0) {
        buf[6] = L'\\';
        p = buf + 6;
    } else if (wcsncmp(p, L"\\\\?\\", 4) == 0 && wcslen(p) < MAX_PATH + 4) {
        p += 4;
    }
    return win_utf8(p);
}

char *plat_absolute_path(const char *path)
{
    wchar_t *w = win_wide(path), buf[32768];
    if (!w)
        return NULL;
    /* GetFullPathName knows drives, UNC names and each drive's own working folder. */
    DWORD n = GetFullPathNameW(w, 32768, buf, NULL);
    free(w);
    return n == 0 || n >= 32768 ? NULL : win_utf8(buf);
}

int plat_disk_free(const char *path, uint64_t *free_bytes, char **measured)
{
    char *dir = strdup(path);
    if (!dir)
        return -ENOMEM;
    /* A root not created yet is measured on the volume it will be created on. */
    while (!plat_is_dir(dir)) {
        char *cut = strrchr(dir, '\\'), *slash = strrchr(dir, '/');
        if (slash > cut)
            cut = slash;
        if (!cut || cut == dir) {
            free(dir);
            dir = strdup(".");
            break;
        }
        *cut = '\0';
    }
    wchar_t *w = dir ? win_path(dir) : NULL;
    ULARGE_INTEGER avail;
    BOOL ok = w && GetDiskFreeSpaceExW(w, &avail, NULL, NULL);
    DWORD e = GetLastError();
    free(w);
    if (!ok) {
        free(dir);
        return win_err(e);
    }
    *free_bytes = avail.QuadPart;
    if (measured)
        *measured = dir;
    else
        free(dir);
    return 0;
}

int plat_is_ram_fs(const char *path, bool *is_ram)
{
    (void)path;
    *is_ram = false; /* Windows has no tmpfs; %TEMP% is on a disk */
    return 0;
}

int plat_lock_file(const char *path, int *fd_out, long *holder)
{
    *fd_out = -1;
    *holder = 0;
    HANDLE h = open_w(path, GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL);
    if (h == INVALID_HANDLE_VALUE)
        return win_err(GetLastError());
    OVERLAPPED at = {.Offset = 0, .OffsetHigh = LOCK_OFFSET_HIGH};
    if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
        DWORD e = GetLastError();
        char buf[32] = {0};
        DWORD got = 0;
        if (ReadFile(h, buf, sizeof(buf) - 1, &got, NULL) && got > 0)
            *holder = strtol(buf, NULL, 10);
        CloseHandle(h);
        return e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING ? BS_E_LOCKED : win_err(e);
    }
    char pid[32];
    int len = snprintf(pid, sizeof(pid), "%ld\n", plat_getpid());
    DWORD put = 0;
    if (SetFilePointer(h, 0, NULL, FILE_BEGIN) == INVALID_SET_FILE_POINTER || !SetEndOfFile(h) ||
        !WriteFile(h, pid, (DWORD)len, &put, NULL) || put != (DWORD)len) {
        DWORD e = GetLastError();
        CloseHandle(h);
        return win_err(e);
    }
    /* A CRT descriptor, so the core holds the lock as an int everywhere. */
    int fd = _open_osfhandle((intptr_t)h, _O_RDWR);
    if (fd < 0) {
        CloseHandle(h);
        return -EMFILE;
    }
    *fd_out = fd;
    return 0;
}

void plat_unlock_file(int fd)
{
    if (fd >= 0)
        _close(fd); /* closing the handle releases the lock, as a dying process does */
}

int plat_open(const char *path, int flags, unsigned mode)
{
    wchar_t *w = win_path(path);
    if (!w)
        return -errno;
    int fd = _wopen(w, flags | _O_BINARY, (mode & 0200) ? _S_IREAD | _S_IWRITE : _S_IREAD);
    int e = errno;
    free(w);
    return fd >= 0 ? fd : -e;
}

FILE *plat_fopen(const char *path, const char *mode)
{
    wchar_t *w = win_path(path), *wm = win_wide(mode);
    FILE *f = w && wm ? _wfopen(w, wm) : NULL;
    free(w);
    free(wm);
    return f;
}

int plat_unlink(const char *path)
{
    wchar_t *w = win_path(path);
    BOOL ok = w && DeleteFileW(w);
    DWORD e = GetLastError();
    free(w);
    return ok ? 0 : win_err(e);
}

int plat_fd_size(int fd, int64_t *size)
{
    struct _stat64 st;
    if (_fstat64(fd, &st) != 0)
        return -errno;
    *size = (int64_t)st.st_size;
    return 0;
}

int plat_file_size(const char *path, int64_t *size)
{
    WIN32_FILE_ATTRIBUTE_DATA a;
    wchar_t *w = win_path(path);
    BOOL ok = w && GetFileAttributesExW(w, GetFileExInfoStandard, &a);
    DWORD e = GetLastError();
    free(w);
    if (!ok)
        return win_err(e);
    *size = ((int64_t)a.nFileSizeHigh << 32) | a.nFileSizeLow;
    return 0;
}

int plat_rename_replace(const char *from, const char *to)
{
    wchar_t *wf = win_path(from), *wt = win_path(to);
    BOOL ok = wf && wt && MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    DWORD e = GetLastError();
    free(wf);
    free(wt);
    return ok ? 0 : win_err(e);
}

int plat_write_file_atomic(const char *path, const void *data, size_t len, bool executable)
{
    (void)executable; /* no execute bit: .bat and .exe run by name */
    char tmp[MAX_PATH * 4];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, plat_getpid()) >= (int)sizeof(tmp))
        return -ENAMETOOLONG;
    HANDLE h = open_w(tmp, GENERIC_WRITE, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL);
    if (h == INVALID_HANDLE_VALUE)
        return win_err(GetLastError());
    const char *p = data;
    int rc = 0;
    while (rc == 0 && len > 0) {
        DWORD chunk = len > (1u << 30) ? (1u << 30) : (DWORD)len, put = 0;
        if (!WriteFile(h, p, chunk, &put, NULL))
            rc = win_err(GetLastError());
        p += put;
        len -= put;
    }
    /* Flushed before the rename, so a power cut cannot leave an empty file under the name. */
    if (rc == 0 && !FlushFileBuffers(h))
        rc = win_err(GetLastError());
    CloseHandle(h);
    if (rc == 0)
        rc = plat_rename_replace(tmp, path);
    if (rc != 0) {
        wchar_t *w = win_path(tmp);
        if (w)
            DeleteFileW(w);
        free(w);
    }
    return rc;
}

int plat_mkdir(const char *path, unsigned mode)
{
    (void)mode; /* folders inherit the parent's ACL, which is what a user's root wants */
    wchar_t *w = win_path(path);
    if (!w)
        return -errno;
    BOOL ok = CreateDirectoryW(w, NULL);
    DWORD e = GetLastError();
    free(w);
    return ok ? 0 : win_err(e);
}

int plat_make_temp_dir(char *tmpl)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0)
        return -EINVAL;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned int r;
        for (size_t i = n - 6; i < n; i++) {
            if (rand_s(&r) != 0)
                return -EIO;
            tmpl[i] = alphabet[r % (sizeof(alphabet) - 1)];
        }
        int rc = plat_mkdir(tmpl, 0700);
        if (rc != -EEXIST)
            return rc;
    }
    return -EEXIST;
}

static int remove_child(const char *path, void *user)
{
    (void)user;
    return plat_remove_tree(path);
}

int plat_remove_tree(const char *path)
{
    wchar_t *w = win_path(path);
    if (!w)
        return -errno;
    DWORD a = GetFileAttributesW(w);
    int rc = 0;
    if (a == INVALID_FILE_ATTRIBUTES) {
        DWORD e = GetLastError();
        rc = e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ? 0 : win_err(e);
        free(w);
        return rc;
    }
    if (a & FILE_ATTRIBUTE_READONLY)
        SetFileAttributesW(w, a & ~(DWORD)FILE_ATTRIBUTE_READONLY);
    if ((a & FILE_ATTRIBUTE_DIRECTORY) && !(a & FILE_ATTRIBUTE_REPARSE_POINT)) {
        rc = each_child(path, remove_child, NULL);
    }
    /* A junction or directory symlink is removed as a link, never entered. */
    if (rc == 0 && !((a & FILE_ATTRIBUTE_DIRECTORY) ? RemoveDirectoryW(w) : DeleteFileW(w)))
        rc = win_err(GetLastError());
    free(w);
    return rc;
}

int plat_pipe(int fds[2])
{
    return _pipe(fds, 1 << 16, _O_BINARY | _O_NOINHERIT) == 0 ? 0 : -errno;
}

int plat_sync_fd(int fd)
{
    return _commit(fd) == 0 ? 0 : -errno;
}

int plat_files_in_use(const char *const *paths, size_t n, size_t *which)
{
    for (size_t i = 0; i < n; i++) {
        wchar_t *w = win_path(paths[i]);
        if (!w)
            return -ENOMEM;
        /* No sharing at all: any other open handle, or the image section of a loaded DLL,
         * makes this fail, while nothing is changed by trying. */
        HANDLE h =
            CreateFileW(w, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
        DWORD e = GetLastError();
        free(w);
        if (h != INVALID_HANDLE_VALUE) {
            CloseHandle(h);
            continue;
        }
        if (e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION ||
            e == ERROR_USER_MAPPED_FILE) {
            *which = i;
            return 1;
        }
        if (e != ERROR_FILE_NOT_FOUND && e != ERROR_PATH_NOT_FOUND)
            return win_err(e);
    }
    return 0;
}

bool plat_is_link(const char *path)
{
    DWORD a = attributes(path);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_REPARSE_POINT);
}

static int size_child(const char *path, void *bytes)
{
    return plat_tree_size(path, bytes);
}

int plat_tree_size(const char *path, uint64_t *bytes)
{
    wchar_t *w = win_path(path);
    if (!w)
        return -errno;
    WIN32_FILE_ATTRIBUTE_DATA d;
    BOOL ok = GetFileAttributesExW(w, GetFileExInfoStandard, &d);
    DWORD e = GetLastError();
    free(w);
    if (!ok)
        return e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ? 0 : win_err(e);
    if (d.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
        return 0; /* a junction or link: not ours to measure through */
    if (!(d.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
        *bytes += ((uint64_t)d.nFileSizeHigh << 32) | d.nFileSizeLow;
        return 0;
    }
    return each_child(path, size_child, bytes);
}

char *plat_self_exe(void)
{
    wchar_t path[32768];
    DWORD n = GetModuleFileNameW(NULL, path, sizeof(path) / sizeof(path[0]));
    return n > 0 && n < sizeof(path) / sizeof(path[0]) ? win_utf8(path) : NULL;
}

int plat_make_executable(const char *path)
{
    (void)path; /* a .exe runs by its name */
    return 0;
}
