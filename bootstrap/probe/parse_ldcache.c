/*
 * parse_ldcache.c: glibc's ld.so.cache format, new style. Layout (glibc elf/cache.h):
 *   header: "glibc-ld.so.cache" "1.1", uint32 nlibs, uint32 len_strings, uint8 flags,
 *           3 bytes pad, uint32 extension_offset, 3 x uint32 unused   (48 bytes)
 *   nlibs entries: int32 flags, uint32 key, uint32 value, uint32 osversion,
 *           uint64 hwcap                                              (24 bytes each)
 *   then the string table; key/value are offsets from the start of the new header.
 * Byte order is the machine's own (the cache is never shared between machines).
 * Older glibc writes an "ld.so-1.7.0" table first; the new header follows it.
 */
#include "probe/parse_ldcache.h"
#include "core/error.h"

#include <stdint.h>
#include <string.h>

#define OLD_MAGIC "ld.so-1.7.0"
#define NEW_MAGIC "glibc-ld.so.cache1.1"
#define NEW_HEADER_SIZE 48
#define NEW_ENTRY_SIZE 24
#define OLD_ENTRY_SIZE 12

static uint32_t read_u32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

/* Finds the start of the new-format table, past an old-format one if present. */
static long new_table_offset(const unsigned char *data, size_t len)
{
    size_t newlen = strlen(NEW_MAGIC);
    if (len >= newlen && memcmp(data, NEW_MAGIC, newlen) == 0)
        return 0;
    size_t oldlen = strlen(OLD_MAGIC);
    if (len < oldlen + 4 + 1 || memcmp(data, OLD_MAGIC, oldlen) != 0)
        return -1;
    /* Old header: magic (11 bytes) + padding to 12, then uint32 nlibs. */
    uint32_t nlibs = read_u32(data + 12);
    uint64_t off = 16 + (uint64_t)nlibs * OLD_ENTRY_SIZE;
    off = (off + 7) & ~(uint64_t)7; /* the new header is aligned for its uint64 fields */
    if (off + newlen > len || memcmp(data + off, NEW_MAGIC, newlen) != 0)
        return -1;
    return (long)off;
}

int bs_ldcache_has(const unsigned char *data, size_t len, const char *soname)
{
    long base = new_table_offset(data, len);
    if (base < 0 || (size_t)base + NEW_HEADER_SIZE > len)
        return BS_E_PARSE;
    const unsigned char *hdr = data + base;
    size_t avail = len - (size_t)base;
    uint32_t nlibs = read_u32(hdr + 20);
    if ((uint64_t)nlibs * NEW_ENTRY_SIZE + NEW_HEADER_SIZE > avail)
        return BS_E_PARSE;
    size_t want = strlen(soname);
    for (uint32_t i = 0; i < nlibs; i++) {
        const unsigned char *e = hdr + NEW_HEADER_SIZE + (size_t)i * NEW_ENTRY_SIZE;
        uint32_t key = read_u32(e + 4);
        /* Bounds-check every offset: the cache is input, not trusted memory. */
        if (key >= avail || avail - key <= want)
            continue;
        if (memcmp(hdr + key, soname, want) == 0 && hdr[key + want] == '\0')
            return 1;
    }
    return 0;
}
