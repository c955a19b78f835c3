/*
 * wizard.h: the few questions an interactive install asks on a terminal. Enter takes the
 * default shown in brackets; end of input is "no answer", never a hang.
 */
#ifndef BS_WIZARD_H
#define BS_WIZARD_H

#include "decide/checks.h"
#include "core/facts.h"

#include <stdbool.h>
#include <stdio.h>

/* A few lines from doctor: the GPU and every check that is not a pass. */
void bs_wizard_summary(FILE *out, const bs_facts *f, const bs_report *r);
/* Asks "<question> [<def>]: "; the answer (or def) into out. Returns 0, or -1 at end of input. */
int bs_wizard_ask(const char *question, const char *def, char *out, size_t size);
/* Asks "<question> [Y/n] "; Enter means yes, end of input means no. */
bool bs_wizard_yes(const char *question);

#endif
