/*
 * win_text.c: UTF-8/UTF-16 conversion, long path prefixes and Win32 error codes as errno.
 */
#include "platform/windows/win_text.h"

#include <errno.h>
#include <stdlib.h>
#include <wchar.h>

wchar_t *win_wide(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
    if (n <= 0) {
        errno = EILSEQ;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof(wchar_t));
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, n);
    return w;
}

char *win_utf8(const wchar_t *wide)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (s)
        WideCharToMultiByte(CP_UTF8, 0, wide, -1, s, n, NULL, NULL);
    return s;
}

wchar_t *win_path(const char *utf8)
{
    wchar_t *w = win_wide(utf8);
    if (!w)
        return NULL;
    /* Already in \\?\ or \\.\ form: pass through untouched. */
    if (wcsncmp(w, L"\\\\?\\", 4) == 0 || wcsncmp(w, L"\\\\.\\", 4) == 0)
        return w;
    DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
    if (n == 0)
        return w;
    /* Room for the longest prefix, \\?\UNC\ (8), over what \\ it replaces. */
    wchar_t *full = malloc(((size_t)n + 8) * sizeof(wchar_t));
    if (!full)
        return w;
    wchar_t *body = full + 8;
    if (GetFullPathNameW(w, n, body, NULL) == 0 || wcslen(body) < MAX_PATH - 12) {
        /* Short paths stay as they are: some tools mishandle the prefix. */
        free(full);
        return w;
    }
    free(w);
    if (wcsncmp(body, L"\\\\", 2) == 0) {
        wchar_t *start = body - 6; /* "\\server\share" -> "\\?\UNC\server\share" */
        wmemcpy(start, L"\\\\?\\UNC", 7);
        memmove(start + 7, body + 1, (wcslen(body + 1) + 1) * sizeof(wchar_t));
        memmove(full, start, (wcslen(start) + 1) * sizeof(wchar_t));
        return full;
    }
    wchar_t *start = body - 4;
    wmemcpy(start, L"\\\\?\\", 4);
    memmove(full, start, (wcslen(start) + 1) * sizeof(wchar_t));
    return full;
}

int win_err(DWORD code)
{
    switch (code) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
        return -ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return -EACCES;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return -EEXIST;
    case ERROR_DIR_NOT_EMPTY:
        return -ENOTEMPTY;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return -ENOSPC;
    case ERROR_WRITE_PROTECT:
        return -EROFS;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return -ENOMEM;
    case ERROR_FILENAME_EXCED_RANGE:
        return -ENAMETOOLONG;
    case ERROR_DIRECTORY:
        return -ENOTDIR;
    default:
        return -EIO;
    }
}
