/*
 * parse_index.c: the simple repository API (PEP 503 HTML, PEP 691 JSON) and wheel names.
 */
#include "probe/parse_index.h"
#include "core/error.h"
#include "core/pep440.h"
#include "core/strutil.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_index_page_init(bs_index_page *p)
{
    p->files = NULL;
    p->count = 0;
}

void bs_index_page_free(bs_index_page *p)
{
    if (!p)
        return;
    free(p->files);
    p->files = NULL;
    p->count = 0;
}

static bs_index_file *page_add(bs_index_page *p)
{
    if ((p->count & (p->count - 1)) == 0) { /* grow at 0, 1, 2, 4, 8, ... */
        size_t cap = p->count ? p->count * 2 : 16;
        bs_index_file *n = realloc(p->files, cap * sizeof(*n));
        if (!n)
            return NULL;
        p->files = n;
    }
    bs_index_file *f = &p->files[p->count++];
    memset(f, 0, sizeof(*f));
    return f;
}

int bs_url_resolve(const char *base, const char *href, char *out, size_t size)
{
    char tmp[2048];
    const char *scheme_end = strstr(base, "://");
    size_t n;
    if (strstr(href, "://") && strcspn(href, ":") < strcspn(href, "/?#")) {
        n = bs_strlcpy(tmp, href, sizeof(tmp));
    } else if (href[0] == '/' && href[1] == '/') {
        n = (size_t)snprintf(tmp, sizeof(tmp), "%.*s:%s", scheme_end ? (int)(scheme_end - base) : 5,
                             base, href);
    } else if (href[0] == '/') {
        const char *host = scheme_end ? scheme_end + 3 : base;
        size_t host_len = strcspn(host, "/?#");
        n = (size_t)snprintf(tmp, sizeof(tmp), "%.*s%s", (int)(host - base + host_len), base, href);
    } else {
        /* Relative: drop the base's last segment, then fold "./" and "../". */
        const char *host = scheme_end ? scheme_end + 3 : base;
        const char *path = host + strcspn(host, "/?#");
        size_t base_dir = (size_t)(path - base);
        const char *q = path + strcspn(path, "?#");
        for (const char *s = path; s < q; s++)
            if (*s == '/')
                base_dir = (size_t)(s - base) + 1;
        n = (size_t)snprintf(tmp, sizeof(tmp), "%.*s%s", (int)base_dir, base, href);
        size_t root = (size_t)(path - base);
        char *seg;
        while ((seg = strstr(tmp + root, "/./")) != NULL)
            memmove(seg, seg + 2, strlen(seg + 2) + 1);
        while ((seg = strstr(tmp + root, "/../")) != NULL) {
            char *prev = seg;
            while (prev > tmp + root && *(prev - 1) != '/')
                prev--;
            if (prev <= tmp + root)
                memmove(tmp + root, seg + 3, strlen(seg + 3) + 1);
            else
                memmove(prev, seg + 4, strlen(seg + 4) + 1);
        }
        n = strlen(tmp);
    }
    if (n >= sizeof(tmp))
        return -ENAMETOOLONG;
    tmp[strcspn(tmp, "#")] = '\0';
    return bs_strlcpy(out, tmp, size) < size ? 0 : -ENAMETOOLONG;
}

/* "sha256=<hex>" from a fragment or attribute value into out (64 hex digits). */
static void take_sha256(const char *text, char out[65])
{
    const char *h = text ? strstr(text, "sha256=") : NULL;
    if (!h)
        return;
    h += 7;
    if (strspn(h, "0123456789abcdefABCDEF") < 64)
        return;
    for (int i = 0; i < 64; i++)
        out[i] = (char)tolower((unsigned char)h[i]);
    out[64] = '\0';
}

/* Undoes the HTML character references an attribute may carry (&lt; &gt; &amp; &quot;
 * &#39; &#x27; and decimal/hex numeric ones below 128). */
static void html_unescape(char *s)
{
    static const struct {
        const char *ref;
        char c;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *w = s;
    for (const char *r = s; *r;) {
        bool done = false;
        if (*r == '&') {
            for (size_t i = 0; i < sizeof(named) / sizeof(named[0]) && !done; i++)
                if (bs_starts_with(r, named[i].ref)) {
                    *w++ = named[i].c;
                    r += strlen(named[i].ref);
                    done = true;
                }
            if (!done && r[1] == '#') {
                char *end;
                long v = (r[2] == 'x' || r[2] == 'X') ? strtol(r + 3, &end, 16)
                                                      : strtol(r + 2, &end, 10);
                if (*end == ';' && v > 0 && v < 128) {
                    *w++ = (char)v;
                    r = end + 1;
                    done = true;
                }
            }
        }
        if (!done)
            *w++ = *r++;
    }
    *w = '\0';
}

/* The value of attribute name inside one tag (tag..end), unescaped; false when absent. */
static bool tag_attr(const char *tag, const char *end, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    for (const char *p = tag; p + nlen <= end; p++) {
        if (bs_strncasecmp_ascii(p, name, nlen) != 0 || !isspace((unsigned char)p[-1]))
            continue;
        const char *q = p + nlen;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q >= end || *q != '=') {
            if (q >= end || isspace((unsigned char)*q) || *q == '/') {
                out[0] = '\0'; /* a bare attribute (data-yanked) */
                return true;
            }
            continue;
        }
        q++;
        while (q < end && isspace((unsigned char)*q))
            q++;
        char quote = (*q == '"' || *q == '\'') ? *q++ : 0;
        const char *v = q;
        while (q < end && (quote ? *q != quote : !isspace((unsigned char)*q) && *q != '>'))
            q++;
        bs_strncpy_bounded(out, size, v, (size_t)(q - v));
        html_unescape(out);
        return true;
    }
    return false;
}

