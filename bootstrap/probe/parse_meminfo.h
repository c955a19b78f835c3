/*
 * parse_meminfo.h: total RAM from /proc/meminfo ("MemTotal:  32768000 kB").
 */
#ifndef BS_PARSE_MEMINFO_H
#define BS_PARSE_MEMINFO_H

/* Returns MemTotal in MiB, or -1 when absent or malformed. */
long long bs_parse_meminfo_total_mib(const char *text);

#endif
