/*
 * fake_torch.c: stands in for a venv's Scripts\python.exe under Wine in the cuDNN tests.
 * Run with any arguments, it answers like the smoke test's script: torch's version (from
 * the torch-*.dist-info beside it) and the cuDNN version of torch\lib\cudnn64_9.dll, read
 * with Windows' own GetFileVersionInfoW, so the fixture DLLs and our PE parser are checked
 * against the OS's reader. With --hold FILE SECONDS it keeps FILE open without write
 * sharing, as a running InvokeAI holds torch's DLLs. With FAKE_TORCH_CONV_SECONDS set, the
 * smoke test's convolution run ("conv", the test after a swap) takes that long first, so a
 * test can press Ctrl-C in the middle of a patch.
 */
#include <windows.h>

#include <stdio.h>
#include <wchar.h>

static int hold(const wchar_t *file, int seconds)
{
    HANDLE h = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 1;
    printf("holding\n");
    fflush(stdout);
    Sleep((DWORD)seconds * 1000);
    CloseHandle(h);
    return 0;
}

int wmain(int argc, wchar_t **argv)
{
    wchar_t venv[MAX_PATH], pattern[MAX_PATH], dll[MAX_PATH], torch[128] = L"";
    if (argc == 4 && wcscmp(argv[1], L"--hold") == 0)
        return hold(argv[2], _wtoi(argv[3]));
    const wchar_t *slow = _wgetenv(L"FAKE_TORCH_CONV_SECONDS");
    if (slow && argc >= 2 && wcscmp(argv[argc - 1], L"conv") == 0)
        Sleep((DWORD)_wtoi(slow) * 1000);
    GetModuleFileNameW(NULL, venv, MAX_PATH);
    for (int up = 0; up < 2; up++) /* ...\.venv\Scripts\python.exe -> ...\.venv */
        *wcsrchr(venv, L'\\') = L'\0';
    swprintf(pattern, MAX_PATH, L"%ls\\Lib\\site-packages\\torch-*.dist-info", venv);
    WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileW(pattern, &fd);
    if (find != INVALID_HANDLE_VALUE) {
        size_t n = wcslen(fd.cFileName) - 6 - 10;
        wcsncpy(torch, fd.cFileName + 6, n);
        torch[n] = L'\0';
        FindClose(find);
    }
    swprintf(dll, MAX_PATH, L"%ls\\Lib\\site-packages\\torch\\lib\\cudnn64_9.dll", venv);
    DWORD ignored, size = GetFileVersionInfoSizeW(dll, &ignored);
    static unsigned char block[1 << 16];
    VS_FIXEDFILEINFO *fixed = NULL;
    UINT len = 0;
    long cudnn = 0;
    if (size && size <= sizeof(block) && GetFileVersionInfoW(dll, 0, size, block) &&
        VerQueryValueW(block, L"\\", (void **)&fixed, &len) && fixed) {
        unsigned major = HIWORD(fixed->dwFileVersionMS), minor = LOWORD(fixed->dwFileVersionMS),
                 patch = HIWORD(fixed->dwFileVersionLS);
        cudnn = (long)(major * 10000 + minor * 100 + patch);
    }
    printf("{\"torch\": \"%ls\", \"cudnn\": %ld, \"gpu\": false, \"conv\": false%s}\n", torch,
           cudnn, cudnn ? "" : ", \"error\": \"GetFileVersionInfoW found no version\"");
    return 0;
}
