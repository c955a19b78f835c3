/*
 * cudnn_source.c: finding the DLL set and the version in NVIDIA's zip or folder.
 */
#include "act/cudnn_source.h"
#include "act/file_copy.h"
#include "act/path_policy.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_pe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unzip.h>

#define MAX_ZIP_ENTRIES 100000
#define MAX_HEADER_BYTES (256u << 10)
#define MAX_SHIM_BYTES (64u << 20) /* the loader DLL is ~300 KiB; the engines are huge */

/* Splits a normalized path into at most 5 components; returns how many (6: too many). */
static int split(char *rel, char *parts[5])
{
    int n = 0;
    for (char *p = rel; p; n++) {
        if (n == 5)
            return 6;
        parts[n] = p;
        p = strchr(p, '/');
        if (p)
            *p++ = '\0';
    }
    return n;
}

/* [top/]bin/[x64/]<file> -> file; [top/]include/cudnn_version.h -> "header". */
static const char *classify(const char *rel, bool *is_header)
{
    char copy[PATH_MAX], *parts[5];
    bs_strlcpy(copy, rel, sizeof(copy));
    int n = split(copy, parts);
    *is_header = false;
    if (n < 2 || n > 4)
        return NULL;
    int at = n >= 3 && !bs_equals_nocase(parts[0], "bin") && !bs_equals_nocase(parts[0], "include")
                 ? 1
                 : 0;
    const char *file = rel + (parts[n - 1] - copy);
    if (n - at == 2 && bs_equals_nocase(parts[at], "include") &&
        bs_equals_nocase(parts[n - 1], "cudnn_version.h")) {
        *is_header = true;
        return file;
    }
    if (!bs_equals_nocase(parts[at], "bin"))
        return NULL;
    if (n - at == 2 || (n - at == 3 && bs_equals_nocase(parts[at + 1], "x64")))
        return bs_cudnn_dll_major(parts[n - 1]) >= 0 ? file : NULL;
    return NULL;
}

static int add_dll(bs_cudnn_source *s, const char *name, const char *member, uint64_t size,
                   bs_error *err)
{
    int major = bs_cudnn_dll_major(name);
    for (int i = 0; i < s->count; i++)
        if (bs_equals_nocase(s->dlls[i].name, name))
            return bs_error_set(err, BS_E_INTEGRITY, "%s holds %s twice (%s and %s)", s->path, name,
                                s->dlls[i].member, member);
    if (s->count && major != s->dll_major)
        return bs_error_set(err, BS_E_INTEGRITY, "%s mixes cuDNN %d and cuDNN %d DLLs", s->path,
                            s->dll_major, major);
    if (s->count == BS_CUDNN_MAX_DLLS)
        return bs_error_set(err, BS_E_INTEGRITY, "%s holds too many cuDNN DLLs", s->path);
    bs_cudnn_source_dll *d = &s->dlls[s->count++];
    bs_strlcpy(d->name, name, sizeof(d->name));
    bs_strlcpy(d->member, member, sizeof(d->member));
    d->size = size;
    s->dll_major = major;
    return 0;
}

/* Reads the current zip entry (at most max bytes) into a NUL-terminated buffer. */
static int read_zip_entry(unzFile zf, uint64_t size, size_t max, char **out)
{
    if (size > max || unzOpenCurrentFile(zf) != UNZ_OK)
        return BS_E_INTEGRITY;
    char *buf = malloc((size_t)size + 1);
    int got = buf ? unzReadCurrentFile(zf, buf, (unsigned)size) : -1;
    int crc = unzCloseCurrentFile(zf);
    if (got < 0 || (uint64_t)got != size || crc != UNZ_OK) {
        free(buf);
        return BS_E_INTEGRITY;
    }
    buf[size] = '\0';
    *out = buf;
    return 0;
}

static void version_from_shim(bs_cudnn_source *s, const unsigned char *data, size_t len)
{
    unsigned v[4];
    bs_pe_buffer b = {data, len};
    if (bs_pe_file_version(bs_pe_read_buffer, &b, v) == 0 && v[0] == (unsigned)s->dll_major) {
        s->version = (bs_cudnn_version){v[0], v[1], v[2], v[3]};
        s->version_from = "the loader DLL's version resource";
    }
}

