/*
 * cudnn_torch.c: reading torch's cuDNN from the venv's files, and the smoke test.
 */
#include "core/assets.h"
#include "act/cudnn_torch.h"
#include "act/hash.h"
#include "act/venv.h"
#include "core/json.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_pe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "<prefix><version>.dist-info" in site: copies the version. */
static bool dist_info_version(char **names, size_t n, const char *prefix, char *out, size_t size,
                              char *dir, size_t dir_size)
{
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        if (len > plen + 10 && bs_strncasecmp_ascii(names[i], prefix, plen) == 0 &&
            names[i][plen] >= '0' && names[i][plen] <= '9' &&
            strcmp(names[i] + len - 10, ".dist-info") == 0) {
            bs_strncpy_bounded(out, size, names[i] + plen, len - plen - 10);
            if (dir)
                bs_strlcpy(dir, names[i], dir_size);
            return true;
        }
    }
    return false;
}

static int find_site(bs_torch_lib *t)
{
    char lib[PATH_MAX], **names = NULL;
    size_t n = 0;
    if (bs_path_join(t->site, sizeof(t->site), t->venv, "Lib/site-packages") == 0 &&
        plat_is_dir(t->site) && plat_exists(t->python))
        return 0;
    t->windows_layout = false;
    if (bs_path_join(t->python, sizeof(t->python), t->venv, "bin/python") != 0 ||
        bs_path_join(lib, sizeof(lib), t->venv, "lib") != 0 || plat_list_dir(lib, &names, &n) != 0)
        return BS_E_NOT_FOUND;
    int rc = BS_E_NOT_FOUND;
    for (size_t i = 0; i < n && rc; i++) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof(rel), "lib/%s/site-packages", names[i]);
        if (bs_starts_with(names[i], "python3.") &&
            bs_path_join(t->site, sizeof(t->site), t->venv, rel) == 0 && plat_is_dir(t->site))
            rc = 0;
    }
    plat_free_names(names, n);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void read_torch_lib(bs_torch_lib *t)
{
    char **names = NULL;
    size_t n = 0;
    if (plat_list_dir(t->lib, &names, &n) != 0)
        return;
    for (size_t i = 0; i < n; i++) {
        int major = bs_cudnn_dll_major(names[i]);
        if (major < 0 || t->dll_count >= BS_CUDNN_MAX_DLLS)
            continue;
        bs_strlcpy(t->dlls[t->dll_count++], names[i], sizeof(t->dlls[0]));
        if (bs_cudnn_dll_is_shim(names[i]) && major > t->dll_major) {
            char path[PATH_MAX];
            t->dll_major = major;
            if (bs_path_join(path, sizeof(path), t->lib, names[i]) == 0)
                bs_pe_version_of_file(path, &t->version);
        }
    }
    plat_free_names(names, n);
    qsort(t->dlls, (size_t)t->dll_count, sizeof(t->dlls[0]), by_name);
}

