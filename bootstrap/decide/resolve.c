/*
 * resolve.c: picking InvokeAI releases and torch builds from index pages.
 */
#include "decide/resolve.h"
#include "core/pep440.h"
#include "core/strutil.h"

#include <stdio.h>
#include <string.h>

const char *bs_backend_label(const char *index_name)
{
    if (!index_name || strcmp(index_name, "default") == 0 || strcmp(index_name, "mps") == 0 ||
        strcmp(index_name, "cuda") == 0)
        return "";
    return index_name;
}

/* Whether file i is a wheel of dist that installs on the target; fills w. */
static bool usable_wheel(const bs_index_file *f, const char *dist, const bs_target *t,
                         bs_wheel_name *w)
{
    if (f->yanked || !bs_wheel_name_parse(f->filename, w) || strcmp(w->name, dist) != 0)
        return false;
    if (!bs_wheel_fits(w, t->python, t->os, t->arch))
        return false;
    const char *py = t->python_full ? t->python_full : t->python;
    return !f->requires_python[0] || bs_pep440_matches(py, f->requires_python);
}

long bs_pick_release(const bs_index_page *page, const char *dist, const char *want, bool allow_pre,
                     const bs_target *t, char *why, size_t why_size)
{
    bool latest = !want || !*want || strcmp(want, "latest") == 0;
    long best = -1;
    bs_pep440 best_v, v, wanted;
    bool listed = false, only_pre = false, python_excluded = false;
    if (!latest && !bs_pep440_parse(want, &wanted)) {
        snprintf(why, why_size, "'%s' is not a version", want);
        return -1;
    }
    for (size_t i = 0; i < page->count; i++) {
        bs_wheel_name w;
        const bs_index_file *f = &page->files[i];
        if (!bs_wheel_name_parse(f->filename, &w)) {
            /* An sdist of the wanted version: it exists, but we install wheels only. */
            char norm[256], prefix[160];
            bs_pep503_normalize(f->filename, norm, sizeof(norm));
            snprintf(prefix, sizeof(prefix), "%s-%s-", dist, want ? want : "");
            for (char *c = prefix; *c; c++)
                if (*c == '.')
                    *c = '-';
            listed = listed || (!latest && bs_starts_with(norm, prefix));
            continue;
        }
        if (strcmp(w.name, dist) != 0 || !bs_pep440_parse(w.version, &v))
            continue;
        if (!latest && bs_pep440_cmp(&v, &wanted) != 0)
            continue;
        listed = listed || !f->yanked;
        if (!usable_wheel(f, dist, t, &w)) {
            python_excluded = python_excluded || (!f->yanked && f->requires_python[0]);
            continue;
        }
        if (latest && !allow_pre && bs_pep440_is_pre(&v)) {
            only_pre = true;
            continue;
        }
        if (best < 0 || bs_pep440_cmp(&v, &best_v) > 0) {
            best = (long)i;
            best_v = v;
        }
    }
    if (best >= 0)
        return best;
    if (!latest && !listed)
        snprintf(why, why_size, "%s %s is not on the index", dist, want);
    else if (python_excluded)
        snprintf(why, why_size, "no %s release%s%s installs on Python %s", dist, latest ? "" : " ",
                 latest ? "" : want, t->python);
    else if (only_pre)
        snprintf(why, why_size, "the index has only pre-releases of %s (add --pre)", dist);
    else
        snprintf(why, why_size, "the index has no %s wheel for Python %s on %s %s", dist, t->python,
                 t->os, t->arch);
    return -1;
}

long bs_pick_build(const bs_index_page *page, const char *dist, const char *spec, const char *label,
                   const bs_target *t)
{
    long best = -1;
    bs_pep440 best_v, v;
    bool spec_pre = false;
    for (const char *p = spec; p && *p; p++)
        spec_pre = spec_pre || ((*p == 'a' || *p == 'b' || *p == 'c') && p > spec && p[-1] >= '0' &&
                                p[-1] <= '9');
    for (size_t i = 0; i < page->count; i++) {
        bs_wheel_name w;
        if (!usable_wheel(&page->files[i], dist, t, &w) || !bs_pep440_parse(w.version, &v))
            continue;
        if (strcmp(v.local, label) != 0 || (bs_pep440_is_pre(&v) && !spec_pre))
            continue;
        if (spec && *spec && !bs_pep440_matches(w.version, spec))
            continue;
        if (best < 0 || bs_pep440_cmp(&v, &best_v) > 0) {
            best = (long)i;
            best_v = v;
        }
    }
    return best;
}
