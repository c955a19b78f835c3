/*
 * parse_nvidia_smi.c: nvidia-smi's CSV and table outputs into GPU facts.
 *
 * The table layout changed several times (331-series with no CUDA column, 450/470 with
 * 79 columns, 535+ with 89, 610 with "KMD Version" and "CUDA UMD Version"), so the table
 * parser keys on the '|' cells and the "NNNMiB / NNNMiB" memory cell, not on columns.
 */
#include "probe/parse_nvidia_smi.h"
#include "core/error.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 320

/* "memory.total [MiB]" -> "memory.total": header names carry units in brackets. */
static void strip_unit(char *name)
{
    char *br = strchr(name, '[');
    if (br)
        *br = '\0';
    bs_trim(name);
}

/* A value nvidia-smi uses for "not available": "[N/A]", "N/A", "[Not Supported]", "". */
static bool is_missing(const char *v)
{
    return v[0] == '\0' || v[0] == '[' || strcmp(v, "N/A") == 0;
}

static long long parse_mib(const char *v)
{
    char tmp[64];
    bs_strlcpy(tmp, v, sizeof(tmp));
    char *unit = strstr(tmp, "MiB");
    if (unit)
        *unit = '\0';
    return bs_parse_ll(tmp);
}

static int field_index(char **names, int count, const char *want)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], want) == 0)
            return i;
    return -1;
}

static void fill_gpu_from_row(bs_gpu *g, char **cells, int ncells, const int idx[5])
{
    g->vendor = BS_VENDOR_NVIDIA;
    if (idx[0] >= 0 && idx[0] < ncells && !is_missing(cells[idx[0]]))
        bs_strlcpy(g->name, cells[idx[0]], sizeof(g->name));
    if (idx[1] >= 0 && idx[1] < ncells && !is_missing(cells[idx[1]]))
        g->vram_mib = parse_mib(cells[idx[1]]);
    if (idx[2] >= 0 && idx[2] < ncells && !is_missing(cells[idx[2]]))
        bs_strlcpy(g->driver, cells[idx[2]], sizeof(g->driver));
    if (idx[3] >= 0 && idx[3] < ncells && !is_missing(cells[idx[3]]))
        bs_strlcpy(g->compute_capability, cells[idx[3]], sizeof(g->compute_capability));
    if (idx[4] >= 0 && idx[4] < ncells && !is_missing(cells[idx[4]]))
        bs_strlcpy(g->bus_id, cells[idx[4]], sizeof(g->bus_id));
}

int bs_parse_nvidia_query(const char *text, const char *fields, bs_facts *f)
{
    char *copy = strdup(text), *fcopy = strdup(fields);
    char **names = calloc(MAX_COLS, sizeof(char *));
    char **cells = calloc(MAX_COLS, sizeof(char *));
    int added = 0, rc = BS_E_PARSE, nnames = 0;
    char *cursor, *line;

    if (!copy || !fcopy || !names || !cells) {
        rc = BS_E_NOMEM;
        goto cleanup;
    }
    nnames = bs_split_csv(fcopy, names, MAX_COLS);
    cursor = copy;
    bool first = true;
    while ((line = bs_next_line(&cursor)) != NULL) {
        if (bs_trim(line)[0] == '\0')
            continue;
        int n = bs_split_csv(line, cells, MAX_COLS);
        if (first) {
            first = false;
            char head[128];
            bs_strlcpy(head, cells[0], sizeof(head));
            strip_unit(head);
            /* --format=csv puts the field names first: use them as the column map. The
             * cells point into copy, which lives until cleanup. */
            if (strcmp(head, names[0]) == 0 || field_index(cells, n, "name") >= 0) {
                for (int i = 0; i < n; i++) {
                    strip_unit(cells[i]);
                    names[i] = cells[i];
                }
                nnames = n;
                continue;
            }
        }
        int idx[5] = {
            field_index(names, nnames, "name"), field_index(names, nnames, "memory.total"),
            field_index(names, nnames, "driver_version"), field_index(names, nnames, "compute_cap"),
            field_index(names, nnames, "pci.bus_id")};
        /* A row must have the name column and look like data, not an error message. */
        if (idx[0] < 0 || n < nnames || is_missing(cells[idx[0]]))
            continue;
        bs_gpu *g = bs_facts_add_gpu(f);
        if (!g)
            break;
        fill_gpu_from_row(g, cells, n, idx);
        if (g->driver[0] && !f->nvidia.driver[0])
            bs_strlcpy(f->nvidia.driver, g->driver, sizeof(f->nvidia.driver));
        added++;
    }
    rc = added > 0 ? added : BS_E_PARSE;
cleanup:
    free(copy);
    free(fcopy);
    free(names);
    free(cells);
    return rc;
}

/* Copies the version-like token after "label:" in line into out ("" for N/A). */
static bool header_value(const char *line, const char *label, char *out, size_t size)
{
    const char *p = strstr(line, label);
    if (!p)
        return false;
    p += strlen(label);
    while (*p == ' ')
        p++;
    size_t n = 0;
    while (p[n] && (isdigit((unsigned char)p[n]) || p[n] == '.'))
        n++;
    bs_strncpy_bounded(out, size, p, n);
    return true;
}

/* Splits a table row on '|' into up to max cells (the text between bars). */
static int split_bars(char *line, char **cells, int max)
{
    int n = 0;
    char *p = strchr(line, '|');
    while (p && n < max) {
        char *next = strchr(p + 1, '|');
        if (!next)
            break;
        *next = '\0';
        cells[n++] = p + 1;
        *next = '|';
        p = next;
    }
    for (int i = 0; i < n; i++) {
        char *end = strchr(cells[i], '|');
        if (end)
            *end = '\0';
    }
    return n;
}

