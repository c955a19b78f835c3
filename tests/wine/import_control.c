/*
 * import_control.c: the control for the planted-DLL test. It imports BCryptGenRandom the
 * ordinary way, so Windows (and Wine) load bcrypt.dll from the program's own folder first:
 * run beside the planted DLL it must leave the marker, or the test could not see a plant.
 */
#include <windows.h>

LONG WINAPI BCryptGenRandom(void *alg, unsigned char *buf, ULONG n, ULONG flags);

int main(void)
{
    unsigned char b[4];
    return BCryptGenRandom(NULL, b, sizeof(b), 2 /* BCRYPT_USE_SYSTEM_PREFERRED_RNG */) == 0 ? 0
                                                                                             : 1;
}
