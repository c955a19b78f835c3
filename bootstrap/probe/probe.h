/*
 * probe.h: the probe stage. Each function gathers one group of facts from the machine
 * (through the platform layer and the sysroot) and hands the text to the pure parsers.
 * Probes decide nothing and never fail the run: what cannot be read stays "unknown".
 */
#ifndef BS_PROBE_H
#define BS_PROBE_H

#include "core/events.h"
#include "core/tables.h"
#include "core/facts.h"

#include <stddef.h>

typedef struct bs_probe_options {
    const char *root;    /* install root, measured for disk space */
    const char *tmpdir;  /* NULL: $TMPDIR, else /tmp */
    int tool_timeout_ms; /* per external tool (nvidia-smi can hang on a wedged driver) */
} bs_probe_options;

/* The OS family and the CPU architecture, the first facts (no files read). */
void bs_probe_os_arch(bs_facts *f);
/* OS, arch, libc, distro, RAM, disk, temporary directory, OpenCV libraries. */
void bs_probe_system(bs_facts *f, const bs_probe_options *opt, const bs_events *ev);
/* GPUs of every vendor, driver state, ROCm tools. */
void bs_probe_gpus(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                   const bs_events *ev);
/* Python interpreters on PATH, each run once to learn its version and venv support. */
void bs_probe_pythons(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                      const bs_events *ev);
/* macOS: product version, RAM and the Apple Silicon chip (sw_vers and sysctl). */
void bs_probe_macos(bs_facts *f, const bs_probe_options *opt);
/* OpenCV's libraries (have_libgl, have_libglib, lib_method), again after installing them. */
void bs_probe_opencv_libs(bs_facts *f);
/* All of the above. */
void bs_probe_all(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                  const bs_events *ev);

/* Runs one interpreter (isolated) and reads its version and venv support. Returns 0,
 * or BS_E_CHILD when it does not run or does not answer (note says which). */
struct bs_python_answer;
int bs_python_query(const char *path, int timeout_ms, struct bs_python_answer *ans, char *note,
                    size_t note_size);

/* Whether a Python path is the Microsoft Store's placeholder (opens the Store instead of
 * running Python), which must never be run or counted. */
bool bs_python_is_store_alias(const char *path);

#endif