static int parse_html(const char *body, const char *page_url, bs_index_page *out)
{
    for (const char *p = strchr(body, '<'); p; p = strchr(p + 1, '<')) {
        if ((p[1] != 'a' && p[1] != 'A') || !isspace((unsigned char)p[2]))
            continue;
        const char *tag_end = strchr(p, '>');
        if (!tag_end)
            break;
        const char *close = strstr(tag_end, "</a>");
        if (!close)
            close = strstr(tag_end, "</A>");
        char href[1200], text[256], value[128];
        if (tag_attr(p + 2, tag_end, "href", href, sizeof(href))) {
            bs_index_file *f = page_add(out);
            if (!f)
                return BS_E_NOMEM;
            if (close) {
                bs_strncpy_bounded(text, sizeof(text), tag_end + 1, (size_t)(close - tag_end - 1));
                html_unescape(text);
                bs_trim(text);
            } else {
                text[0] = '\0';
            }
            if (!text[0]) { /* the last path segment of the link stands in for the name */
                const char *slash = strrchr(href, '/');
                bs_strncpy_bounded(text, sizeof(text), slash ? slash + 1 : href,
                                   strcspn(slash ? slash + 1 : href, "#?"));
            }
            bs_strlcpy(f->filename, text, sizeof(f->filename));
            take_sha256(strchr(href, '#'), f->sha256);
            if (bs_url_resolve(page_url, href, f->url, sizeof(f->url)) != 0)
                out->count--;
            if (tag_attr(p + 2, tag_end, "data-requires-python", value, sizeof(value)))
                bs_strlcpy(f->requires_python, value, sizeof(f->requires_python));
            f->yanked = tag_attr(p + 2, tag_end, "data-yanked", value, sizeof(value));
            if (tag_attr(p + 2, tag_end, "data-core-metadata", value, sizeof(value)) ||
                tag_attr(p + 2, tag_end, "data-dist-info-metadata", value, sizeof(value))) {
                f->has_metadata = strcmp(value, "false") != 0;
                take_sha256(value, f->metadata_sha256);
            }
        }
        p = tag_end;
    }
    return 0;
}

static void json_metadata(const cJSON *file, bs_index_file *f)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(file, "core-metadata");
    if (!m)
        m = cJSON_GetObjectItemCaseSensitive(file, "dist-info-metadata");
    if (!m)
        return;
    if (cJSON_IsObject(m)) {
        const cJSON *h = cJSON_GetObjectItemCaseSensitive(m, "sha256");
        f->has_metadata = true;
        if (cJSON_IsString(h) && strlen(h->valuestring) == 64)
            bs_strlcpy(f->metadata_sha256, h->valuestring, sizeof(f->metadata_sha256));
    } else {
        f->has_metadata = cJSON_IsTrue(m);
    }
}

static int parse_json(const char *body, const char *page_url, bs_index_page *out)
{
    cJSON *root = cJSON_Parse(body);
    const cJSON *files = root ? cJSON_GetObjectItemCaseSensitive(root, "files") : NULL;
    const cJSON *file;
    int rc = 0;
    if (!cJSON_IsArray(files)) {
        cJSON_Delete(root);
        return BS_E_PARSE;
    }
    cJSON_ArrayForEach(file, files)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(file, "filename");
        const cJSON *url = cJSON_GetObjectItemCaseSensitive(file, "url");
        if (!cJSON_IsString(name) || !cJSON_IsString(url))
            continue;
        bs_index_file *f = page_add(out);
        if (!f) {
            rc = BS_E_NOMEM;
            break;
        }
        bs_strlcpy(f->filename, name->valuestring, sizeof(f->filename));
        if (bs_url_resolve(page_url, url->valuestring, f->url, sizeof(f->url)) != 0) {
            out->count--;
            continue;
        }
        const cJSON *hashes = cJSON_GetObjectItemCaseSensitive(file, "hashes");
        const cJSON *sha = cJSON_GetObjectItemCaseSensitive(hashes, "sha256");
        if (cJSON_IsString(sha) && strlen(sha->valuestring) == 64)
            bs_strlcpy(f->sha256, sha->valuestring, sizeof(f->sha256));
        const cJSON *rp = cJSON_GetObjectItemCaseSensitive(file, "requires-python");
        if (cJSON_IsString(rp))
            bs_strlcpy(f->requires_python, rp->valuestring, sizeof(f->requires_python));
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(file, "yanked");
        f->yanked = cJSON_IsTrue(y) || cJSON_IsString(y);
        json_metadata(file, f);
    }
    cJSON_Delete(root);
    return rc;
}

