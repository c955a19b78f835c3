/*
 * cudnn.c: the cuDNN version readings and the patch rule. The refusals mirror what goes
 * wrong when people copy DLLs by hand: a DLL set of another major that torch never loads
 * (InvokeAI #6968), a CUDA 11 build in a CUDA 12 torch, a downgrade torch's own check
 * rejects, and cuDNN 9.11+ on GPUs below compute capability 7.5.
 */
#include "decide/cudnn.h"
#include "core/error.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 9.11 dropped Maxwell, Pascal and Volta: torch refuses it below SM 7.5. */
static const bs_cudnn_version first_without_old_gpus = {9, 11, 0, 0};
#define OLDEST_GPU_FOR_NEW_CUDNN 75

int bs_cudnn_dll_major(const char *name)
{
    size_t n = strlen(name);
    if (n < 13 || bs_strncasecmp_ascii(name, "cudnn", 5) != 0 ||
        !bs_equals_nocase(name + n - 4, ".dll"))
        return -1;
    /* ...64_<digits>.dll */
    size_t end = n - 4, start = end;
    while (start > 0 && isdigit((unsigned char)name[start - 1]))
        start--;
    if (start == end || end - start > 3 || start < 8 || name[start - 1] != '_' ||
        name[start - 2] != '4' || name[start - 3] != '6')
        return -1;
    return atoi(name + start);
}

bool bs_cudnn_dll_is_shim(const char *name)
{
    int major = bs_cudnn_dll_major(name);
    char shim[32];
    snprintf(shim, sizeof(shim), "cudnn64_%d.dll", major);
    return major >= 0 && bs_equals_nocase(name, shim);
}

/* Reads "A.B[.C[.D]]" at s; returns the number of parts read and sets *end. */
static int read_dotted(const char *s, unsigned parts[4], const char **end)
{
    int k = 0;
    while (k < 4 && isdigit((unsigned char)*s)) {
        char *e;
        unsigned long x = strtoul(s, &e, 10);
        if (x > 99999)
            return 0;
        parts[k++] = (unsigned)x;
        s = e;
        if (*s != '.' || !isdigit((unsigned char)s[1]))
            break;
        s++;
    }
    *end = s;
    return k;
}

int bs_cudnn_parse_archive_name(const char *name, bs_cudnn_version *v, int *cuda_major)
{
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    static const char prefix[] = "cudnn-windows-x86_64-";
    if (bs_strncasecmp_ascii(base, prefix, sizeof(prefix) - 1) != 0)
        return BS_E_PARSE;
    unsigned parts[4] = {0};
    const char *p;
    if (read_dotted(base + sizeof(prefix) - 1, parts, &p) < 3)
        return BS_E_PARSE;
    if (bs_strncasecmp_ascii(p, "_cuda", 5) != 0 || !isdigit((unsigned char)p[5]))
        return BS_E_PARSE;
    *cuda_major = atoi(p + 5);
    *v = (bs_cudnn_version){parts[0], parts[1], parts[2], parts[3]};
    return v->major ? 0 : BS_E_PARSE;
}

/* The number after "#define NAME" in a header, or -1. */
static long header_define(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strstr(text, "#define"); p; p = strstr(p + 1, "#define")) {
        const char *q = bs_skip_space(p + 7);
        if (strncmp(q, name, n) != 0 || !isspace((unsigned char)q[n]))
            continue;
        q = bs_skip_space(q + n);
        if (isdigit((unsigned char)*q))
            return strtol(q, NULL, 10);
    }
    return -1;
}

int bs_cudnn_parse_version_header(const char *text, bs_cudnn_version *v)
{
    long major = header_define(text, "CUDNN_MAJOR"), minor = header_define(text, "CUDNN_MINOR"),
         patch = header_define(text, "CUDNN_PATCHLEVEL");
    if (major <= 0 || minor < 0 || patch < 0 || major > 99 || minor > 999 || patch > 999)
        return BS_E_PARSE;
    *v = (bs_cudnn_version){(unsigned)major, (unsigned)minor, (unsigned)patch, 0};
    return 0;
}

void bs_cudnn_from_runtime(long n, bs_cudnn_version *v)
{
    *v = (bs_cudnn_version){0};
    if (n <= 0)
        return;
    if (n < 10000)
        *v = (bs_cudnn_version){(unsigned)(n / 1000), (unsigned)(n / 100 % 10), (unsigned)(n % 100),
                                0};
    else
        *v = (bs_cudnn_version){(unsigned)(n / 10000), (unsigned)(n / 100 % 100),
                                (unsigned)(n % 100), 0};
}

