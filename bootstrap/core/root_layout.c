/*
 * root_layout.c: the names inside an install root, and the root made absolute from what a
 * person typed. The only file that knows ".python", ".venv" or ".invokeai-bootstrap".
 */
#include "core/root_layout.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rel_names[BS_ROOT_PART_COUNT] = {
    [BS_ROOT_PYTHON] = ".python",
    [BS_ROOT_VENV] = ".venv",
    [BS_ROOT_CACHE] = ".cache",
    [BS_ROOT_STATE] = ".invokeai-bootstrap",
    [BS_ROOT_RECEIPT] = ".invokeai-bootstrap/receipt.json",
    [BS_ROOT_LOCK] = ".invokeai-bootstrap/lock",
    [BS_ROOT_BACKUPS] = ".invokeai-bootstrap/backups",
    [BS_ROOT_TRASH] = ".invokeai-bootstrap/trash",
    [BS_ROOT_LAUNCHER_SH] = "invoke.sh",
    [BS_ROOT_LAUNCHER_BAT] = "invoke.bat",
};

const char *bs_root_rel(bs_root_part part)
{
    return (unsigned)part < BS_ROOT_PART_COUNT ? rel_names[part] : "";
}

int bs_root_path(const char *root, bs_root_part part, char *out, size_t size)
{
    return bs_path_join(out, size, root, bs_root_rel(part));
}

int bs_root_python_sibling(const char *root, const char *suffix, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%s%s", root, rel_names[BS_ROOT_PYTHON], suffix);
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int bs_root_layout(bs_root *r, const char *root, const char *cache_dir, bs_error *err)
{
    char cache[PATH_MAX];
    memset(r, 0, sizeof(*r));
    bool ok = bs_strlcpy(r->dir, root, sizeof(r->dir)) < sizeof(r->dir) &&
              bs_root_path(root, BS_ROOT_PYTHON, r->python, sizeof(r->python)) == 0 &&
              bs_root_path(root, BS_ROOT_VENV, r->venv, sizeof(r->venv)) == 0 &&
              bs_root_path(root, BS_ROOT_STATE, r->state, sizeof(r->state)) == 0 &&
              bs_root_path(root, BS_ROOT_RECEIPT, r->receipt, sizeof(r->receipt)) == 0 &&
              bs_root_path(root, BS_ROOT_LOCK, r->lock, sizeof(r->lock)) == 0 &&
              bs_root_path(root, BS_ROOT_BACKUPS, r->backups, sizeof(r->backups)) == 0 &&
              bs_root_path(root, BS_ROOT_TRASH, r->trash, sizeof(r->trash)) == 0;
    if (!ok)
        return bs_error_set(err, BS_E_USAGE, "%s: path too long", root);
    if (cache_dir && *cache_dir) {
        if (bs_root_absolute(cache_dir, cache, sizeof(cache), err) != 0)
            return BS_E_USAGE;
    } else if (bs_root_path(root, BS_ROOT_CACHE, cache, sizeof(cache)) != 0) {
        return bs_error_set(err, BS_E_USAGE, "%s: path too long", root);
    }
    if (bs_strlcpy(r->cache, cache, sizeof(r->cache)) >= sizeof(r->cache) ||
        bs_path_join(r->downloads, sizeof(r->downloads), cache, "downloads") != 0 ||
        bs_path_join(r->pip_cache, sizeof(r->pip_cache), cache, "pip") != 0)
        return bs_error_set(err, BS_E_USAGE, "%s: path too long", cache);
    return 0;
}

static bool is_sep(char c)
{
    return c == '/' || c == plat_dir_sep();
}

/* Copies typed without surrounding blanks and one pair of matching quotes. */
static void unquote(const char *typed, char *out, size_t size)
{
    const char *s = bs_skip_space(typed);
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
        s++;
        n -= 2;
    }
    bs_strncpy_bounded(out, size, s, n);
}

