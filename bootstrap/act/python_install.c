/*
 * python_install.c: installing the managed Python.
 */
#include "core/root_layout.h"
#include "act/python_install.h"
#include "act/fs_tree.h"
#include "act/unpack.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_python.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECEIPT "invokeai-bootstrap-python.json"
#define RUN_TIMEOUT_MS 60000
/* Without a pinned size, plan for a typical install_only_stripped archive (~30 MB). */
#define DEFAULT_ARCHIVE_BYTES (64LL << 20)
/* CPython unpacks to about four times its gzip archive. */
#define UNPACK_FACTOR 4

static bool series_matches(const char *version, const char *series)
{
    size_t n = series ? strlen(series) : 0;
    return n == 0 || (strncmp(version, series, n) == 0 && (version[n] == '.' || !version[n]));
}

int bs_managed_python_find(const char *root, const char *series, bs_managed_python *out)
{
    char path[PATH_MAX], note[128];
    char *text = NULL;
    bs_python_answer ans;
    memset(out, 0, sizeof(*out));
    char dir[PATH_MAX];
    if (bs_root_path(root, BS_ROOT_PYTHON, dir, sizeof(dir)) != 0 ||
        bs_path_join(path, sizeof(path), dir, RECEIPT) != 0 ||
        plat_read_file(path, 64 * 1024, &text, NULL) != 0)
        return BS_E_NOT_FOUND;
    cJSON *j = cJSON_Parse(text);
    free(text);
    const cJSON *rel = cJSON_GetObjectItemCaseSensitive(j, "executable_relpath");
    int rc = BS_E_NOT_FOUND;
    if (cJSON_IsString(rel) && !strstr(rel->valuestring, "..") &&
        bs_path_join(out->executable, sizeof(out->executable), dir, rel->valuestring) == 0 &&
        bs_python_query(out->executable, RUN_TIMEOUT_MS, &ans, note, sizeof(note)) == 0 &&
        series_matches(ans.version, series)) {
        bs_strlcpy(out->version, ans.version, sizeof(out->version));
        rc = 0;
    }
    cJSON_Delete(j);
    return rc;
}

static int check_space(const bs_python_install_options *opt, const bs_python_build *b,
                       bs_error *err)
{
    uint64_t free_bytes = 0;
    char *where = NULL;
    long long archive = b->size > 0 ? b->size : DEFAULT_ARCHIVE_BYTES;
    long long need = archive * (1 + UNPACK_FACTOR);
    if (plat_disk_free(opt->root, &free_bytes, &where) != 0)
        return 0; /* unknown: the writes themselves will say */
    int rc = 0;
    if ((long long)free_bytes < need)
        rc = bs_error_set(err, BS_E_FILESYSTEM,
                          "not enough free space at %s: Python %s needs %lld MiB (download and "
                          "unpacked), %llu MiB are free",
                          where, b->version, need >> 20, (unsigned long long)(free_bytes >> 20));
    if (rc)
        bs_error_hint(err, "free up space, or choose another --root");
    free(where);
    return rc;
}

static int write_receipt(const char *dir, const bs_python_build *b)
{
    char path[PATH_MAX];
    if (bs_path_join(path, sizeof(path), dir, RECEIPT) != 0)
        return BS_E_FILESYSTEM;
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "version", b->version);
    cJSON_AddStringToObject(j, "executable_relpath", b->executable_relpath);
    cJSON_AddStringToObject(j, "sha256", b->sha256);
    cJSON_AddStringToObject(j, "url", b->url);
    char *text = cJSON_Print(j);
    cJSON_Delete(j);
    FILE *f = text ? plat_fopen(path, "w") : NULL;
    int rc = f && fputs(text, f) >= 0 ? 0 : BS_E_FILESYSTEM;
    if (f && fclose(f) != 0)
        rc = BS_E_FILESYSTEM;
    free(text);
    return rc;
}

/* Runs the staged interpreter: it must start here and be the version pinned. Its answer
 * goes into ans, so the installed Python need not be asked again after the rename. */
static int verify_staged(const char *staging, const bs_python_build *b, bs_python_answer *ans,
                         bs_error *err)
{
    char exe[PATH_MAX], note[128];
    if (bs_path_join(exe, sizeof(exe), staging, b->executable_relpath) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "path too long: %s", staging);
    if (bs_python_query(exe, RUN_TIMEOUT_MS, ans, note, sizeof(note)) != 0)
        return bs_error_set(err, BS_E_INTEGRITY, "the downloaded Python %s %s (%s)", b->version,
                            note, exe);
    if (!series_matches(ans->version, b->version))
        return bs_error_set(err, BS_E_INTEGRITY, "the downloaded Python says it is %s, not %s",
                            ans->version, b->version);
    return 0;
}