int bs_cudnn_compare(const bs_cudnn_version *a, const bs_cudnn_version *b)
{
    unsigned x[4] = {a->major, a->minor, a->patch, a->build};
    unsigned y[4] = {b->major, b->minor, b->patch, b->build};
    for (int i = 0; i < 4; i++) {
        if (i == 3 && (!x[3] || !y[3]))
            return 0;
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

void bs_cudnn_format(const bs_cudnn_version *v, char *out, size_t size)
{
    if (!v->major)
        snprintf(out, size, "unknown");
    else if (v->build)
        snprintf(out, size, "%u.%u.%u.%u", v->major, v->minor, v->patch, v->build);
    else
        snprintf(out, size, "%u.%u.%u", v->major, v->minor, v->patch);
}

/* A version known only by its major (from DLL names) is written "9.x". */
static void format_known(const bs_cudnn_version *v, int major, char *out, size_t size)
{
    if (v->major)
        bs_cudnn_format(v, out, size);
    else
        snprintf(out, size, "%d.x", major);
}

int bs_torch_cuda_major(const char *torch_version)
{
    const char *plus = torch_version ? strchr(torch_version, '+') : NULL;
    if (!plus || strncmp(plus + 1, "cu", 2) != 0 || !isdigit((unsigned char)plus[3]))
        return 0;
    /* The last digit is the minor: cu128 -> 12, cu118 -> 11, cu102 -> 10, cu92 -> 9. */
    return (int)(strtol(plus + 3, NULL, 10) / 10);
}

static int capability_tenths(const char *cc)
{
    if (!cc || !isdigit((unsigned char)cc[0]))
        return -1;
    const char *dot = strchr(cc, '.');
    return atoi(cc) * 10 + (dot && isdigit((unsigned char)dot[1]) ? dot[1] - '0' : 0);
}

static bs_cudnn_verdict refuse(bs_cudnn_advice *out, const char *hint)
{
    snprintf(out->hint, sizeof(out->hint), "%s", hint);
    return BS_CUDNN_REFUSED;
}

bs_cudnn_verdict bs_cudnn_check_patch(const bs_cudnn_patch_facts *f, bs_cudnn_advice *out)
{
    char have[32], want[32], floor[32];
    int torch_cuda = bs_torch_cuda_major(f->torch);
    memset(out, 0, sizeof(*out));
    format_known(&f->torch_cudnn, f->torch_dll_major, have, sizeof(have));
    format_known(&f->archive, f->archive_dll_major, want, sizeof(want));
    if (torch_cuda == 0) {
        snprintf(out->why, sizeof(out->why), "torch %s is not a CUDA build: it has no cuDNN",
                 f->torch);
        return refuse(out, "install a CUDA torch first: invokeai-bootstrap repair --backend cuda");
    }
    if (f->torch_dll_major <= 0) {
        snprintf(out->why, sizeof(out->why), "torch\\lib holds no cudnn64_N.dll");
        return refuse(out, "torch is damaged: invokeai-bootstrap repair");
    }
    if (f->archive_dll_major != f->torch_dll_major) {
        snprintf(out->why, sizeof(out->why),
                 "the archive holds cuDNN %s, but torch %s loads cuDNN %d (cudnn64_%d.dll): the "
                 "new DLLs would never be used",
                 want, f->torch, f->torch_dll_major, f->torch_dll_major);
        snprintf(out->hint, sizeof(out->hint),
                 "download a cuDNN %d.x archive for CUDA %d "
                 "(cudnn-windows-x86_64-%d.*_cuda%d-archive.zip)",
                 f->torch_dll_major, torch_cuda, f->torch_dll_major, torch_cuda);
        return BS_CUDNN_REFUSED;
    }
    if (f->archive_cuda_major && f->archive_cuda_major != torch_cuda) {
        snprintf(out->why, sizeof(out->why),
                 "the archive is cuDNN for CUDA %d, but torch %s is built for CUDA %d",
                 f->archive_cuda_major, f->torch, torch_cuda);
        snprintf(out->hint, sizeof(out->hint), "download the _cuda%d archive of cuDNN %s instead",
                 torch_cuda, want);
        return BS_CUDNN_REFUSED;
    }
    const bs_cudnn_version *low = f->floor.major ? &f->floor : &f->torch_cudnn;
    if (f->archive.major && low->major &&
        (f->archive.major < low->major ||
         (f->archive.major == low->major && f->archive.minor < low->minor))) {
        format_known(low, f->torch_dll_major, floor, sizeof(floor));
        snprintf(out->why, sizeof(out->why),
                 "cuDNN %s is older than the %s torch was built with, and torch refuses an "
                 "older minor version",
                 want, floor);
        return refuse(out, "use a cuDNN archive at least as new as the one torch ships");
    }
    int cc = capability_tenths(f->compute_capability);
    if (f->archive.major && bs_cudnn_compare(&f->archive, &first_without_old_gpus) >= 0 &&
        cc >= 0 && cc < OLDEST_GPU_FOR_NEW_CUDNN) {
        snprintf(out->why, sizeof(out->why),
                 "cuDNN %s needs a GPU of compute capability 7.5 or newer; this one is %s", want,
                 f->compute_capability);
        return refuse(out, "cuDNN 9.10 is the newest for this GPU (GTX 10xx and older)");
    }
    if (f->archive.major && f->torch_cudnn.major &&
        bs_cudnn_compare(&f->archive, &f->torch_cudnn) == 0 &&
        (f->archive.build == f->torch_cudnn.build || !f->archive.build || !f->torch_cudnn.build)) {
        snprintf(out->why, sizeof(out->why), "torch already has cuDNN %s", have);
        return BS_CUDNN_SAME;
    }
    if (!f->archive_cuda_major)
        snprintf(out->warning, sizeof(out->warning),
                 "the archive does not say which CUDA it is for (NVIDIA's names end in "
                 "_cuda%d-archive); the smoke test will tell",
                 torch_cuda);
    else if (cc < 0 && f->archive.major &&
             bs_cudnn_compare(&f->archive, &first_without_old_gpus) >= 0)
        snprintf(out->warning, sizeof(out->warning),
                 "no NVIDIA GPU was seen, so whether it supports cuDNN %s (compute capability "
                 "7.5+) is not checked",
                 want);
    return BS_CUDNN_PATCH;
}
