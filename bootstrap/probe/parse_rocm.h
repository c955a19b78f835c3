/*
 * parse_rocm.h: AMD GPU facts from ROCm's tools: `rocm-smi --showproductname
 * --showmeminfo vram --csv` (columns found by header name, as they move between ROCm
 * releases) and `rocm_agent_enumerator` (one gfx
 * target per line; gfx000 is the CPU agent).
 */
#ifndef BS_PARSE_ROCM_H
#define BS_PARSE_ROCM_H

#include "core/facts.h"

#include <stddef.h>

/* Appends one AMD GPU per CSV row (name, VRAM, gfx arch, bus_id = "cardN").
 * Returns the number added, or BS_E_PARSE when no row was usable. */
int bs_parse_rocm_smi_csv(const char *text, bs_facts *f);
/* Copies each GPU gfx target (gfx000 skipped) into archs[i] (each `size` bytes). */
int bs_parse_rocm_agents(const char *text, char (*archs)[16], int max);

#endif
