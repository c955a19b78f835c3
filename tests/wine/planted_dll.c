/*
 * planted_dll.c: a DLL that a Wine test drops beside the .exe under the names of system
 * DLLs (bcrypt.dll, crypt32.dll), as an attacker would in a Downloads folder. Loaded, it
 * leaves a marker file named by the PLANTED_MARKER variable; the test fails if it exists.
 */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID reserved)
{
    (void)self;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        wchar_t path[1024];
        if (GetEnvironmentVariableW(L"PLANTED_MARKER", path, 1024) > 0) {
            HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
            if (h != INVALID_HANDLE_VALUE)
                CloseHandle(h);
        }
    }
    return TRUE;
}

/* The one function the control program imports, so the loader has a reason to load us. */
__declspec(dllexport) LONG WINAPI
    BCryptGenRandom(void *alg, unsigned char *buf, ULONG n, ULONG flags)
{
    (void)alg;
    (void)flags;
    for (ULONG i = 0; i < n; i++)
        buf[i] = 4; /* chosen by a fair dice roll: this DLL must never be used */
    return 0;
}
