/*
 * backend_request.c: backend names parsed once (see backend_request.h).
 */
#include "decide/backend_request.h"
#include "core/strutil.h"

#include <string.h>

/* "cu" and digits. */
static bool is_cuda_build(const char *s)
{
    return bs_starts_with(s, "cu") && s[2] && strspn(s + 2, "0123456789") == strlen(s + 2);
}

/* "rocm", a digit, then digits and dots. */
static bool is_rocm_build(const char *s)
{
    return bs_starts_with(s, "rocm") && s[4] >= '0' && s[4] <= '9' &&
           strspn(s + 4, "0123456789.") == strlen(s + 4);
}

int bs_backend_request_parse(const char *text, bs_backend_request *out, bs_error *err)
{
    static const struct {
        const char *name;
        bs_backend_kind kind;
    } words[] = {{"auto", BS_BACKEND_AUTO}, {"cpu", BS_BACKEND_CPU}, {"cuda", BS_BACKEND_CUDA},
                 {"rocm", BS_BACKEND_ROCM}, {"mps", BS_BACKEND_MPS}, {"xpu", BS_BACKEND_XPU}};
    const char *s = text && *text ? text : "auto";
    out->kind = BS_BACKEND_AUTO;
    if (bs_strlcpy(out->name, s, sizeof(out->name)) >= sizeof(out->name))
        return bs_error_set(err, BS_E_USAGE, "--backend %.40s...: too long", s);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(s, words[i].name) == 0) {
            out->kind = words[i].kind;
            return 0;
        }
    if (is_cuda_build(s)) {
        out->kind = BS_BACKEND_CUDA_BUILD;
        return 0;
    }
    if (is_rocm_build(s)) {
        out->kind = BS_BACKEND_ROCM_BUILD;
        return 0;
    }
    return bs_error_set(err, BS_E_USAGE,
                        "--backend %s: expected auto, cpu, cuda, cuXYZ, rocm, rocmX.Y, mps or xpu",
                        s);
}

bs_family bs_backend_request_family(const bs_backend_request *r)
{
    switch (r->kind) {
    case BS_BACKEND_CPU:
        return BS_FAMILY_CPU;
    case BS_BACKEND_CUDA:
    case BS_BACKEND_CUDA_BUILD:
        return BS_FAMILY_CUDA;
    case BS_BACKEND_ROCM:
    case BS_BACKEND_ROCM_BUILD:
        return BS_FAMILY_ROCM;
    case BS_BACKEND_MPS:
        return BS_FAMILY_MPS;
    case BS_BACKEND_XPU:
        return BS_FAMILY_XPU;
    case BS_BACKEND_AUTO:
        break;
    }
    return BS_FAMILY_COUNT;
}

bs_family bs_backend_family(const char *backend)
{
    bs_backend_request r;
    bs_error ignored;
    if (bs_backend_request_parse(backend, &r, &ignored) != 0 || r.kind == BS_BACKEND_AUTO)
        return BS_FAMILY_CPU;
    return bs_backend_request_family(&r);
}

bool bs_backend_request_matches(const bs_backend_request *r, const char *backend, const char *index)
{
    if (r->kind == BS_BACKEND_AUTO)
        return false;
    if (strcmp(r->name, backend) == 0 || strcmp(r->name, index) == 0)
        return true;
    /* "cuda" and "rocm" name a kind of build: any build of that kind is the same. */
    return (r->kind == BS_BACKEND_CUDA || r->kind == BS_BACKEND_ROCM) &&
           bs_backend_request_family(r) == bs_backend_family(backend);
}
