/*
 * commands.h: one function per subcommand; each returns the process exit code.
 */
#ifndef BS_COMMANDS_H
#define BS_COMMANDS_H

#include "cli/options.h"

#include <stdbool.h>

int bs_cmd_doctor(const bs_config *cfg);
int bs_cmd_python(const bs_config *cfg);
/* install; wizard: started with no arguments (ask root, version and backend first). */
int bs_cmd_install(const bs_config *cfg, bool wizard);
int bs_cmd_repair(const bs_config *cfg);
int bs_cmd_os_deps(const bs_config *cfg);
int bs_cmd_cudnn(const bs_config *cfg);
int bs_cmd_uninstall(const bs_config *cfg);
/* Prints an error record as "invokeai-bootstrap: error: ..." (+ hint) on stderr. */
void bs_print_error(const bs_error *err);

#endif
