/*
 * bs_unpack.c: a test driver for unpack: extracts an archive into a staging directory
 * with the given caps, prints the refusal if any, exits with the documented exit code.
 *   bs_unpack tar|zip ARCHIVE STAGING [MAX_BYTES [MAX_ENTRIES]]
 */
#include "act/unpack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    bs_unpack_limits lim = {.max_total_bytes = 1ULL << 30, .max_entries = 100000};
    bs_error err;
    if (argc < 4) {
        fprintf(stderr, "usage: bs_unpack tar|zip ARCHIVE STAGING [MAX_BYTES [MAX_ENTRIES]]\n");
        return 2;
    }
    if (argc > 4)
        lim.max_total_bytes = strtoull(argv[4], NULL, 10);
    if (argc > 5)
        lim.max_entries = strtoull(argv[5], NULL, 10);
    bs_error_init(&err);
    int rc = strcmp(argv[1], "zip") == 0 ? bs_unpack_zip(argv[2], argv[3], &lim, &err)
                                         : bs_unpack_tar(argv[2], argv[3], &lim, &err);
    if (rc) {
        fprintf(stderr, "error: %s\n", err.message[0] ? err.message : bs_code_str(rc));
        return bs_exit_code_for(rc);
    }
    return 0;
}
