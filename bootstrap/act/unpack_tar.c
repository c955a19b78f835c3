/*
 * unpack_tar.c: tar archives through libarchive, every entry checked by the path policy
 * before libarchive writes it (with its own ARCHIVE_EXTRACT_SECURE_* checks as a second
 * line), into a realpath'd staging directory.
 */
#include "act/path_policy.h"
#include "act/unpack.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int refuse(bs_error *err, const char *name, const char *why)
{
    return bs_error_set(err, BS_E_INTEGRITY, "archive entry '%s' refused: %s", name, why);
}

/* Checks one entry against the policy and rewrites its paths below root. */
static int vet_entry(struct archive_entry *e, const char *root, bs_name_set *seen,
                     const bs_unpack_limits *lim, uint64_t *total, bs_error *err)
{
    const char *name = archive_entry_pathname(e), *why = NULL;
    char rel[PATH_MAX], full[PATH_MAX];
    if (!name)
        return refuse(err, "", "no name");
    if (bs_path_check(name, seen, rel, sizeof(rel), &why) != 0)
        return refuse(err, name, why);
    mode_t type = archive_entry_filetype(e);
    const char *hard = archive_entry_hardlink(e);
    if (hard) {
        char target[PATH_MAX];
        /* A hard link may only join two names inside, and carries no data of its own. */
        if (bs_path_check(hard, NULL, target, sizeof(target), &why) != 0)
            return refuse(err, name, "hard link target outside the archive");
        if (archive_entry_size(e) > 0)
            return refuse(err, name, "hard link carrying data");
        if (bs_path_join(full, sizeof(full), root, target) != 0)
            return refuse(err, name, "path too long");
        archive_entry_copy_hardlink(e, full);
    } else if (type == AE_IFLNK) {
        const char *target = archive_entry_symlink(e);
        if (!target || !bs_link_target_inside(rel, target))
            return refuse(err, name, "symbolic link pointing outside the root");
    } else if (type != AE_IFREG && type != AE_IFDIR) {
        return refuse(err, name, "device, FIFO or socket");
    }
    int64_t size = archive_entry_size(e);
    if (size < 0 || (uint64_t)size > lim->max_total_bytes - *total)
        return refuse(err, name, "the archive unpacks to more than the size cap");
    *total += (uint64_t)size;
    /* setuid, setgid, sticky and group/world write never survive extraction. */
    archive_entry_set_perm(e, archive_entry_perm(e) & 0755);
    archive_entry_set_uid(e, 0);
    archive_entry_set_gid(e, 0);
    if (bs_path_join(full, sizeof(full), root, rel) != 0)
        return refuse(err, name, "path too long");
    archive_entry_copy_pathname(e, full);
    return 0;
}

static int copy_data(struct archive *in, struct archive *out, const char *name, bs_error *err)
{
    const void *buf;
    size_t len;
    la_int64_t off;
    for (;;) {
        int r = archive_read_data_block(in, &buf, &len, &off);
        if (r == ARCHIVE_EOF)
            return 0;
        if (r != ARCHIVE_OK)
            return bs_error_set(err, BS_E_INTEGRITY, "archive damaged at '%s': %s", name,
                                archive_error_string(in));
        if (archive_write_data_block(out, buf, len, off) != ARCHIVE_OK)
            return bs_error_set(err, BS_E_FILESYSTEM, "cannot write '%s': %s", name,
                                archive_error_string(out));
    }
}

/* The extraction itself, from a file (archive) or, when archive is NULL, from fd. */
static int unpack(const char *archive, int fd, const char *staging_dir, const bs_unpack_limits *lim,
                  bs_error *err)
{
    struct archive *in = archive_read_new(), *out = archive_write_disk_new();
    struct archive_entry *e;
    bs_name_set seen;
    uint64_t total = 0, entries = 0;
    int rc = 0;
    char *root = plat_realpath(staging_dir);

    bs_name_set_init(&seen);
    if (!in || !out || !root) {
        rc = bs_error_set(err, root ? BS_E_NOMEM : -errno, "cannot prepare %s", staging_dir);
        goto cleanup;
    }
    archive_read_support_format_tar(in);
    archive_read_support_filter_gzip(in);
    archive_read_support_filter_xz(in);
    archive_read_support_filter_zstd(in);
    /* Entries are rewritten to <realpath(staging)>/<checked name>, so libarchive's
     * no-absolute-paths check would refuse them all; the policy refused absolute names
     * already, and the symlink and ".." checks stay on as a second line. */
    archive_write_disk_set_options(
        out, ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                 ARCHIVE_EXTRACT_NO_OVERWRITE | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME);
    if ((archive ? archive_read_open_filename(in, archive, 1 << 16)
                 : archive_read_open_fd(in, fd, 1 << 17)) != ARCHIVE_OK) {
        rc = bs_error_set(err, BS_E_INTEGRITY, "cannot read %s: %s",
                          archive ? archive : "the download", archive_error_string(in));
        goto cleanup;
    }
    for (;;) {
        int r = archive_read_next_header(in, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r != ARCHIVE_OK) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "%s is damaged or not a tar archive: %s",
                              archive ? archive : "the download", archive_error_string(in));
            goto cleanup;
        }
        char name[PATH_MAX];
        bs_strlcpy(name, archive_entry_pathname(e) ? archive_entry_pathname(e) : "", sizeof(name));
        if (++entries > lim->max_entries) {
            rc = refuse(err, name, "more entries than the cap");
            goto cleanup;
        }
        if ((rc = vet_entry(e, root, &seen, lim, &total, err)) != 0)
            goto cleanup;
        if (archive_write_header(out, e) != ARCHIVE_OK) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "cannot extract '%s': %s", name,
                              archive_error_string(out));
            goto cleanup;
        }
        if (archive_entry_size(e) > 0 && (rc = copy_data(in, out, name, err)) != 0)
            goto cleanup;
        if (archive_write_finish_entry(out) != ARCHIVE_OK) {
            rc = bs_error_set(err, BS_E_FILESYSTEM, "cannot finish '%s': %s", name,
                              archive_error_string(out));
            goto cleanup;
        }
    }
cleanup:
    if (in)
        archive_read_free(in);
    if (out)
        archive_write_free(out);
    bs_name_set_free(&seen);
    free(root);
    return rc;
}

int bs_unpack_tar(const char *archive, const char *staging_dir, const bs_unpack_limits *lim,
                  bs_error *err)
{
    return unpack(archive, -1, staging_dir, lim, err);
}

int bs_unpack_tar_fd(int fd, const char *staging_dir, const bs_unpack_limits *lim, bs_error *err)
{
    return unpack(NULL, fd, staging_dir, lim, err);
}
