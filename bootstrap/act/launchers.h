/*
 * launchers.h: what a person starts InvokeAI with, and the one setting we may write for
 * them. <root>/invoke.sh and <root>/invoke.bat set INVOKEAI_ROOT (and, on macOS,
 * PYTORCH_ENABLE_MPS_FALLBACK=1) and run the venv's invokeai-web, quoting every path so
 * spaces and non-ASCII names work. For a GPU that needs full precision, invokeai.yaml
 * gets `precision: float32` unless the user set a precision, keeping every other line.
 */
#ifndef BS_LAUNCHERS_H
#define BS_LAUNCHERS_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

/* The launcher texts (pure, for tests): *out malloc'd. */
char *bs_launcher_sh(const char *root, bool mac);
char *bs_launcher_bat(const char *root);

/* Writes both launchers atomically (invoke.sh executable). */
int bs_launchers_write(const char *root, bool mac, bs_error *err);

/* invokeai.yaml with "precision: <value>" added (pure) when it has no top-level precision
 * key; a precision the user set stays, and every other line is kept. NULL existing (no
 * file): a new file with the app's header. Returns a malloc'd text. */
char *bs_yaml_set_precision(const char *existing, const char *value);
/* Reads, edits and atomically rewrites <root>/invokeai.yaml. *changed: it was rewritten. */
int bs_invokeai_yaml_precision(const char *root, const char *value, bool *changed, bs_error *err);

#endif
