/*
 * parse_elf.h: the program interpreter (PT_INTERP) of an ELF executable, read as data.
 * It names the C library a system's own programs use (/lib64/ld-linux-x86-64.so.2 or
 * /lib/ld-musl-x86_64.so.1), which settles glibc or musl when both loaders are installed.
 */
#ifndef BS_PARSE_ELF_H
#define BS_PARSE_ELF_H

#include <stddef.h>

/* Copies the interpreter path of the ELF image in data into out. Returns 0, BS_E_NOT_FOUND
 * for an ELF without one (a static program), or BS_E_PARSE for anything that is not a
 * well-formed 32- or 64-bit ELF of either byte order. */
int bs_elf_interp(const unsigned char *data, size_t len, char *out, size_t out_size);

#endif
