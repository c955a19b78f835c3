/*
 * pep440.c: PEP 440 versions and specifiers, the subset pip's resolver relies on for
 * what we ask of an index: which releases exist, which are pre-releases, which torch
 * build carries which local label.
 */
#include "core/pep440.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool read_number(const char **p, long *out)
{
    const char *s = *p;
    long v = 0;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s)) {
        if (v < 100000000L)
            v = v * 10 + (*s - '0');
        s++;
    }
    *p = s;
    *out = v;
    return true;
}

static bool skip_word(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (bs_strncasecmp_ascii(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

static void skip_sep(const char **p)
{
    if (**p == '.' || **p == '-' || **p == '_')
        (*p)++;
}

/* A separator then a word, optionally a separator and a number ("rc1", ".post2", "-dev"). */
static bool read_tagged(const char **p, const char *const words[], int *which, long *num)
{
    const char *s = *p;
    skip_sep(&s);
    for (int i = 0; words[i]; i++) {
        const char *t = s;
        if (!skip_word(&t, words[i]))
            continue;
        if (isalpha((unsigned char)*t))
            continue; /* "rc" must not match the start of "rcx" */
        const char *n = t;
        skip_sep(&n);
        *num = 0;
        if (read_number(&n, num))
            t = n;
        *which = i;
        *p = t;
        return true;
    }
    return false;
}

bool bs_pep440_parse(const char *text, bs_pep440 *out)
{
    static const char *const pre_words[] = {"alpha", "beta", "preview", "pre", "rc",
                                            "a",     "b",    "c",       NULL};
    static const int pre_kinds[] = {1, 2, 3, 3, 3, 1, 2, 3};
    static const char *const post_words[] = {"post", "rev", "r", NULL};
    static const char *const dev_words[] = {"dev", NULL};
    const char *p = text;
    long n;
    int which;

    memset(out, 0, sizeof(*out));
    while (*p == ' ')
        p++;
    if (*p == 'v' || *p == 'V')
        p++;
    if (!read_number(&p, &n))
        return false;
    if (*p == '!') {
        out->epoch = n;
        p++;
        if (!read_number(&p, &n))
            return false;
    }
    out->release[out->release_count++] = n;
    while (*p == '.' && isdigit((unsigned char)p[1])) {
        p++;
        read_number(&p, &n);
        if (out->release_count < 8)
            out->release[out->release_count++] = n;
    }
    if (read_tagged(&p, pre_words, &which, &out->pre_num))
        out->pre_kind = pre_kinds[which];
    if (read_tagged(&p, post_words, &which, &out->post_num)) {
        out->has_post = true;
    } else if (*p == '-' && isdigit((unsigned char)p[1])) {
        p++; /* "1.0-1" is an implicit post-release */
        read_number(&p, &out->post_num);
        out->has_post = true;
    }
    if (read_tagged(&p, dev_words, &which, &out->dev_num))
        out->has_dev = true;
    if (*p == '+') {
        size_t k = 0;
        for (p++; *p && *p != ' ' && k + 1 < sizeof(out->local); p++) {
            char c = (char)tolower((unsigned char)*p);
            if (c == '-' || c == '_')
                c = '.';
            if (!isalnum((unsigned char)c) && c != '.')
                return false;
            out->local[k++] = c;
        }
        out->local[k] = '\0';
        if (k == 0)
            return false;
    }
    while (*p == ' ')
        p++;
    return *p == '\0';
}

static int cmp_long(long a, long b)
{
    return a < b ? -1 : a > b;
}

/* Local labels: segment by segment, numbers above words, numbers as integers. */
static int cmp_local(const char *a, const char *b)
{
    if (!*a || !*b)
        return (*a != 0) - (*b != 0);
    while (*a || *b) {
        if (!*a || !*b)
            return *a ? 1 : -1;
        size_t la = strcspn(a, "."), lb = strcspn(b, ".");
        bool na = strspn(a, "0123456789") == la, nb = strspn(b, "0123456789") == lb;
        int c;
        if (na && nb)
            c = cmp_long(strtol(a, NULL, 10), strtol(b, NULL, 10));
        else if (na != nb)
            c = na ? 1 : -1;
        else {
            c = bs_strncasecmp_ascii(a, b, la < lb ? la : lb);
            if (c == 0)
                c = cmp_long((long)la, (long)lb);
        }
        if (c)
            return c;
        a += la + (a[la] == '.');
        b += lb + (b[lb] == '.');
    }
    return 0;
}

/* Everything but the local label. */
static int cmp_public(const bs_pep440 *a, const bs_pep440 *b)
{
    int c = cmp_long(a->epoch, b->epoch);
    if (c)
        return c;
    int n = a->release_count > b->release_count ? a->release_count : b->release_count;
    for (int i = 0; i < n; i++) {
        c = cmp_long(i < a->release_count ? a->release[i] : 0,
                     i < b->release_count ? b->release[i] : 0);
        if (c)
            return c;
    }
    /* A dev release without pre or post sorts before the pre-releases of its release. */
    long pa = a->pre_kind                    ? a->pre_kind * 100000000L + a->pre_num
              : (a->has_dev && !a->has_post) ? -1
                                             : 9 * 100000000L;
    long pb = b->pre_kind                    ? b->pre_kind * 100000000L + b->pre_num
              : (b->has_dev && !b->has_post) ? -1
                                             : 9 * 100000000L;
    if ((c = cmp_long(pa, pb)) != 0)
        return c;
    if ((c = cmp_long(a->has_post ? a->post_num : -1, b->has_post ? b->post_num : -1)) != 0)
        return c;
    return cmp_long(a->has_dev ? a->dev_num : 1000000000L, b->has_dev ? b->dev_num : 1000000000L);
}

int bs_pep440_cmp(const bs_pep440 *a, const bs_pep440 *b)
{
    int c = cmp_public(a, b);
    return c ? c : cmp_local(a->local, b->local);
}

int bs_pep440_cmp_str(const char *a, const char *b)
{
    bs_pep440 va, vb;
    bool oka = bs_pep440_parse(a, &va), okb = bs_pep440_parse(b, &vb);
    if (!oka || !okb)
        return oka - okb;
    return bs_pep440_cmp(&va, &vb);
}

bool bs_pep440_is_pre(const bs_pep440 *v)
{
    return v->pre_kind != 0 || v->has_dev;
}

const char *bs_pep440_local(const char *version)
{
    const char *plus = strchr(version, '+');
    return plus ? plus + 1 : "";
}

/* "==2.7.*": the candidate's release starts with the prefix's release. */
static bool prefix_match(const bs_pep440 *v, const char *prefix_text)
{
    bs_pep440 pfx;
    if (!bs_pep440_parse(prefix_text, &pfx) || pfx.epoch != v->epoch)
        return false;
    for (int i = 0; i < pfx.release_count; i++)
        if ((i < v->release_count ? v->release[i] : 0) != pfx.release[i])
            return false;
    return true;
}

static bool clause_matches(const bs_pep440 *v, const char *clause)
{
    static const char *const ops[] = {"~=", "==", "!=", ">=", "<=", ">", "<", NULL};
    char text[64];
    int op = -1;
    clause = bs_skip_space(clause);
    for (int i = 0; ops[i]; i++)
        if (bs_starts_with(clause, ops[i])) {
            op = i;
            break;
        }
    if (op < 0)
        return false;
    bs_strlcpy(text, bs_skip_space(clause + strlen(ops[op])), sizeof(text));
    bs_trim(text);
    size_t len = strlen(text);
    if ((op == 1 || op == 2) && len > 2 && strcmp(text + len - 2, ".*") == 0) {
        text[len - 2] = '\0';
        return prefix_match(v, text) == (op == 1);
    }
    bs_pep440 s;
    if (!bs_pep440_parse(text, &s))
        return false;
    bs_pep440 pub = *v; /* the candidate without its local label */
    pub.local[0] = '\0';
    switch (op) {
    case 0: { /* ~=X.Y.Z means >=X.Y.Z, ==X.Y.* */
        if (s.release_count < 2 || cmp_public(&pub, &s) < 0)
            return false;
        for (int i = 0; i + 1 < s.release_count; i++)
            if ((i < v->release_count ? v->release[i] : 0) != s.release[i])
                return false;
        return true;
    }
    case 1:
    case 2: {
        bool eq = s.local[0] ? bs_pep440_cmp(v, &s) == 0 : cmp_public(&pub, &s) == 0;
        return eq == (op == 1);
    }
    case 3:
        return cmp_public(&pub, &s) >= 0;
    case 4:
        return cmp_public(&pub, &s) <= 0;
    case 5: /* >V excludes V's post-releases unless V is one, and V's local versions */
        if (cmp_public(&pub, &s) <= 0)
            return false;
        if (!s.has_post && pub.has_post) {
            bs_pep440 base = pub;
            base.has_post = false;
            base.has_dev = false;
            return cmp_public(&base, &s) != 0;
        }
        return true;
    default: /* <V excludes V's pre-releases unless V is one */
        if (cmp_public(&pub, &s) >= 0)
            return false;
        if (!bs_pep440_is_pre(&s) && bs_pep440_is_pre(&pub)) {
            bs_pep440 base = pub;
            base.pre_kind = 0;
            base.has_dev = false;
            return cmp_public(&base, &s) != 0;
        }
        return true;
    }
}

bool bs_pep440_matches(const char *version, const char *spec)
{
    bs_pep440 v;
    if (!bs_pep440_parse(version, &v))
        return false;
    const char *p = spec ? spec : "";
    while (*p) {
        char clause[96];
        size_t n = strcspn(p, ",");
        bs_strncpy_bounded(clause, sizeof(clause), p, n);
        if (*bs_skip_space(clause) && !clause_matches(&v, clause))
            return false;
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

void bs_pep503_normalize(const char *name, char *out, unsigned long size)
{
    size_t k = 0;
    bool sep = false;
    if (size == 0)
        return;
    for (const char *p = name; *p && k + 1 < size; p++) {
        if (*p == '-' || *p == '_' || *p == '.') {
            sep = true;
            continue;
        }
        if (sep && k > 0 && k + 2 < size)
            out[k++] = '-';
        sep = false;
        out[k++] = (char)tolower((unsigned char)*p);
    }
    out[k] = '\0';
}
