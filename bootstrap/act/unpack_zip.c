/*
 * unpack_zip.c: zip archives through minizip, with our own checks: minizip writes
 * nothing itself, so every name goes through the path policy, every file is created new
 * (O_EXCL, no symlinks followed), only files and directories are accepted, and the bytes
 * actually inflated are counted against both the entry's declared size (a central
 * directory that lies is refused) and the archive's cap.
 */
#include "act/path_policy.h"
#include "act/unpack.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>

static int refuse(bs_error *err, const char *name, const char *why)
{
    return bs_error_set(err, BS_E_INTEGRITY, "archive entry '%s' refused: %s", name, why);
}

/* Creates each parent directory of rel below root (mode 0755). */
static int make_parents(const char *root, const char *rel)
{
    char path[PATH_MAX];
    if (bs_path_join(path, sizeof(path), root, rel) != 0)
        return -ENAMETOOLONG;
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (plat_mkdir(path, 0755) != 0 && !plat_is_dir(path))
            return -errno;
        *p = '/';
    }
    return 0;
}

static int extract_file(unzFile zf, const char *root, const char *rel, const char *name,
                        uint64_t declared, uint64_t *total, const bs_unpack_limits *lim,
                        bool executable, bs_error *err)
{
    char path[PATH_MAX], buf[1 << 16];
    uint64_t got = 0;
    int rc = 0, fd;
    if (make_parents(root, rel) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create the folders of '%s'", name);
    if (bs_path_join(path, sizeof(path), root, rel) != 0)
        return refuse(err, name, "path too long");
    if (unzOpenCurrentFile(zf) != UNZ_OK)
        return bs_error_set(err, BS_E_INTEGRITY,
                            "'%s': its local header disagrees with the zip's directory, or "
                            "the entry is damaged",
                            name);
    fd = plat_open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   executable ? 0755 : 0644);
    if (fd < 0) {
        unzCloseCurrentFile(zf);
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create '%s': %s", path, strerror(-fd));
    }
    for (;;) {
        int n = unzReadCurrentFile(zf, buf, sizeof(buf));
        if (n < 0) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "'%s' is damaged in the zip", name);
            break;
        }
        if (n == 0)
            break;
        got += (uint64_t)n;
        if (got > declared) {
            rc = refuse(err, name, "more data than its directory entry declares");
            break;
        }
        if (*total + (uint64_t)n > lim->max_total_bytes) {
            rc = refuse(err, name, "the archive unpacks to more than the size cap");
            break;
        }
        *total += (uint64_t)n;
        if (write(fd, buf, (size_t)n) != n) {
            rc = bs_error_set(err, BS_E_FILESYSTEM, "cannot write '%s': %s", path, strerror(errno));
            break;
        }
    }
    /* minizip checks the CRC when the entry is closed after a full read. */
    if (unzCloseCurrentFile(zf) != UNZ_OK && rc == 0)
        rc = bs_error_set(err, BS_E_INTEGRITY, "'%s' fails its CRC check", name);
    if (rc == 0 && got != declared)
        rc = refuse(err, name, "less data than its directory entry declares");
    close(fd);
    return rc;
}

int bs_unpack_zip(const char *archive, const char *staging_dir, const bs_unpack_limits *lim,
                  bs_error *err)
{
    unzFile zf = unzOpen64(archive);
    bs_name_set seen;
    uint64_t total = 0, entries = 0;
    int rc = 0;
    bs_name_set_init(&seen);
    if (!zf)
        return bs_error_set(err, BS_E_INTEGRITY, "%s is damaged or not a zip archive", archive);
    for (int r = unzGoToFirstFile(zf); r == UNZ_OK; r = unzGoToNextFile(zf)) {
        unz_file_info64 info;
        char name[PATH_MAX], rel[PATH_MAX];
        const char *why = NULL;
        if (unzGetCurrentFileInfo64(zf, &info, name, sizeof(name), NULL, 0, NULL, 0) != UNZ_OK) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "%s has a damaged directory", archive);
            break;
        }
        if (++entries > lim->max_entries) {
            rc = refuse(err, name, "more entries than the cap");
            break;
        }
        size_t len = strlen(name);
        bool is_dir = len > 0 && name[len - 1] == '/';
        unsigned mode = (unsigned)(info.external_fa >> 16); /* Unix mode when made on Unix */
        if ((mode & S_IFMT) != 0 && !S_ISREG(mode) && !S_ISDIR(mode)) {
            rc = refuse(err, name, "symbolic link, device or FIFO in a zip");
            break;
        }
        if (bs_path_check(name, &seen, rel, sizeof(rel), &why) != 0) {
            rc = refuse(err, name, why);
            break;
        }
        if (info.uncompressed_size > lim->max_total_bytes - total) {
            rc = refuse(err, name, "the archive unpacks to more than the size cap");
            break;
        }
        if (is_dir) {
            char path[PATH_MAX];
            rc = bs_path_join(path, sizeof(path), staging_dir, rel);
            if (rc == 0 && (rc = make_parents(staging_dir, rel)) == 0 &&
                (rc = plat_mkdir(path, 0755)) == -EEXIST && plat_is_dir(path))
                rc = 0;
            if (rc) {
                rc = bs_error_set(err, BS_E_FILESYSTEM, "cannot create '%s'", path);
                break;
            }
            continue;
        }
        rc = extract_file(zf, staging_dir, rel, name, info.uncompressed_size, &total, lim,
                          (mode & 0111) != 0, err);
        if (rc)
            break;
    }
    unzClose(zf);
    bs_name_set_free(&seen);
    return rc;
}