static int open_zip(bs_cudnn_source *s, bs_error *err)
{
    unzFile zf = unzOpen64(s->path);
    bs_name_set seen;
    char *header = NULL, shim_member[PATH_MAX] = "";
    uint64_t shim_size = 0, entries = 0;
    int rc = 0;
    if (!zf)
        return bs_error_set(err, BS_E_INTEGRITY, "%s is damaged or not a zip archive", s->path);
    s->zip = zf;
    bs_name_set_init(&seen);
    for (int r = unzGoToFirstFile(zf); r == UNZ_OK && rc == 0; r = unzGoToNextFile(zf)) {
        unz_file_info64 info;
        char name[PATH_MAX], rel[PATH_MAX];
        const char *why = NULL;
        bool is_header;
        if (unzGetCurrentFileInfo64(zf, &info, name, sizeof(name), NULL, 0, NULL, 0) != UNZ_OK ||
            ++entries > MAX_ZIP_ENTRIES) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "%s has a damaged directory", s->path);
            break;
        }
        unsigned mode = (unsigned)(info.external_fa >> 16);
        if (bs_path_check(name, &seen, rel, sizeof(rel), &why) != 0 ||
            ((mode & S_IFMT) != 0 && !S_ISREG(mode) && !S_ISDIR(mode))) {
            rc = bs_error_set(err, BS_E_INTEGRITY, "archive entry '%s' refused: %s", name,
                              why ? why : "symbolic link, device or FIFO in a zip");
            break;
        }
        const char *file = classify(rel, &is_header);
        if (!file || name[strlen(name) - 1] == '/')
            continue;
        if (is_header) {
            free(header);
            header = NULL;
            if (read_zip_entry(zf, info.uncompressed_size, MAX_HEADER_BYTES, &header) != 0)
                rc = bs_error_set(err, BS_E_INTEGRITY, "'%s' in %s is damaged", name, s->path);
            continue;
        }
        rc = add_dll(s, file, name, info.uncompressed_size, err);
        if (rc == 0 && bs_cudnn_dll_is_shim(file)) {
            bs_strlcpy(shim_member, name, sizeof(shim_member));
            shim_size = info.uncompressed_size;
        }
    }
    bs_name_set_free(&seen);
    if (rc == 0 && header && bs_cudnn_parse_version_header(header, &s->version) == 0)
        s->version_from = "cudnn_version.h";
    free(header);
    if (rc == 0 && !s->version.major && shim_member[0] &&
        unzLocateFile(zf, shim_member, 1) == UNZ_OK) {
        char *data = NULL;
        if (read_zip_entry(zf, shim_size, MAX_SHIM_BYTES, &data) == 0)
            version_from_shim(s, (const unsigned char *)data, (size_t)shim_size);
        free(data);
    }
    return rc;
}

/* The folder that holds bin\: PATH itself, or its only subfolder (an archive unpacked
 * into a folder of its own). */
static int folder_base(const char *path, char *base, size_t size)
{
    char probe[PATH_MAX], **names = NULL;
    size_t n = 0;
    int found = 0;
    if (bs_path_join(probe, sizeof(probe), path, "bin") == 0 && plat_is_dir(probe))
        return (int)bs_strlcpy(base, path, size) < (int)size ? 0 : BS_E_USAGE;
    if (plat_list_dir(path, &names, &n) != 0)
        return BS_E_NOT_FOUND;
    for (size_t i = 0; i < n; i++) {
        char sub[PATH_MAX];
        if (bs_path_join(sub, sizeof(sub), path, names[i]) == 0 &&
            bs_path_join(probe, sizeof(probe), sub, "bin") == 0 && plat_is_dir(probe)) {
            bs_strlcpy(base, sub, size);
            found++;
        }
    }
    plat_free_names(names, n);
    return found == 1 ? 0 : BS_E_NOT_FOUND;
}

static int scan_folder_bin(bs_cudnn_source *s, const char *bin, bs_error *err)
{
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    if (plat_list_dir(bin, &names, &n) != 0)
        return 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char file[PATH_MAX];
        int64_t size = 0;
        if (bs_cudnn_dll_major(names[i]) < 0 ||
            bs_path_join(file, sizeof(file), bin, names[i]) != 0 || plat_is_dir(file) ||
            plat_file_size(file, &size) != 0)
            continue;
        rc = add_dll(s, names[i], file, (uint64_t)size, err);
    }
    plat_free_names(names, n);
    return rc;
}

static int open_folder(bs_cudnn_source *s, bs_error *err)
{
    char base[PATH_MAX], bin[PATH_MAX], x64[PATH_MAX], header_path[PATH_MAX];
    char *header = NULL;
    if (folder_base(s->path, base, sizeof(base)) != 0)
        return bs_error_set(err, BS_E_INTEGRITY, "%s has no bin folder: not a cuDNN for Windows",
                            s->path);
    int cuda = 0;
    bs_cudnn_version from_name;
    if (bs_cudnn_parse_archive_name(base, &from_name, &cuda) == 0)
        s->cuda_major = cuda;
    int rc = bs_path_join(bin, sizeof(bin), base, "bin");
    if (rc == 0)
        rc = bs_path_join(x64, sizeof(x64), bin, "x64");
    if (rc == 0)
        rc = scan_folder_bin(s, bin, err);
    if (rc == 0)
        rc = scan_folder_bin(s, x64, err);
    if (rc == 0 &&
        bs_path_join(header_path, sizeof(header_path), base, "include/cudnn_version.h") == 0 &&
        plat_read_file(header_path, MAX_HEADER_BYTES, &header, NULL) == 0 &&
        bs_cudnn_parse_version_header(header, &s->version) == 0)
        s->version_from = "cudnn_version.h";
    free(header);
    for (int i = 0; rc == 0 && !s->version.major && i < s->count; i++)
        if (bs_cudnn_dll_is_shim(s->dlls[i].name) &&
            bs_pe_version_of_file(s->dlls[i].member, &s->version) == 0)
            s->version_from = "the loader DLL's version resource";
    return rc;
}

