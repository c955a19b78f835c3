/*
 * parse_pe.c: walks a PE image to its RT_VERSION resource (Microsoft's "PE Format":
 * the optional header's resource data directory, the section that maps it, then the
 * type -> name -> language directory levels) and reads the VS_FIXEDFILEINFO at the start
 * of VS_VERSIONINFO. Every field read is bounds-checked through the reader, and each
 * directory level is entered at most once, so a hostile file cannot loop or overrun.
 */
#include "probe/parse_pe.h"
#include "core/error.h"

#include <string.h>

#define RT_VERSION 16
#define FIXED_INFO_SIGNATURE 0xFEEF04BDu
#define MAX_SECTIONS 96
#define MAX_DIR_ENTRIES 4096

typedef struct pe_image {
    bs_pe_read_fn read;
    void *user;
    uint64_t sections; /* file offset of the section table */
    unsigned section_count;
    uint32_t rsrc_rva;
} pe_image;

static int read_u16(const pe_image *p, uint64_t off, uint32_t *out)
{
    unsigned char b[2];
    if (p->read(p->user, off, b, 2) != 0)
        return BS_E_PARSE;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8;
    return 0;
}

static int read_u32(const pe_image *p, uint64_t off, uint32_t *out)
{
    unsigned char b[4];
    if (p->read(p->user, off, b, 4) != 0)
        return BS_E_PARSE;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

/* The file offset of a relative virtual address, through the section that holds it. */
static int rva_to_offset(const pe_image *p, uint32_t rva, uint64_t *off)
{
    for (unsigned i = 0; i < p->section_count; i++) {
        uint64_t s = p->sections + 40u * i;
        uint32_t vsize, va, raw_size, raw_ptr;
        if (read_u32(p, s + 8, &vsize) || read_u32(p, s + 12, &va) ||
            read_u32(p, s + 16, &raw_size) || read_u32(p, s + 20, &raw_ptr))
            return BS_E_PARSE;
        uint32_t span = vsize > raw_size ? vsize : raw_size;
        if (rva >= va && rva - va < span) {
            *off = (uint64_t)raw_ptr + (rva - va);
            return 0;
        }
    }
    return BS_E_PARSE;
}

/* In the resource directory at dir_off (an offset into the resource section), the entry
 * with the integer id (or the first entry, id < 0). Writes the entry's OffsetToData. */
static int find_entry(const pe_image *p, uint64_t rsrc_off, uint32_t dir_off, long id,
                      uint32_t *data)
{
    uint32_t named, ids;
    uint64_t dir = rsrc_off + dir_off;
    if (read_u16(p, dir + 12, &named) || read_u16(p, dir + 14, &ids))
        return BS_E_PARSE;
    if (named + ids > MAX_DIR_ENTRIES)
        return BS_E_PARSE;
    for (uint32_t i = 0; i < named + ids; i++) {
        uint32_t name;
        if (read_u32(p, dir + 16 + 8u * i, &name) || read_u32(p, dir + 20 + 8u * i, data))
            return BS_E_PARSE;
        if (id < 0 || (!(name & 0x80000000u) && name == (uint32_t)id))
            return 0;
    }
    return BS_E_NOT_FOUND;
}

static int read_fixed_info(const pe_image *p, uint64_t rsrc_off, uint32_t leaf, unsigned v[4])
{
    static const char key[] = "VS_VERSION_INFO";
    uint32_t data_rva, size, value_len, sig, ms, ls;
    uint64_t off;
    if (read_u32(p, rsrc_off + leaf, &data_rva) || read_u32(p, rsrc_off + leaf + 4, &size))
        return BS_E_PARSE;
    /* wLength, wValueLength, wType, the key in UTF-16, padding to 32 bits: 40 bytes. */
    if (size < 40 + 52 || rva_to_offset(p, data_rva, &off) || read_u16(p, off + 2, &value_len))
        return BS_E_PARSE;
    for (size_t i = 0; i < sizeof(key); i++) {
        uint32_t ch;
        if (read_u16(p, off + 6 + 2 * i, &ch) || ch != (unsigned char)key[i])
            return BS_E_PARSE;
    }
    if (value_len < 52)
        return BS_E_NOT_FOUND; /* a version block without the fixed part */
    if (read_u32(p, off + 40, &sig) || sig != FIXED_INFO_SIGNATURE || read_u32(p, off + 48, &ms) ||
        read_u32(p, off + 52, &ls))
        return BS_E_PARSE;
    v[0] = ms >> 16;
    v[1] = ms & 0xFFFF;
    v[2] = ls >> 16;
    v[3] = ls & 0xFFFF;
    return 0;
}

int bs_pe_file_version(bs_pe_read_fn read, void *user, unsigned v[4])
{
    pe_image p = {.read = read, .user = user};
    unsigned char mz[2], sig[4];
    uint32_t lfanew, sections, opt_size, magic, dir_count, rsrc_size;
    if (read(user, 0, mz, 2) != 0 || memcmp(mz, "MZ", 2) != 0 || read_u32(&p, 0x3C, &lfanew))
        return BS_E_PARSE;
    if (read(user, lfanew, sig, 4) != 0 || memcmp(sig, "PE\0\0", 4) != 0)
        return BS_E_PARSE;
    uint64_t coff = (uint64_t)lfanew + 4, opt = coff + 20;
    if (read_u16(&p, coff + 2, &sections) || read_u16(&p, coff + 16, &opt_size) ||
        read_u16(&p, opt, &magic))
        return BS_E_PARSE;
    if ((magic != 0x10b && magic != 0x20b) || sections > MAX_SECTIONS)
        return BS_E_PARSE;
    /* The data directories start 96 bytes into a PE32 optional header, 112 into PE32+ (no
     * BaseOfData, five fields widened to 64 bits); NumberOfRvaAndSizes is just before. */
    uint64_t dirs = opt + (magic == 0x20b ? 112 : 96);
    if (read_u32(&p, dirs - 4, &dir_count))
        return BS_E_PARSE;
    if (dir_count <= 2 || dirs + 3 * 8 > opt + opt_size)
        return BS_E_NOT_FOUND;
    if (read_u32(&p, dirs + 16, &p.rsrc_rva) || read_u32(&p, dirs + 20, &rsrc_size))
        return BS_E_PARSE;
    if (p.rsrc_rva == 0 || rsrc_size == 0)
        return BS_E_NOT_FOUND;
    p.sections = opt + opt_size;
    p.section_count = sections;
    uint64_t rsrc_off;
    uint32_t entry;
    if (rva_to_offset(&p, p.rsrc_rva, &rsrc_off))
        return BS_E_PARSE;
    int rc = find_entry(&p, rsrc_off, 0, RT_VERSION, &entry);
    if (rc)
        return rc;
    /* Type and name levels are subdirectories (high bit set); the language level's
     * entry is the data entry (high bit clear). */
    for (int level = 0; level < 2; level++) {
        if (!(entry & 0x80000000u))
            return BS_E_PARSE;
        if ((rc = find_entry(&p, rsrc_off, entry & 0x7FFFFFFFu, -1, &entry)) != 0)
            return rc == BS_E_NOT_FOUND ? BS_E_PARSE : rc;
    }
    if (entry & 0x80000000u)
        return BS_E_PARSE;
    return read_fixed_info(&p, rsrc_off, entry, v);
}

int bs_pe_read_buffer(void *user, uint64_t off, void *buf, size_t len)
{
    const bs_pe_buffer *b = user;
    if (off > b->len || len > b->len - off)
        return -1;
    memcpy(buf, b->data + off, len);
    return 0;
}
