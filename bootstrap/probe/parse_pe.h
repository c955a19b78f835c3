/*
 * parse_pe.h: the fixed file version (VS_FIXEDFILEINFO) in a Windows PE image's version
 * resource, read as data, so cuDNN's DLLs can be dated on any OS without loading them.
 * DLLs can be hundreds of megabytes, so the parser asks for the few byte ranges it needs
 * through a reader instead of taking the whole file.
 */
#ifndef BS_PARSE_PE_H
#define BS_PARSE_PE_H

#include <stddef.h>
#include <stdint.h>

/* Copies len bytes at offset off into buf; returns 0, or non-zero when the range is not
 * all there (past the end, or a read error). */
typedef int (*bs_pe_read_fn)(void *user, uint64_t off, void *buf, size_t len);

/* Writes the four parts of the file version (e.g. 9, 10, 2, 21) into v. Returns 0,
 * BS_E_NOT_FOUND for a well-formed PE without a version resource, or BS_E_PARSE for
 * anything that is not a well-formed PE32/PE32+ image. */
int bs_pe_file_version(bs_pe_read_fn read, void *user, unsigned v[4]);

/* A reader over a buffer in memory (user: a bs_pe_buffer). */
typedef struct bs_pe_buffer {
    const unsigned char *data;
    size_t len;
} bs_pe_buffer;
int bs_pe_read_buffer(void *user, uint64_t off, void *buf, size_t len);

#endif
