/*
 * parse_rocm.c: rocm-smi and rocm_agent_enumerator outputs.
 */
#include "probe/parse_rocm.h"
#include "core/error.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64

static int column(char **hdr, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (bs_equals_nocase(hdr[i], name))
            return i;
    return -1;
}

int bs_parse_rocm_smi_csv(const char *text, bs_facts *f)
{
    char *copy = strdup(text);
    char *hdr[MAX_COLS], *cells[MAX_COLS];
    int nhdr = 0, added = 0;
    if (!copy)
        return BS_E_NOMEM;
    char *cursor = copy, *line;
    while ((line = bs_next_line(&cursor)) != NULL) {
        if (bs_trim(line)[0] == '\0')
            continue;
        if (nhdr == 0) {
            if (!bs_starts_with(line, "device,"))
                continue; /* rocm-smi prints banners before the CSV on some versions */
            nhdr = bs_split_csv(line, hdr, MAX_COLS);
            continue;
        }
        int n = bs_split_csv(line, cells, MAX_COLS);
        if (n < nhdr || !bs_starts_with(cells[0], "card"))
            continue;
        bs_gpu *g = bs_facts_add_gpu(f);
        if (!g)
            break;
        g->vendor = BS_VENDOR_AMD;
        bs_strlcpy(g->bus_id, cells[0], sizeof(g->bus_id));
        int c;
        if ((c = column(hdr, nhdr, "Card Series")) >= 0 && strcmp(cells[c], "N/A") != 0)
            bs_strlcpy(g->name, cells[c], sizeof(g->name));
        if ((c = column(hdr, nhdr, "VRAM Total Memory (B)")) >= 0) {
            long long bytes = bs_parse_ll(cells[c]);
            g->vram_mib = bytes >= 0 ? bytes / (1024 * 1024) : -1;
        }
        if ((c = column(hdr, nhdr, "GFX Version")) >= 0 && bs_starts_with(cells[c], "gfx"))
            bs_strlcpy(g->gfx_arch, cells[c], sizeof(g->gfx_arch));
        added++;
    }
    free(copy);
    return added > 0 ? added : BS_E_PARSE;
}

int bs_parse_rocm_agents(const char *text, char (*archs)[16], int max)
{
    char *copy = strdup(text);
    int n = 0;
    if (!copy)
        return BS_E_NOMEM;
    char *cursor = copy, *line;
    while ((line = bs_next_line(&cursor)) != NULL && n < max) {
        bs_trim(line);
        if (!bs_starts_with(line, "gfx") || strcmp(line, "gfx000") == 0)
            continue;
        bs_strlcpy(archs[n++], line, 16);
    }
    free(copy);
    return n;
}
