/*
 * error.c: error records and the mapping from error codes to exit codes.
 */
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void bs_error_init(bs_error *err)
{
    if (!err)
        return;
    err->code = 0;
    err->message[0] = '\0';
    err->hint[0] = '\0';
}

int bs_error_set(bs_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

void bs_error_hint(bs_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
    va_end(ap);
}

const char *bs_code_str(int code)
{
    switch (code) {
    case BS_OK:
        return "success";
    case BS_E_USAGE:
        return "usage error";
    case BS_E_PARSE:
        return "unexpected format";
    case BS_E_NOT_FOUND:
        return "not found";
    case BS_E_REQUIREMENTS:
        return "requirements not met";
    case BS_E_NETWORK:
        return "network error";
    case BS_E_INTEGRITY:
        return "integrity check failed";
    case BS_E_FILESYSTEM:
        return "filesystem error";
    case BS_E_LOCKED:
        return "another run holds the lock";
    case BS_E_INTERRUPTED:
        return "interrupted";
    case BS_E_NOT_IMPLEMENTED:
        return "not implemented yet";
    case BS_E_CHILD:
        return "child process failed";
    case BS_E_NOMEM:
        return "out of memory";
    default:
        break;
    }
    if (code < 0 && code > -BS_E_BASE)
        return strerror(-code);
    return "unknown error";
}

int bs_exit_code_for(int code)
{
    switch (code) {
    case BS_OK:
        return BS_EXIT_OK;
    case BS_E_USAGE:
        return BS_EXIT_USAGE;
    case BS_E_REQUIREMENTS:
        return BS_EXIT_REQUIREMENTS;
    case BS_E_NETWORK:
        return BS_EXIT_NETWORK;
    case BS_E_INTEGRITY:
        return BS_EXIT_INTEGRITY;
    case BS_E_FILESYSTEM:
    case -ENOSPC:
    case -EACCES:
    case -EPERM:
    case -EROFS:
#ifdef EDQUOT /* no disk quotas in Windows' errno */
    case -EDQUOT:
#endif
        return BS_EXIT_FILESYSTEM;
    case BS_E_LOCKED:
        return BS_EXIT_LOCKED;
    case BS_E_INTERRUPTED:
        return BS_EXIT_INTERRUPTED;
    default:
        return BS_EXIT_FAILURE;
    }
}
