/*
 * fixture.c: fixture file loading for the unit tests.
 */
#include "unit/fixture.h"
#include "platform/platform.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

char *fixture_read(const char *relpath)
{
    char path[1024];
    char *text = NULL;
    snprintf(path, sizeof(path), "%s/%s", BS_FIXTURES, relpath);
    if (plat_read_file(path, 16 * 1024 * 1024, &text, NULL) != 0)
        fail_msg("fixture missing: %s", path);
    return text;
}
