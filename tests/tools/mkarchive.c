/*
 * mkarchive.c: makes hostile (and honest) test archives. Tar variants through libarchive's
 * write API, which keeps whatever names and types it is given; zip through a small writer
 * of our own that stores entries exactly as written (bad names, lying sizes, symlinks).
 *   mkarchive tar|tgz|txz|zip|rawtar OUT SPEC...   (rawtar: f:, hd: and claim: only)
 * SPEC: f:NAME=DATA  x:NAME=DATA (mode 0755)  m:OCTAL:NAME=DATA  d:NAME  l:NAME=TARGET
 *       h:NAME=TARGET (hard link)  hd:NAME=TARGET (hard link carrying data)  p:NAME (FIFO)
 *       c:NAME (char device)  z:NAME=BYTES (BYTES zero bytes)  claim:NAME=BYTES (rawtar: a
 *       header claiming BYTES, then the archive ends)  lie:NAME=DATA (zip: directory says 1 byte
 * less)
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

struct spec {
    char kind[8];
    unsigned mode;
    char name[1024];
    char value[1024];
};

static int parse_spec(const char *s, struct spec *sp)
{
    const char *colon = strchr(s, ':');
    memset(sp, 0, sizeof(*sp));
    if (!colon || (size_t)(colon - s) >= sizeof(sp->kind))
        return -1;
    memcpy(sp->kind, s, (size_t)(colon - s));
    s = colon + 1;
    if (strcmp(sp->kind, "m") == 0) {
        sp->mode = (unsigned)strtoul(s, NULL, 8);
        s = strchr(s, ':');
        if (!s)
            return -1;
        s++;
    }
    const char *eq = strchr(s, '=');
    size_t nlen = eq ? (size_t)(eq - s) : strlen(s);
    if (nlen >= sizeof(sp->name))
        return -1;
    memcpy(sp->name, s, nlen);
    if (eq)
        snprintf(sp->value, sizeof(sp->value), "%s", eq + 1);
    return 0;
}

static int write_tar(const char *fmt, const char *out, struct spec *specs, int n)
{
    struct archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (strcmp(fmt, "tgz") == 0)
        archive_write_add_filter_gzip(a);
    else if (strcmp(fmt, "txz") == 0)
        archive_write_add_filter_xz(a);
    if (archive_write_open_filename(a, out) != ARCHIVE_OK)
        return 1;
    for (int i = 0; i < n; i++) {
        struct spec *sp = &specs[i];
        struct archive_entry *e = archive_entry_new();
        const char *data = sp->value;
        int64_t size = 0;
        archive_entry_set_pathname(e, sp->name);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_filetype(e, AE_IFREG);
        if (!strcmp(sp->kind, "f") || !strcmp(sp->kind, "x") || !strcmp(sp->kind, "m")) {
            size = (int64_t)strlen(data);
            if (sp->kind[0] == 'x')
                archive_entry_set_perm(e, 0755);
            if (sp->kind[0] == 'm')
                archive_entry_set_perm(e, sp->mode);
        } else if (!strcmp(sp->kind, "d")) {
            archive_entry_set_filetype(e, AE_IFDIR);
            archive_entry_set_perm(e, 0755);
        } else if (!strcmp(sp->kind, "l")) {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, data);
        } else if (!strcmp(sp->kind, "h") || !strcmp(sp->kind, "hd")) {
            archive_entry_set_hardlink(e, data);
            size = sp->kind[1] == 'd' ? 5 : 0;
        } else if (!strcmp(sp->kind, "p")) {
            archive_entry_set_filetype(e, AE_IFIFO);
        } else if (!strcmp(sp->kind, "c")) {
            archive_entry_set_filetype(e, AE_IFCHR);
            archive_entry_set_rdev(e, 0x0103);
        } else if (!strcmp(sp->kind, "z")) {
            size = strtoll(data, NULL, 10);
        }
        archive_entry_set_size(e, size);
        archive_write_header(a, e);
        if (!strcmp(sp->kind, "z")) {
            static char zeros[1 << 16];
            for (int64_t left = size; left > 0; left -= (int64_t)sizeof(zeros))
                archive_write_data(a, zeros,
                                   left < (int64_t)sizeof(zeros) ? (size_t)left : sizeof(zeros));
        } else if (!strcmp(sp->kind, "hd")) {
            archive_write_data(a, "HELLO", 5);
        } else if (size > 0) {
            archive_write_data(a, data, (size_t)size);
        }
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return 0;
}

/* One raw ustar header block, for what libarchive's writer will not produce (it drops the
 * data of hard links): a hard link that carries data. */
