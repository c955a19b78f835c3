/*
 * strutil.h: small, bounded string helpers shared by the parsers. Every copy is bounded
 * and always NUL-terminates; nothing here allocates unless its name says so.
 */
#ifndef BS_STRUTIL_H
#define BS_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Copies at most size-1 bytes of src into dst and terminates; returns strlen(src). */
size_t bs_strlcpy(char *dst, const char *src, size_t size);
/* strsep(3), which not every C library has: the next token of *s up to one of delim
 * (the delimiter is overwritten with NUL, *s moves past it, NULL at the end). */
char *bs_strsep(char **s, const char *delim);
/* The last `lines` lines of text (a child's output, for an error hint), into out. */
void bs_tail_lines(const char *text, int lines, char *out, size_t size);
/* Copies n bytes of src (not NUL-terminated) into dst, bounded and terminated. */
void bs_strncpy_bounded(char *dst, size_t size, const char *src, size_t n);
/* Trims ASCII white space (and CR) at both ends in place; returns s. */
char *bs_trim(char *s);
bool bs_starts_with(const char *s, const char *prefix);
bool bs_contains_nocase(const char *haystack, const char *needle);
bool bs_equals_nocase(const char *a, const char *b);
/* Compares at most n bytes, ASCII letters without case (as strncasecmp, locale-free). */
int bs_strncasecmp_ascii(const char *a, const char *b, size_t n);
/* The first character of s that is not a space or tab. */
const char *bs_skip_space(const char *s);

/* Line iterator over a mutable buffer: returns each line (CR/LF stripped) or NULL at end.
 * *cursor starts at the buffer and is advanced; the buffer is modified in place. */
char *bs_next_line(char **cursor);

/* "<dir>/<rel>" into out; returns 0, or -ENAMETOOLONG when it does not fit. */
int bs_path_join(char *out, size_t size, const char *dir, const char *rel);

/* Splits a line in place on commas into at most max trimmed cells; returns how many.
 * No quoting: the tools whose CSV we read (nvidia-smi, rocm-smi) never quote. */
int bs_split_csv(char *line, char **cells, int max);

/* Parses a non-negative decimal integer with optional surrounding space; -1 if none. */
long long bs_parse_ll(const char *s);

#endif
