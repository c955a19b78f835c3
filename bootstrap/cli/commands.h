/*
 * commands.h: one function per subcommand; each takes the run's session and the parsed
 * request, and returns the process exit code.
 */
#ifndef BS_COMMANDS_H
#define BS_COMMANDS_H

#include "act/fetch.h"
#include "cli/options.h"
#include "ops/session.h"

#include <stdbool.h>

int bs_cmd_doctor(bs_session *s, const bs_config *cfg);
int bs_cmd_python(bs_session *s, const bs_config *cfg);
int bs_cmd_install(bs_session *s, const bs_config *cfg);
/* install started with no arguments on a terminal: asks root, version and backend first. */
int bs_cmd_wizard(bs_session *s, const bs_config *cfg);
int bs_cmd_repair(bs_session *s, const bs_config *cfg);
int bs_cmd_os_deps(bs_session *s, const bs_config *cfg);
int bs_cmd_cudnn(bs_session *s, const bs_config *cfg);
int bs_cmd_uninstall(bs_session *s, const bs_config *cfg);
int bs_cmd_bundle(bs_session *s, const bs_config *cfg);
int bs_cmd_cache(bs_session *s, const bs_config *cfg);

/* The command line's download settings (--cacert, timeouts, retries) into fo, leaving its
 * cancel flag, events and cache folder as they are. */
void bs_cli_fetch_settings(const bs_config *cfg, bs_fetch_options *fo);
/* Prints an error record as "invokeai-bootstrap: error: ..." (+ hint) on stderr. */
void bs_print_error(const bs_error *err);

#endif
