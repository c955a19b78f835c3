/*
 * parse_nvidia_smi.h: pure parsers for what nvidia-smi prints: the CSV of --query-gpu, the
 * default table (header with driver and CUDA versions, one block per GPU), and its
 * failure messages. Real outputs of real machines feed their unit tests.
 */
#ifndef BS_PARSE_NVIDIA_SMI_H
#define BS_PARSE_NVIDIA_SMI_H

#include "core/facts.h"

/* The fields the probe asks for, in this order, with --format=csv,noheader,nounits. */
#define BS_NVSMI_QUERY_FIELDS "index,name,memory.total,driver_version,compute_cap,pci.bus_id"
/* The same without compute_cap, for drivers older than 510 that reject that field. */
#define BS_NVSMI_QUERY_FIELDS_OLD "index,name,memory.total,driver_version,pci.bus_id"

/* Parses --query-gpu CSV output. fields is the comma-separated list that was asked for;
 * when the first line is a header (format=csv), columns are matched by header name
 * instead, so any field order and units ("81559 MiB") work. Appends one NVIDIA GPU per
 * row to f. Returns the number of GPUs added, or BS_E_PARSE when no row was usable. */
int bs_parse_nvidia_query(const char *text, const char *fields, bs_facts *f);

/* Parses the default nvidia-smi table: header driver/CUDA versions into f->nvidia, and
 * when add_gpus is true one GPU per block (index, name, memory total, bus id).
 * Returns the number of GPU blocks seen, or BS_E_PARSE when not even the header was found. */
int bs_parse_nvidia_table(const char *text, bool add_gpus, bs_facts *f);

typedef enum bs_nvsmi_failure {
    BS_NVSMI_FAIL_NONE = 0,
    BS_NVSMI_FAIL_NO_DRIVER,     /* couldn't communicate with the NVIDIA driver */
    BS_NVSMI_FAIL_MISMATCH,      /* driver/library version mismatch: reboot needed */
    BS_NVSMI_FAIL_NO_DEVICES,    /* No devices were found */
    BS_NVSMI_FAIL_INVALID_FIELD, /* a --query-gpu field this driver does not know */
    BS_NVSMI_FAIL_OTHER,
} bs_nvsmi_failure;

/* Classifies what a failing nvidia-smi printed (stdout and stderr together). */
bs_nvsmi_failure bs_nvsmi_classify_failure(const char *text);
/* One line for a person: what the failure means and what to do. */
const char *bs_nvsmi_failure_advice(bs_nvsmi_failure kind);

#endif
