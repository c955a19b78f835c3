/*
 * parse_nvidia_proc.h: the NVIDIA kernel module's version, from /proc/driver/nvidia/version
 * (old "NVRM version: NVIDIA UNIX x86_64 Kernel Module  375.74  ..." and current
 * "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.144.03  ...") or from
 * /sys/module/nvidia/version (just the number). Used when nvidia-smi is missing.
 */
#ifndef BS_PARSE_NVIDIA_PROC_H
#define BS_PARSE_NVIDIA_PROC_H

#include <stddef.h>

/* Writes the version into out; returns 0, or BS_E_PARSE when the text has none. */
int bs_parse_nvidia_module_version(const char *text, char *out, size_t size);

#endif
