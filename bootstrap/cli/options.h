/*
 * options.h: the command line. One table lists every option (long name, short letter,
 * argument, help, and which commands take it); the parser fills bs_config from it, and a
 * second pass checks combinations. Precedence: defaults < environment < command line.
 */
#ifndef BS_OPTIONS_H
#define BS_OPTIONS_H

#include "core/error.h"
#include "ops/request.h"

#include <stdbool.h>

void bs_config_init(bs_config *cfg);
void bs_config_free(bs_config *cfg);
/* Parses argv into cfg. Returns 0, or BS_E_USAGE with err naming the word that was wrong. */
int bs_parse_args(int argc, char **argv, bs_config *cfg, bs_error *err);

const char *bs_command_name(bs_command c);
/* Writes the help text for a command (BS_CMD_NONE: the overview) to a malloc'd string. */
char *bs_help_text(bs_command c);

#endif