int bs_torch_lib_find(const char *root, bs_torch_lib *t, bs_error *err)
{
    char **names = NULL, dist[256] = "", record[PATH_MAX];
    size_t n = 0;
    memset(t, 0, sizeof(*t));
    t->windows_layout = true;
    if (bs_venv_dir(root, t->venv, sizeof(t->venv)) != 0 ||
        bs_path_join(t->python, sizeof(t->python), t->venv, "Scripts/python.exe") != 0)
        return bs_error_set(err, BS_E_USAGE, "the install root's path is too long");
    if (!plat_is_dir(t->venv) || find_site(t) != 0) {
        bs_error_set(err, BS_E_NOT_FOUND, "no venv in %s", root);
        bs_error_hint(err, "install first: invokeai-bootstrap install --root '%s'", root);
        return BS_E_NOT_FOUND;
    }
    if (plat_list_dir(t->site, &names, &n) == 0) {
        dist_info_version(names, n, "torch-", t->torch, sizeof(t->torch), dist, sizeof(dist));
        if (!t->windows_layout) {
            char ver[64];
            if (dist_info_version(names, n, "nvidia_cudnn_cu12-", ver, sizeof(ver), NULL, 0))
                snprintf(t->wheel, sizeof(t->wheel), "nvidia-cudnn-cu12 %s", ver);
            else if (dist_info_version(names, n, "nvidia_cudnn_cu13-", ver, sizeof(ver), NULL, 0))
                snprintf(t->wheel, sizeof(t->wheel), "nvidia-cudnn-cu13 %s", ver);
        }
        plat_free_names(names, n);
    }
    if (!t->torch[0]) {
        bs_error_set(err, BS_E_NOT_FOUND, "torch is not installed in %s", t->venv);
        bs_error_hint(err, "run: invokeai-bootstrap repair --root '%s'", root);
        return BS_E_NOT_FOUND;
    }
    int64_t size;
    char dist_dir[PATH_MAX];
    if (bs_path_join(dist_dir, sizeof(dist_dir), t->site, dist) != 0 ||
        bs_path_join(record, sizeof(record), dist_dir, "RECORD") != 0 ||
        bs_sha256_file_hex(record, t->record_sha256, &size) != 0)
        t->record_sha256[0] = '\0';
    if (t->windows_layout && bs_path_join(t->lib, sizeof(t->lib), t->site, "torch/lib") == 0)
        read_torch_lib(t);
    return 0;
}

static int read_fd_at(void *user, uint64_t off, void *buf, size_t len)
{
    int fd = *(int *)user;
    if (lseek(fd, (off_t)off, SEEK_SET) != (off_t)off)
        return -1;
    for (size_t got = 0; got < len;) {
        ssize_t r = read(fd, (char *)buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

int bs_pe_version_of_file(const char *path, bs_cudnn_version *v)
{
    unsigned parts[4];
    int fd = plat_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return fd;
    int rc = bs_pe_file_version(read_fd_at, &fd, parts);
    close(fd);
    if (rc == 0)
        *v = (bs_cudnn_version){parts[0], parts[1], parts[2], parts[3]};
    return rc;
}

/* assets/py/cudnn_smoke.py. torch loads every DLL in torch\lib at import and checks cuDNN's
 * version against its build; the convolution makes cuDNN's kernels actually run on the GPU. */
int bs_torch_cudnn_smoke(const bs_torch_lib *t, bool conv, volatile sig_atomic_t *cancel,
                         bs_torch_cudnn_answer *a, bs_error *err)
{
    const char *argv[] = {
        t->python, "-I", "-c", bs_asset("cudnn_smoke.py", NULL), conv ? "conv" : "version", NULL};
    plat_run_result res;
    memset(a, 0, sizeof(*a));
    memset(&res, 0, sizeof(res));
    int rc = bs_venv_run(argv, t->windows_layout ? "windows" : "linux", 5 * 60 * 1000, cancel, &res,
                         "torch smoke test", err);
    /* The answer is the last line that is a JSON object; torch may print warnings first. */
    const char *line = NULL;
    for (const char *p = rc == 0 ? res.out : NULL; p && *p;
         p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (*p == '{')
            line = p;
    cJSON *o = line ? cJSON_Parse(line) : NULL;
    if (rc == 0 && !cJSON_IsObject(o))
        rc = bs_error_set(err, BS_E_CHILD, "torch smoke test: the venv's Python printed no answer");
    if (rc == 0) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "cudnn");
        bs_json_copy(o, "torch", a->torch, sizeof(a->torch));
        bs_json_copy(o, "error", a->error, sizeof(a->error));
        a->cudnn = cJSON_IsNumber(v) ? (long)v->valuedouble : 0;
        a->gpu = bs_json_true(o, "gpu");
        a->conv = bs_json_true(o, "conv");
    }
    cJSON_Delete(o);
    plat_run_result_free(&res);
    return rc;
}
