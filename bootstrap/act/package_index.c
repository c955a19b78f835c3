/*
 * package_index.c: project pages from an index or a wheel folder, and wheel metadata.
 */
#include "act/package_index.h"
#include "act/hash.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

/* pip's own preference order, so mirrors answer us as they answer pip. */
#define SIMPLE_ACCEPT                                                                              \
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, "            \
    "text/html; q=0.01"

static int list_remote(const char *index_url, const char *project, const bs_fetch_options *fo,
                       bs_index_page *page, bs_error *err)
{
    char url[1024], ctype[128];
    char *body = NULL;
    size_t len = strlen(index_url);
    snprintf(url, sizeof(url), "%s%s%s/", index_url, len && index_url[len - 1] == '/' ? "" : "/",
             project);
    /* download.pytorch.org's torch page lists thousands of wheels: a few MB of HTML. */
    int rc = bs_fetch_text_ex(url, fo, 64u << 20, SIMPLE_ACCEPT, &body, ctype, sizeof(ctype), err);
    if (rc == BS_E_NOT_FOUND) {
        bs_error_init(err);
        return 0;
    }
    if (rc)
        return rc;
    rc = bs_index_parse(body, ctype, url, page);
    free(body);
    if (rc == BS_E_PARSE)
        return bs_error_set(err, rc, "%s: not a package index page", url);
    return rc;
}

static int list_folder(const char *dir, const char *project, bs_index_page *page, bs_error *err)
{
    char **names = NULL;
    size_t count = 0;
    int rc = plat_list_dir(dir, &names, &count);
    if (rc)
        return bs_error_set(err, BS_E_USAGE, "--find-links %s: %s", dir, bs_code_str(rc));
    for (size_t i = 0; i < count && rc == 0; i++) {
        bs_wheel_name w;
        if (!bs_wheel_name_parse(names[i], &w) || strcmp(w.name, project) != 0)
            continue;
        bs_index_file *files = realloc(page->files, (page->count + 1) * sizeof(*files));
        if (!files) {
            rc = BS_E_NOMEM;
            break;
        }
        page->files = files;
        bs_index_file *f = &page->files[page->count++];
        memset(f, 0, sizeof(*f));
        bs_strlcpy(f->filename, names[i], sizeof(f->filename));
        /* A local path, not a URL: bs_wheel_metadata reads it in place. */
        if (bs_path_join(f->url, sizeof(f->url), dir, names[i]) != 0)
            page->count--;
    }
    plat_free_names(names, count);
    return rc;
}

int bs_index_list(const char *index_url, const char *find_links, const char *project,
                  const bs_fetch_options *fo, bs_index_page *page, bs_error *err)
{
    int rc = 0;
    if (find_links)
        rc = list_folder(find_links, project, page, err);
    if (rc == 0 && index_url)
        rc = list_remote(index_url, project, fo, page, err);
    return rc;
}

/* METADATA of a wheel file on disk: the one <name>.dist-info/METADATA at the top. */
static int metadata_from_wheel(const char *path, char **out, bs_error *err)
{
    unzFile zf = unzOpen64(path);
    int rc = BS_E_INTEGRITY;
    if (!zf)
        return bs_error_set(err, BS_E_INTEGRITY, "%s: not a wheel (zip) file", path);
    for (int r = unzGoToFirstFile(zf); r == UNZ_OK; r = unzGoToNextFile(zf)) {
        char name[512];
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(zf, &info, name, sizeof(name), NULL, 0, NULL, 0) != UNZ_OK)
            break;
        const char *slash = strchr(name, '/');
        if (!slash || strcmp(slash, "/METADATA") != 0 || slash - name < 10 ||
            strncmp(slash - 10, ".dist-info", 10) != 0)
            continue;
        if (info.uncompressed_size > (4u << 20) || unzOpenCurrentFile(zf) != UNZ_OK)
            break;
        char *text = malloc((size_t)info.uncompressed_size + 1);
        int got = text ? unzReadCurrentFile(zf, text, (unsigned)info.uncompressed_size) : -1;
        if (unzCloseCurrentFile(zf) == UNZ_OK && got == (int)info.uncompressed_size) {
            text[got] = '\0';
            *out = text;
            rc = 0;
        } else {
            free(text);
        }
        break;
    }
    unzClose(zf);
    if (rc)
        return bs_error_set(err, rc, "%s: no readable .dist-info/METADATA in the wheel", path);
    return 0;
}

int bs_wheel_metadata(const bs_index_file *f, const bs_fetch_options *fo, char **out, bs_error *err)
{
    *out = NULL;
    if (!strstr(f->url, "://"))
        return metadata_from_wheel(f->url, out, err);
    if (f->has_metadata) {
        char url[1100];
        snprintf(url, sizeof(url), "%s.metadata", f->url);
        int rc = bs_fetch_text(url, fo, 4u << 20, out, err);
        if (rc == 0 && f->metadata_sha256[0]) {
            char hex[65] = "";
            bs_sha256 h;
            if (bs_sha256_init(&h) == 0) {
                bs_sha256_update(&h, *out, strlen(*out));
                bs_sha256_final_hex(&h, hex);
                bs_sha256_free(&h);
            }
            if (strcmp(hex, f->metadata_sha256) != 0) {
                free(*out);
                *out = NULL;
                return bs_error_set(err, BS_E_INTEGRITY, "%s: SHA-256 %s, the index says %s", url,
                                    hex, f->metadata_sha256);
            }
        }
        if (rc == 0)
            return 0;
        bs_error_init(err); /* a missing .metadata is not fatal: read the wheel */
    }
    if (!f->sha256[0])
        return bs_error_set(err, BS_E_INTEGRITY,
                            "%s: the index gives no SHA-256 for it, so it cannot be verified",
                            f->url);
    bs_artifact art = {.name = f->filename, .urls = {f->url}, .url_count = 1, .sha256 = f->sha256};
    bs_fetch_result res;
    int rc = bs_fetch(&art, 1, fo, &res);
    if (rc) {
        *err = res.err;
        return rc;
    }
    return metadata_from_wheel(res.path, out, err);
}
