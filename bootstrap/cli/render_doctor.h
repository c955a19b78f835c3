/*
 * render_doctor.h: doctor's two outputs: an aligned table for people (colour only on a
 * TTY) and one JSON object for scripts (schema in the README).
 */
#ifndef BS_RENDER_DOCTOR_H
#define BS_RENDER_DOCTOR_H

#include "decide/checks.h"

#include <stdio.h>

/* The JSON report as a malloc'd string (caller frees), or NULL when out of memory. */
char *bs_render_doctor_json(const bs_facts *f, const bs_report *r);
void bs_render_doctor_text(FILE *out, const bs_facts *f, const bs_report *r, bool color);

#endif