/* "~" and "~/x" (or "~\x") with the home folder; anything else as it is. */
static int expand_home(const char *s, char *out, size_t size)
{
    if (s[0] != '~' || (s[1] && !is_sep(s[1])))
        return bs_strlcpy(out, s, size) < size ? 0 : -ENAMETOOLONG;
    char *home = plat_home_dir();
    if (!home)
        return -ENOENT;
    int n = snprintf(out, size, "%s%s", home, s + 1);
    free(home);
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* Appends the components of tail to out, dropping "." and letting ".." take back the one
 * before it (only what does not exist is left in tail, so this is plain text work). */
static int append_tail(char *out, size_t size, char *tail)
{
    size_t base = strlen(out);
    for (char *c = tail; c && *c;) {
        char *end = c;
        while (*end && !is_sep(*end))
            end++;
        bool last = *end == '\0';
        *end = '\0';
        size_t len = strlen(out);
        if (strcmp(c, "..") == 0 && len > base) {
            char *cut = out + len;
            while (cut > out + base && !is_sep(*cut))
                cut--;
            *cut = '\0';
        } else if (*c && strcmp(c, ".") != 0 && strcmp(c, "..") != 0) {
            bool need_sep = len == 0 || !is_sep(out[len - 1]);
            int n = snprintf(out + len, size - len, "%s%s", need_sep ? "/" : "", c);
            if (n < 0 || (size_t)n >= size - len)
                return -ENAMETOOLONG;
            if (plat_dir_sep() != '/' && need_sep)
                out[len] = plat_dir_sep();
        }
        c = last ? NULL : end + 1;
    }
    return 0;
}

int bs_root_absolute(const char *typed, char *out, size_t size, bs_error *err)
{
    char clean[PATH_MAX], expanded[PATH_MAX], tail[PATH_MAX] = "";
    unquote(typed ? typed : "", clean, sizeof(clean));
    if (!clean[0])
        return bs_error_set(err, BS_E_USAGE, "the install folder must not be empty");
    int rc = expand_home(clean, expanded, sizeof(expanded));
    if (rc)
        return bs_error_set(err, BS_E_USAGE, "%s: %s", clean,
                            rc == -ENOENT ? "no home folder to expand ~ with" : "path too long");
    char *abs = plat_absolute_path(expanded), *real = NULL;
    if (!abs || strlen(abs) >= sizeof(clean)) {
        free(abs);
        return bs_error_set(err, BS_E_USAGE, "%s: cannot make this path absolute", expanded);
    }
    /* The real path of the nearest part that exists; the rest is appended as typed. */
    bs_strlcpy(clean, abs, sizeof(clean));
    free(abs);
    /* A trailing separator names the same folder ("x/" is "x"), but not at the top. */
    for (size_t len = strlen(clean);
         len > 1 && is_sep(clean[len - 1]) && !(len == 3 && clean[1] == ':');)
        clean[--len] = '\0';
    for (;;) {
        real = plat_realpath(clean);
        if (real)
            break;
        size_t len = strlen(clean), n = len;
        while (n && !is_sep(clean[n - 1]))
            n--;
        if (n == 0 || n == len)
            break; /* nothing above to try: keep the absolute path as it is */
        char rest[PATH_MAX];
        snprintf(rest, sizeof(rest), "%s%s%s", clean + n, tail[0] ? "/" : "", tail);
        bs_strlcpy(tail, rest, sizeof(tail));
        /* The top ("/", "C:") keeps its separator; below it the separator goes. */
        bool top = n == 1 || (n == 3 && clean[1] == ':');
        clean[top ? n : n - 1] = '\0';
    }
    bs_strlcpy(out, real ? real : clean, size);
    free(real);
    if (append_tail(out, size, tail) != 0 || strlen(out) + 1 >= size)
        return bs_error_set(err, BS_E_USAGE, "%s: path too long", typed);
    return 0;
}