/* First line of a GPU block: "   0  NVIDIA GeForce RTX 5090        Off " in cell 0. */
static bool parse_gpu_first_cell(char *cell, bs_gpu *g)
{
    char *s = bs_trim(cell);
    if (!isdigit((unsigned char)s[0]))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s != ' ')
        return false;
    s = bs_trim(s);
    /* The last word is Persistence-M (On/Off) on Linux and the driver model (WDDM/TCC)
     * on Windows; the name is the rest. */
    static const char *const modes[] = {"On", "Off", "N/A", "WDDM", "TCC", "MCDM"};
    char *last = strrchr(s, ' ');
    bool known = false;
    if (!last)
        return false;
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
        known = known || strcmp(last + 1, modes[i]) == 0;
    if (!known)
        return false;
    *last = '\0';
    bs_strlcpy(g->name, bs_trim(s), sizeof(g->name));
    return g->name[0] != '\0';
}

int bs_parse_nvidia_table(const char *text, bool add_gpus, bs_facts *f)
{
    char *copy = strdup(text);
    char *cursor = copy, *line;
    bool header = false;
    int section = 0; /* 0 before the GPU blocks, 1 inside, 2 after */
    int blocks = 0;
    bs_gpu *pending = NULL;

    if (!copy)
        return BS_E_NOMEM;
    while ((line = bs_next_line(&cursor)) != NULL) {
        if (strstr(line, "NVIDIA-SMI ")) {
            char drv[32] = "", cuda[16] = "";
            /* 610+ says "KMD Version" and "CUDA UMD Version"; older ones "Driver Version". */
            if (!header_value(line, "Driver Version:", drv, sizeof(drv)))
                header_value(line, "KMD Version:", drv, sizeof(drv));
            if (!header_value(line, "CUDA UMD Version:", cuda, sizeof(cuda)))
                header_value(line, "CUDA Version:", cuda, sizeof(cuda));
            if (drv[0])
                bs_strlcpy(f->nvidia.driver, drv, sizeof(f->nvidia.driver));
            bs_strlcpy(f->nvidia.cuda, cuda, sizeof(f->nvidia.cuda));
            header = true;
            continue;
        }
        /* The GPU blocks run from the first "|===" rule to the Processes or MIG table. */
        if (strstr(line, "Processes:") || strstr(line, "MIG devices:")) {
            section = 2;
            pending = NULL;
            continue;
        }
        if (strstr(line, "|====")) {
            if (section == 0)
                section = 1;
            continue;
        }
        if (section != 1 || line[0] != '|')
            continue;
        char *cells[4];
        int n = split_bars(line, cells, 4);
        if (n < 3)
            continue;
        bs_gpu probe;
        memset(&probe, 0, sizeof(probe));
        if (parse_gpu_first_cell(cells[0], &probe)) {
            blocks++;
            pending = NULL;
            if (add_gpus && (pending = bs_facts_add_gpu(f)) != NULL) {
                bs_strlcpy(pending->name, probe.name, sizeof(pending->name));
                pending->vendor = BS_VENDOR_NVIDIA;
                char bus[64];
                bs_strlcpy(bus, bs_trim(cells[1]), sizeof(bus));
                char *sp = strchr(bus, ' ');
                if (sp)
                    *sp = '\0';
                bs_strlcpy(pending->bus_id, bus, sizeof(pending->bus_id));
                bs_strlcpy(pending->driver, f->nvidia.driver, sizeof(pending->driver));
            }
            continue;
        }
        /* Second line of a block: "    2MiB /  32607MiB" in the middle cell. */
        char *slash = strchr(cells[1], '/');
        if (pending && slash && strstr(cells[1], "MiB")) {
            pending->vram_mib = parse_mib(bs_trim(slash + 1));
            pending = NULL;
        }
    }
    free(copy);
    if (!header && blocks == 0)
        return BS_E_PARSE;
    return blocks;
}

bs_nvsmi_failure bs_nvsmi_classify_failure(const char *text)
{
    if (!text || !*text)
        return BS_NVSMI_FAIL_OTHER;
    if (bs_contains_nocase(text, "couldn't communicate with the NVIDIA driver") ||
        bs_contains_nocase(text, "Driver Not Loaded"))
        return BS_NVSMI_FAIL_NO_DRIVER;
    if (bs_contains_nocase(text, "Driver/library version mismatch"))
        return BS_NVSMI_FAIL_MISMATCH;
    if (bs_contains_nocase(text, "No devices were found"))
        return BS_NVSMI_FAIL_NO_DEVICES;
    if (bs_contains_nocase(text, "is not a valid field"))
        return BS_NVSMI_FAIL_INVALID_FIELD;
    return BS_NVSMI_FAIL_OTHER;
}

const char *bs_nvsmi_failure_advice(bs_nvsmi_failure kind)
{
    switch (kind) {
    case BS_NVSMI_FAIL_NO_DRIVER:
        return "the NVIDIA driver is not loaded: install or reinstall it "
               "(https://www.nvidia.com/Download/index.aspx or your distribution's package), "
               "then reboot";
    case BS_NVSMI_FAIL_MISMATCH:
        return "the NVIDIA driver was updated but the old one is still loaded: reboot";
    case BS_NVSMI_FAIL_NO_DEVICES:
        return "the NVIDIA driver sees no GPU: check that the card is seated and powered, "
               "and that the driver supports it";
    case BS_NVSMI_FAIL_INVALID_FIELD:
        return "this nvidia-smi is too old for the query: update the NVIDIA driver";
    default:
        return "nvidia-smi failed: run it by hand to see why, and reinstall the NVIDIA driver "
               "if it keeps failing";
    }
}
