/*
 * parse_elf.c: finds PT_INTERP in an ELF file's program headers (System V gABI, "Program
 * Header"). Only the fields needed are read, each bounds-checked against the buffer, so a
 * truncated or hostile file gives BS_E_PARSE rather than a read past its end.
 */
#include "probe/parse_elf.h"
#include "core/error.h"

#include <stdint.h>
#include <string.h>

#define PT_INTERP 3

typedef struct elf_view {
    const unsigned char *data;
    size_t len;
    int big_endian;
} elf_view;

static int read_uint(const elf_view *v, uint64_t off, size_t width, uint64_t *out)
{
    if (off > v->len || width > v->len - off)
        return BS_E_PARSE;
    uint64_t x = 0;
    for (size_t i = 0; i < width; i++) {
        size_t byte = v->big_endian ? i : width - 1 - i;
        x = (x << 8) | v->data[off + byte];
    }
    *out = x;
    return 0;
}

int bs_elf_interp(const unsigned char *data, size_t len, char *out, size_t out_size)
{
    if (len < 52 || memcmp(data, "\177ELF", 4) != 0 || (data[4] != 1 && data[4] != 2) ||
        (data[5] != 1 && data[5] != 2))
        return BS_E_PARSE;
    elf_view v = {data, len, data[5] == 2};
    int is64 = data[4] == 2;
    /* Offsets of e_phoff, e_phentsize and e_phnum, and the widths that differ by class. */
    size_t word = is64 ? 8 : 4;
    uint64_t phoff, phentsize, phnum;
    if (read_uint(&v, is64 ? 32 : 28, word, &phoff) ||
        read_uint(&v, is64 ? 54 : 42, 2, &phentsize) || read_uint(&v, is64 ? 56 : 44, 2, &phnum))
        return BS_E_PARSE;
    if (phentsize < (is64 ? 56u : 32u))
        return BS_E_PARSE;
    for (uint64_t i = 0; i < phnum; i++) {
        uint64_t ph = phoff + i * phentsize, type, offset, size;
        if (ph < phoff || read_uint(&v, ph, 4, &type))
            return BS_E_PARSE;
        if (type != PT_INTERP)
            continue;
        /* p_offset and p_filesz: 64-bit at +8 and +32, 32-bit at +4 and +16. */
        if (read_uint(&v, ph + (is64 ? 8 : 4), word, &offset) ||
            read_uint(&v, ph + (is64 ? 32 : 16), word, &size))
            return BS_E_PARSE;
        if (size == 0 || offset > len || size > len - offset || size >= out_size)
            return BS_E_PARSE;
        memcpy(out, data + offset, (size_t)size);
        out[size] = '\0';
        /* The stored string includes its NUL; a path with an embedded NUL is cut there. */
        return out[0] == '/' ? 0 : BS_E_PARSE;
    }
    return BS_E_NOT_FOUND;
}
