/*
 * parse_metadata.c: core metadata fields and PEP 508 requirements with markers.
 */
#include "probe/parse_metadata.h"
#include "core/pep440.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_metadata_field(const char *text, const char *field, char *out, size_t size)
{
    size_t n = strlen(field);
    out[0] = '\0';
    for (const char *line = text; line && *line;) {
        if (*line == '\n' || (*line == '\r' && line[1] == '\n'))
            return; /* the headers end at the first empty line; the body follows */
        if (bs_strncasecmp_ascii(line, field, n) == 0 && line[n] == ':') {
            const char *v = bs_skip_space(line + n + 1);
            bs_strncpy_bounded(out, size, v, strcspn(v, "\r\n"));
            bs_trim(out);
            return;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
}

/* ---- markers: a small recursive-descent evaluator ---- */

typedef struct marker_parser {
    const char *p;
    const bs_marker_env *env;
} marker_parser;

static bool marker_or(marker_parser *m);

static void read_token(marker_parser *m, char *out, size_t size)
{
    m->p = bs_skip_space(m->p);
    size_t k = 0;
    if (*m->p == '"' || *m->p == '\'') {
        char q = *m->p++;
        while (*m->p && *m->p != q) {
            if (k + 1 < size)
                out[k++] = *m->p;
            m->p++;
        }
        if (*m->p)
            m->p++;
    } else if (strchr("=!<>~", *m->p)) {
        while (*m->p && strchr("=!<>~", *m->p)) {
            if (k + 1 < size)
                out[k++] = *m->p;
            m->p++;
        }
    } else {
        while (*m->p && (isalnum((unsigned char)*m->p) || *m->p == '_' || *m->p == '.')) {
            if (k + 1 < size)
                out[k++] = *m->p;
            m->p++;
        }
        if (k == 0 && *m->p && *m->p != ')')
            m->p++; /* skip a character we do not understand rather than loop */
    }
    out[k] = '\0';
}

/* The value of a marker variable; NULL when unknown (the comparison then holds). */
static const char *marker_var(const marker_parser *m, const char *name, bool *is_extra)
{
    const bs_marker_env *e = m->env;
    *is_extra = strcmp(name, "extra") == 0;
    if (strcmp(name, "sys_platform") == 0)
        return e->sys_platform;
    if (strcmp(name, "platform_system") == 0) {
        if (!e->sys_platform)
            return NULL;
        return strcmp(e->sys_platform, "win32") == 0    ? "Windows"
               : strcmp(e->sys_platform, "darwin") == 0 ? "Darwin"
                                                        : "Linux";
    }
    if (strcmp(name, "platform_machine") == 0)
        return e->platform_machine;
    if (strcmp(name, "python_version") == 0 || strcmp(name, "python_full_version") == 0)
        return e->python_version;
    return NULL;
}

static bool compare(const char *lhs, const char *op, const char *rhs, bool versions)
{
    bs_pep440 parsed;
    if (versions && bs_pep440_parse(lhs, &parsed) &&
        (op[0] == '<' || op[0] == '>' || op[0] == '~' || op[1] == '=')) {
        char spec[96];
        snprintf(spec, sizeof(spec), "%s%s", op, rhs);
        return bs_pep440_matches(lhs, spec);
    }
    if (strcmp(op, "==") == 0)
        return strcmp(lhs, rhs) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(lhs, rhs) != 0;
    return true;
}

static bool marker_atom(marker_parser *m)
{
    char a[64], op[8], b[64];
    m->p = bs_skip_space(m->p);
    if (*m->p == '(') {
        m->p++;
        bool v = marker_or(m);
        m->p = bs_skip_space(m->p);
        if (*m->p == ')')
            m->p++;
        return v;
    }
    bool a_quoted = *m->p == '"' || *m->p == '\'';
    read_token(m, a, sizeof(a));
    read_token(m, op, sizeof(op));
    if (strcmp(op, "") == 0) { /* "in" / "not in" are words */
        read_token(m, op, sizeof(op));
    }
    m->p = bs_skip_space(m->p);
    bool b_quoted = *m->p == '"' || *m->p == '\'';
    read_token(m, b, sizeof(b));
    bool extra_a = false, extra_b = false;
    const char *va = a_quoted ? a : marker_var(m, a, &extra_a);
    const char *vb = b_quoted ? b : marker_var(m, b, &extra_b);
    if (extra_a || extra_b) {
        const char *want = extra_a ? b : a;
        bool have = false;
        char norm_want[64], norm[64];
        bs_pep503_normalize(want, norm_want, sizeof(norm_want));
        for (const char *const *x = m->env->extras; x && *x; x++) {
            bs_pep503_normalize(*x, norm, sizeof(norm));
            have = have || strcmp(norm, norm_want) == 0;
        }
        return strcmp(op, "!=") == 0 ? !have : have;
    }
    if (!va || !vb)
        return true;
    bool versions = (!a_quoted && strstr(a, "version")) || (!b_quoted && strstr(b, "version"));
    return compare(va, op, vb, versions);
}

static bool next_word(marker_parser *m, const char *word)
{
    const char *s = bs_skip_space(m->p);
    size_t n = strlen(word);
    if (strncmp(s, word, n) == 0 && (isspace((unsigned char)s[n]) || s[n] == '(')) {
        m->p = s + n;
        return true;
    }
    return false;
}

static bool marker_and(marker_parser *m)
{
    bool v = marker_atom(m);
    while (next_word(m, "and"))
        v = marker_atom(m) && v;
    return v;
}

static bool marker_or(marker_parser *m)
{
    bool v = marker_and(m);
    while (next_word(m, "or"))
        v = marker_and(m) || v;
    return v;
}

bool bs_marker_eval(const char *marker, const bs_marker_env *env)
{
    marker_parser m = {marker, env};
    if (!*bs_skip_space(marker))
        return true;
    return marker_or(&m);
}

/* One Requires-Dist value: name[extras] (spec) ; marker. */
static bool requirement_for(const char *value, const char *dist, const bs_marker_env *env,
                            char *spec, size_t size)
{
    char name[96], norm[96];
    size_t n = strcspn(value, " [(<>=!~;@");
    bs_strncpy_bounded(name, sizeof(name), value, n);
    bs_pep503_normalize(name, norm, sizeof(norm));
    if (strcmp(norm, dist) != 0)
        return false;
    const char *rest = value + n;
    const char *semi = strchr(rest, ';');
    if (semi && !bs_marker_eval(semi + 1, env))
        return false;
    if (*rest == '[')
        rest = strchr(rest, ']') ? strchr(rest, ']') + 1 : rest + strlen(rest);
    size_t k = 0;
    for (const char *p = rest; *p && p != semi && k + 1 < size; p++)
        if (*p != ' ' && *p != '(' && *p != ')')
            spec[k++] = *p;
    spec[k] = '\0';
    return true;
}

bool bs_metadata_requirement(const char *text, const char *dist, const bs_marker_env *env,
                             char *out, size_t size)
{
    bool found = false;
    out[0] = '\0';
    for (const char *line = text; line && *line;) {
        if (*line == '\n' || (*line == '\r' && line[1] == '\n'))
            break;
        if (bs_strncasecmp_ascii(line, "Requires-Dist:", 14) == 0) {
            char value[512], spec[256];
            const char *v = bs_skip_space(line + 14);
            bs_strncpy_bounded(value, sizeof(value), v, strcspn(v, "\r\n"));
            if (requirement_for(value, dist, env, spec, sizeof(spec))) {
                size_t used = strlen(out);
                if (spec[0] && used + strlen(spec) + 2 < size) {
                    if (used)
                        out[used++] = ',';
                    bs_strlcpy(out + used, spec, size - used);
                }
                found = true;
            }
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return found;
}