int bs_cudnn_source_open(const char *path, bs_cudnn_source *s, bs_error *err)
{
    memset(s, 0, sizeof(*s));
    if (bs_strlcpy(s->path, path, sizeof(s->path)) >= sizeof(s->path))
        return bs_error_set(err, BS_E_USAGE, "the path of the cuDNN archive is too long");
    if (!plat_exists(path))
        return bs_error_set(err, BS_E_NOT_FOUND, "%s: no such file or folder", path);
    int rc = plat_is_dir(path) ? open_folder(s, err) : open_zip(s, err);
    if (rc)
        return rc;
    if (s->zip) {
        bs_cudnn_version from_name;
        int cuda = 0;
        if (bs_cudnn_parse_archive_name(path, &from_name, &cuda) == 0) {
            s->cuda_major = cuda;
            if (!s->version.major) {
                s->version = from_name;
                s->version_from = "the archive's name";
            } else if (bs_cudnn_compare(&s->version, &from_name) == 0 && !s->version.build)
                s->version.build = from_name.build; /* the header has no build number */
        }
    } else if (s->version.major && !s->version.build) {
        bs_cudnn_version from_name;
        int cuda;
        char base[PATH_MAX];
        if (folder_base(path, base, sizeof(base)) == 0 &&
            bs_cudnn_parse_archive_name(base, &from_name, &cuda) == 0 &&
            bs_cudnn_compare(&s->version, &from_name) == 0)
            s->version.build = from_name.build;
    }
    if (s->count == 0)
        return bs_error_set(err, BS_E_INTEGRITY,
                            "%s holds no bin\\cudnn*64_N.dll: not a cuDNN for Windows", path);
    bool shim = false;
    for (int i = 0; i < s->count; i++)
        shim = shim || bs_cudnn_dll_is_shim(s->dlls[i].name);
    if (!shim)
        return bs_error_set(err, BS_E_INTEGRITY, "%s has no cudnn64_%d.dll: an incomplete cuDNN",
                            path, s->dll_major);
    return 0;
}

void bs_cudnn_source_close(bs_cudnn_source *s)
{
    if (s && s->zip) {
        unzClose(s->zip);
        s->zip = NULL;
    }
}

typedef struct zip_reader {
    unzFile zf;
    uint64_t got, declared;
} zip_reader;

static ssize_t zip_read(void *user, void *buf, size_t cap)
{
    zip_reader *z = user;
    int n = unzReadCurrentFile(z->zf, buf, (unsigned)(cap > (1u << 30) ? 1u << 30 : cap));
    if (n < 0)
        return BS_E_INTEGRITY;
    z->got += (uint64_t)n;
    return z->got > z->declared ? BS_E_INTEGRITY : n;
}

int bs_cudnn_source_extract(bs_cudnn_source *s, int i, const char *dst, char sha[65], bs_error *err)
{
    const bs_cudnn_source_dll *d = &s->dlls[i];
    int64_t size = 0;
    int rc;
    if (!s->zip) {
        rc = bs_copy_to_new_file(d->member, dst, sha, &size);
    } else if (unzLocateFile(s->zip, d->member, 1) != UNZ_OK ||
               unzOpenCurrentFile(s->zip) != UNZ_OK) {
        return bs_error_set(err, BS_E_INTEGRITY, "'%s' in %s is damaged", d->member, s->path);
    } else {
        zip_reader z = {s->zip, 0, d->size};
        rc = bs_stream_to_new_file(zip_read, &z, dst, sha, &size);
        if (unzCloseCurrentFile(s->zip) != UNZ_OK && rc == 0) {
            rc = BS_E_INTEGRITY;
            plat_remove_tree(dst);
        }
    }
    if (rc == BS_E_INTEGRITY || (rc == 0 && (uint64_t)size != d->size)) {
        plat_remove_tree(dst);
        return bs_error_set(err, BS_E_INTEGRITY, "'%s' in %s fails its CRC or size check",
                            d->member, s->path);
    }
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot write %s: %s", dst, bs_code_str(rc));
    return 0;
}