int bs_index_parse(const char *body, const char *content_type, const char *page_url,
                   bs_index_page *out)
{
    if (content_type && bs_contains_nocase(content_type, "application/vnd.pypi.simple.v1+json"))
        return parse_json(body, page_url, out);
    return parse_html(body, page_url, out);
}

bool bs_wheel_name_parse(const char *filename, bs_wheel_name *out)
{
    char buf[256];
    char *parts[6];
    int n = 0;
    size_t len = strlen(filename);
    memset(out, 0, sizeof(*out));
    if (len < 5 || len >= sizeof(buf) || strcmp(filename + len - 4, ".whl") != 0)
        return false;
    bs_strncpy_bounded(buf, sizeof(buf), filename, len - 4);
    for (char *p = buf, *tok; n < 6 && (tok = bs_strsep(&p, "-")) != NULL;)
        parts[n++] = tok;
    if (n != 5 && n != 6)
        return false; /* name-version[-build]-py-abi-platform */
    bs_pep503_normalize(parts[0], out->name, sizeof(out->name));
    bs_strlcpy(out->version, parts[1], sizeof(out->version));
    bs_strlcpy(out->python_tag, parts[n - 3], sizeof(out->python_tag));
    bs_strlcpy(out->abi_tag, parts[n - 2], sizeof(out->abi_tag));
    bs_strlcpy(out->platform_tag, parts[n - 1], sizeof(out->platform_tag));
    bs_pep440 v;
    return out->name[0] && bs_pep440_parse(out->version, &v);
}

/* Whether one of the '.'-separated tags in set satisfies ok(tag). */
static bool any_tag(const char *set, bool (*ok)(const char *tag, const void *ctx), const void *ctx)
{
    char buf[160], *p = buf, *tok;
    bs_strlcpy(buf, set, sizeof(buf));
    while ((tok = bs_strsep(&p, ".")) != NULL)
        if (ok(tok, ctx))
            return true;
    return false;
}

static bool python_ok(const char *tag, const void *ctx)
{
    const char *cp = ctx; /* "cp311" */
    /* py3 is any Python 3; py3X is 3.X or later (ctx "cp3Y"); cpXY must be exact. */
    return strcmp(tag, cp) == 0 || strcmp(tag, "py3") == 0 ||
           (bs_starts_with(tag, "py3") && isdigit((unsigned char)tag[3]) &&
            atoi(tag + 3) <= atoi(cp + 3));
}

static bool abi_ok(const char *tag, const void *ctx)
{
    return strcmp(tag, ctx) == 0 || strcmp(tag, "abi3") == 0 || strcmp(tag, "none") == 0;
}

struct plat_ctx {
    const char *os, *arch;
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool platform_ok(const char *tag, const void *vctx)
{
    const struct plat_ctx *c = vctx;
    bool x64 = strcmp(c->arch, "x86_64") == 0;
    if (strcmp(tag, "any") == 0)
        return true;
    if (strcmp(c->os, "linux") == 0)
        return (bs_starts_with(tag, "manylinux") || bs_starts_with(tag, "linux_") ||
                bs_starts_with(tag, "musllinux")) &&
               ends_with(tag, x64 ? "_x86_64" : "_aarch64");
    if (strcmp(c->os, "windows") == 0)
        return strcmp(tag, x64 ? "win_amd64" : "win_arm64") == 0;
    if (strcmp(c->os, "darwin") == 0)
        return bs_starts_with(tag, "macosx_") &&
               (ends_with(tag, x64 ? "_x86_64" : "_arm64") || ends_with(tag, "_universal2"));
    return false;
}

bool bs_wheel_fits(const bs_wheel_name *w, const char *py, const char *os, const char *arch)
{
    char cp[16] = "cp3";
    const char *dot = strchr(py, '.');
    snprintf(cp, sizeof(cp), "cp%.*s%s", dot ? (int)(dot - py) : 1, py, dot ? dot + 1 : "");
    struct plat_ctx pc = {os, arch};
    return any_tag(w->python_tag, python_ok, cp) && any_tag(w->abi_tag, abi_ok, cp) &&
           any_tag(w->platform_tag, platform_ok, &pc);
}