/* Puts staging in place of <root>/.python; an old broken one is moved aside first. */
static int commit_staging(const char *root, const char *staging, bs_error *err)
{
    char final[PATH_MAX], old[PATH_MAX];
    char suffix[32];
    snprintf(suffix, sizeof(suffix), ".old-%ld", plat_getpid());
    if (bs_root_path(root, BS_ROOT_PYTHON, final, sizeof(final)) != 0 ||
        bs_root_python_sibling(root, suffix, old, sizeof(old)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "path too long: %s", root);
    bool had_old = plat_exists(final);
    if (had_old && plat_rename_replace(final, old) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot move %s aside: %s", final,
                            strerror(errno));
    if (plat_rename_replace(staging, final) != 0) {
        int e = errno;
        if (had_old)
            plat_rename_replace(old, final);
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot rename %s to %s: %s", staging, final,
                            strerror(e));
    }
    if (had_old)
        bs_remove_tree(old);
    return 0;
}

/* Extraction while the archive arrives: the download's bytes go through a pipe to a thread
 * that unpacks them into the staging folder. The result counts only if the stream was the
 * whole verified file in order (no restart, no resume, not from the cache); otherwise the
 * staging folder is made anew from the verified file. Nothing leaves staging before the
 * hash matched. */
struct streamer {
    int wfd, rfd;
    int64_t next; /* the offset the next bytes must have */
    bool abandoned;
    bool started;
    plat_thread *thread;
    const char *staging;
    bs_unpack_limits lim;
    bs_error err;
    int rc;
};

static void *stream_thread(void *arg)
{
    struct streamer *s = arg;
    char buf[1 << 16];
    s->rc = bs_unpack_tar_fd(s->rfd, s->staging, &s->lim, &s->err);
    /* Read to the end even after a refusal, so the download never writes into a closed pipe. */
    for (;;) {
        ssize_t n = read(s->rfd, buf, sizeof(buf));
        if (n > 0 || (n < 0 && errno == EINTR))
            continue;
        break;
    }
    close(s->rfd);
    return NULL;
}

static void stream_abandon(struct streamer *s)
{
    if (s->wfd >= 0)
        close(s->wfd);
    s->wfd = -1;
    s->abandoned = true;
}

static void stream_tee(void *user, const char *data, size_t len, int64_t offset)
{
    struct streamer *s = user;
    if (s->abandoned)
        return;
    if (offset != s->next) {
        stream_abandon(s); /* a restart or a resume: extract from the file afterwards */
        return;
    }
    for (size_t done = 0; done < len;) {
        ssize_t n = write(s->wfd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            stream_abandon(s);
            return;
        }
        done += (size_t)n;
    }
    s->next += (int64_t)len;
}

static void stream_start(struct streamer *s, const char *staging, const bs_unpack_limits *lim)
{
    int p[2];
    memset(s, 0, sizeof(*s));
    s->wfd = s->rfd = -1;
    s->staging = staging;
    s->lim = *lim;
    s->abandoned = true;
    if (plat_pipe(p) != 0)
        return;
    s->rfd = p[0]; /* before the thread starts: it reads from rfd at once */
    s->wfd = p[1];
    if (plat_thread_start(&s->thread, stream_thread, s) != 0) {
        close(p[0]);
        close(p[1]);
        s->wfd = s->rfd = -1;
        return;
    }
    s->started = true;
    s->abandoned = false;
}

/* Ends the stream and waits for the extractor; returns whether its result stands. */
static bool stream_finish(struct streamer *s, bool download_ok, bool reused)
{
    if (s->wfd >= 0)
        close(s->wfd);
    s->wfd = -1;
    if (s->started)
        plat_thread_join(s->thread);
    return s->started && download_ok && !reused && !s->abandoned;
}

/* A fresh <root>/.python.staging-XXXXXX (mode 0700) into buf. */
static int make_staging(const char *root, char *buf, size_t size, bs_error *err)
{
    if (bs_root_python_sibling(root, ".staging-XXXXXX", buf, size) != 0 ||
        plat_make_temp_dir(buf) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create a staging folder in %s: %s", root,
                            strerror(errno));
    return 0;
}