static void raw_tar_header(FILE *f, const char *name, char type, const char *link, size_t size)
{
    unsigned char h[512];
    unsigned sum = 0;
    memset(h, 0, sizeof(h));
    snprintf((char *)h, 100, "%s", name);
    snprintf((char *)h + 100, 8, "%07o", 0644);
    snprintf((char *)h + 108, 8, "%07o", 0);
    snprintf((char *)h + 116, 8, "%07o", 0);
    snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size);
    snprintf((char *)h + 136, 12, "%011o", 0);
    memset(h + 148, ' ', 8);
    h[156] = (unsigned char)type;
    snprintf((char *)h + 157, 100, "%s", link);
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    for (int i = 0; i < 512; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    fwrite(h, 1, 512, f);
}

static int write_raw_tar(const char *out, struct spec *specs, int n)
{
    FILE *f = fopen(out, "wb");
    static const char pad[512];
    if (!f)
        return 1;
    for (int i = 0; i < n; i++) {
        struct spec *sp = &specs[i];
        if (!strcmp(sp->kind, "claim")) {
            /* a header claiming a huge size, then the file simply ends */
            raw_tar_header(f, sp->name, '0', "", (size_t)strtoull(sp->value, NULL, 10));
            return fclose(f) == 0 ? 0 : 1;
        }
        bool link = !strcmp(sp->kind, "hd");
        const char *data = link ? "HELLO" : sp->value;
        size_t size = strlen(data);
        raw_tar_header(f, sp->name, link ? '1' : '0', link ? sp->value : "", size);
        fwrite(data, 1, size, f);
        fwrite(pad, 1, (512 - size % 512) % 512, f);
    }
    fwrite(pad, 1, 512, f);
    fwrite(pad, 1, 512, f);
    return fclose(f) == 0 ? 0 : 1;
}

static void put16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xff), f);
    fputc((int)((v >> 8) & 0xff), f);
}

static void put32(FILE *f, uint32_t v)
{
    put16(f, v & 0xffff);
    put16(f, v >> 16);
}

/* A stored (uncompressed) zip, names and attributes exactly as given. */
static int write_zip(const char *out, struct spec *specs, int n)
{
    FILE *f = fopen(out, "wb");
    uint32_t offsets[256], crcs[256], sizes[256], attrs[256];
    if (!f || n > 256)
        return 1;
    for (int i = 0; i < n; i++) {
        struct spec *sp = &specs[i];
        const char *data = sp->kind[0] == 'd' ? "" : sp->value;
        sizes[i] = (uint32_t)strlen(data);
        crcs[i] = (uint32_t)crc32(0, (const Bytef *)data, sizes[i]);
        attrs[i] = (uint32_t)(!strcmp(sp->kind, "l")   ? (S_IFLNK | 0777)
                              : !strcmp(sp->kind, "d") ? (S_IFDIR | 0755)
                                                       : (S_IFREG | 0644))
                   << 16;
        offsets[i] = (uint32_t)ftell(f);
        put32(f, 0x04034b50);
        put16(f, 20), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, crcs[i]), put32(f, sizes[i]), put32(f, sizes[i]);
        put16(f, (unsigned)strlen(sp->name)), put16(f, 0);
        fwrite(sp->name, 1, strlen(sp->name), f);
        fwrite(data, 1, sizes[i], f);
    }
    uint32_t cd = (uint32_t)ftell(f);
    for (int i = 0; i < n; i++) {
        struct spec *sp = &specs[i];
        uint32_t declared = !strcmp(sp->kind, "lie") ? sizes[i] - 1 : sizes[i];
        put32(f, 0x02014b50);
        put16(f, 0x031e), put16(f, 20), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, crcs[i]), put32(f, declared), put32(f, declared);
        put16(f, (unsigned)strlen(sp->name)), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, attrs[i]), put32(f, offsets[i]);
        fwrite(sp->name, 1, strlen(sp->name), f);
    }
    uint32_t cd_size = (uint32_t)ftell(f) - cd;
    put32(f, 0x06054b50);
    put16(f, 0), put16(f, 0), put16(f, (unsigned)n), put16(f, (unsigned)n);
    put32(f, cd_size), put32(f, cd), put16(f, 0);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct spec specs[256];
    if (argc < 4 || argc - 3 > 256) {
        fprintf(stderr, "usage: mkarchive tar|tgz|txz|zip OUT SPEC...\n");
        return 2;
    }
    for (int i = 3; i < argc; i++)
        if (parse_spec(argv[i], &specs[i - 3]) != 0) {
            fprintf(stderr, "bad spec %s\n", argv[i]);
            return 2;
        }
    if (strcmp(argv[1], "zip") == 0)
        return write_zip(argv[2], specs, argc - 3);
    if (strcmp(argv[1], "rawtar") == 0)
        return write_raw_tar(argv[2], specs, argc - 3);
    return write_tar(argv[1], argv[2], specs, argc - 3);
}
