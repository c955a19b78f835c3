/*
 * fake_vcredist.c: an unsigned stand-in for Microsoft's vc_redist.x64.exe. Run, it would
 * leave the marker file named by FAKE_VCREDIST_MARKER; the Wine test checks that os-deps
 * refuses it for its missing signature and that the marker never appears.
 */
#include <windows.h>

int main(void)
{
    wchar_t path[1024];
    if (GetEnvironmentVariableW(L"FAKE_VCREDIST_MARKER", path, 1024) > 0) {
        HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        if (h != INVALID_HANDLE_VALUE)
            CloseHandle(h);
    }
    return 0;
}