/* Staging and moved-aside folders of a run that was killed: the caller holds the root's
 * lock, so no other run can be using them. */
static void remove_leftovers(const char *root)
{
    char **names = NULL;
    size_t count = 0;
    if (plat_list_dir(root, &names, &count) != 0)
        return;
    for (size_t i = 0; i < count; i++) {
        char path[PATH_MAX];
        if ((bs_starts_with(names[i], ".python.staging-") ||
             bs_starts_with(names[i], ".python.old-")) &&
            bs_path_join(path, sizeof(path), root, names[i]) == 0)
            bs_remove_tree(path);
    }
    plat_free_names(names, count);
}

int bs_python_install(const bs_python_install_options *opt, bs_managed_python *out, bs_error *err)
{
    bs_python_build b;
    bs_fetch_options fo = opt->fetch;
    bs_fetch_result res;
    bs_artifact art;
    char urls[2][1024], staging[PATH_MAX];
    bs_unpack_limits lim = {.max_total_bytes = 4ULL << 30, .max_entries = 200000};
    int rc;

    remove_leftovers(opt->root);
    if (bs_managed_python_find(opt->root, opt->series, out) == 0)
        return 0;
    /* One managed Python per root: another series would replace it under the venv. */
    if (bs_managed_python_find(opt->root, NULL, out) == 0) {
        bs_error_set(err, BS_E_USAGE,
                     "%s/%s holds Python %s; installing %s would replace it and break the "
                     "venv made with it",
                     opt->root, bs_root_rel(BS_ROOT_PYTHON), out->version, opt->series);
        bs_error_hint(err, "use --python %.4s, or remove %s/%s (and %s) first", out->version,
                      opt->root, bs_root_rel(BS_ROOT_PYTHON), bs_root_rel(BS_ROOT_VENV));
        return BS_E_USAGE;
    }
    if ((rc = bs_python_build_choose(opt->manifest_json, opt->series, opt->os, opt->arch, opt->libc,
                                     &b, err)) != 0)
        return rc;
    if ((rc = check_space(opt, &b, err)) != 0)
        return rc;
    if ((rc = bs_make_dirs(opt->root, 0755)) != 0)
        return bs_error_set(err, rc, "cannot create %s: %s", opt->root, strerror(-rc));
    if ((rc = bs_make_dirs(fo.cache_dir, 0755)) != 0)
        return bs_error_set(err, rc, "cannot create %s: %s", fo.cache_dir, strerror(-rc));
    bs_python_build_artifact(&b, opt->mirror_prefix, urls, &art);
    if ((rc = make_staging(opt->root, staging, sizeof(staging), err)) != 0)
        return rc;
    struct streamer st;
    stream_start(&st, staging, &lim);
    fo.tee = st.started ? stream_tee : NULL;
    fo.tee_user = &st;
    rc = bs_fetch(&art, 1, &fo, &res);
    bool streamed = stream_finish(&st, rc == 0, res.reused);
    if (rc != 0) {
        bs_remove_tree(staging);
        *err = res.err;
        return rc;
    }
    if (streamed && st.rc != 0) {
        bs_remove_tree(staging); /* the verified bytes themselves were refused */
        *err = st.err;
        return st.rc;
    }
    if (streamed)
        bs_emit(fo.events, BS_EV_STEP_DONE, "python.unpack", "unpacked while downloading");
    if (!streamed) {
        /* Unpack again from the verified file, into a fresh staging folder. */
        bs_remove_tree(staging);
        bs_emit(fo.events, BS_EV_STEP_START, "python.unpack", "unpacking Python %s", b.version);
        if ((rc = make_staging(opt->root, staging, sizeof(staging), err)) != 0)
            return rc;
        if ((rc = bs_unpack_tar(res.path, staging, &lim, err)) != 0) {
            bs_remove_tree(staging);
            return rc;
        }
    }
    bs_python_answer ans;
    if ((rc = write_receipt(staging, &b)) == 0 && (rc = verify_staged(staging, &b, &ans, err)) == 0)
        rc = commit_staging(opt->root, staging, err);
    if (rc) {
        bs_remove_tree(staging);
        return rc;
    }
    bs_strlcpy(out->version, ans.version, sizeof(out->version));
    char dir[PATH_MAX];
    if (bs_root_path(opt->root, BS_ROOT_PYTHON, dir, sizeof(dir)) != 0 ||
        bs_path_join(out->executable, sizeof(out->executable), dir, b.executable_relpath) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "path too long: %s", opt->root);
    return 0;
}
