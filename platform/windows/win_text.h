/*
 * win_text.h: the core speaks UTF-8 with '/' or '\' separators; Windows' W functions take
 * UTF-16. These convert, and give long paths the \\?\ form so that a deep site-packages
 * path works even where the LongPathsEnabled policy is off.
 */
#ifndef PLAT_WIN_TEXT_H
#define PLAT_WIN_TEXT_H

#include <windows.h>

/* UTF-8 -> UTF-16 (caller frees), or NULL with errno set. */
wchar_t *win_wide(const char *utf8);
/* A path for a W function: absolute, backslashes, \\?\-prefixed when long (caller frees). */
wchar_t *win_path(const char *utf8);
/* UTF-16 -> UTF-8 (caller frees), or NULL. */
char *win_utf8(const wchar_t *wide);
/* GetLastError() as a negative errno, for the core's one error convention. */
int win_err(DWORD code);

#endif
