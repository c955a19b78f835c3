/*
 * parse_python.h: the answer of a Python interpreter to our probe script (the script is
 * in probe_python.c): "version=3.11.9", "venv=1|0", "impl=cpython" and "arch=x86_64" lines.
 */
#ifndef BS_PARSE_PYTHON_H
#define BS_PARSE_PYTHON_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_python_answer {
    char version[32];
    char implementation[32];
    char arch[32]; /* platform.machine(): "x86_64", "AMD64", "arm64", ... ("" if unknown) */
    bool has_venv;
} bs_python_answer;

/* Returns 0, or BS_E_PARSE when no version line was present. */
int bs_parse_python_answer(const char *text, bs_python_answer *out);

#endif
