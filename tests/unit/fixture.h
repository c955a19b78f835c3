/*
 * fixture.h: reading real machine outputs (tests/fixtures/real-outputs) in unit tests.
 */
#ifndef BS_TEST_FIXTURE_H
#define BS_TEST_FIXTURE_H

/* The whole file below BS_FIXTURES, NUL-terminated; the test fails if it is missing.
 * The caller frees. */
char *fixture_read(const char *relpath);

#endif
