/*
 * render_plan.h: how the CLI shows an install plan.
 */
#ifndef BS_RENDER_PLAN_H
#define BS_RENDER_PLAN_H

#include "ops/install.h"

#include <stdio.h>

/* Prints the plan: text, or one JSON object with --json. */
void bs_render_plan(const bs_install *in, FILE *out);

#endif
