/*
 * plat_sys.c: what Windows says about itself: OS version and CPU (the native one, also
 * when an x64 build runs emulated on arm64), memory, consoles, the user's profile folder,
 * Ctrl-C, and the start-up hardening every Windows program started from Downloads needs.
 */
#include "core/error.h"
#include "platform/common/run.h"
#include "platform/platform.h"
#include "platform/windows/win_text.h"

#include <fcntl.h>
#include <io.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef IMAGE_FILE_MACHINE_ARM64
#define IMAGE_FILE_MACHINE_ARM64 0xAA64
#endif

void plat_init(void)
{
    /* Before anything can load a DLL: only System32, never the folder we were started
     * from (a DLL planted beside the download would run with our rights). */
    SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32);
    /* Files are bytes: no CRLF translation in the fetch cache, hashes or archives. */
    _fmode = _O_BINARY;
    SetConsoleOutputCP(CP_UTF8);
}

typedef BOOL(WINAPI *is_wow64_process2_fn)(HANDLE, USHORT *, USHORT *);

int plat_os_arch(char *os, size_t os_size, char *arch, size_t arch_size)
{
    snprintf(os, os_size, "windows");
    USHORT process = 0, native = 0;
    /* IsWow64Process2 (Windows 10 1511+) names the real CPU under x64 emulation on arm64. */
    FARPROC f = GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "IsWow64Process2");
    is_wow64_process2_fn wow = NULL;
    memcpy(&wow, &f, sizeof(wow));
    if (wow && wow(GetCurrentProcess(), &process, &native)) {
        snprintf(arch, arch_size, "%s",
                 native == IMAGE_FILE_MACHINE_ARM64   ? "aarch64"
                 : native == IMAGE_FILE_MACHINE_AMD64 ? "x86_64"
                 : native == IMAGE_FILE_MACHINE_I386  ? "x86"
                                                      : "unknown");
        return 0;
    }
    SYSTEM_INFO si;
    GetNativeSystemInfo(&si);
    snprintf(arch, arch_size, "%s",
             si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64   ? "x86_64"
             : si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_ARM64 ? "aarch64"
                                                                         : "x86");
    return 0;
}

typedef LONG(WINAPI *rtl_get_version_fn)(OSVERSIONINFOW *);

void plat_os_version(char *out, size_t size)
{
    /* GetVersionEx lies to programs without a compatibility manifest; RtlGetVersion not. */
    OSVERSIONINFOW v;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = sizeof(v);
    FARPROC f = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "RtlGetVersion");
    rtl_get_version_fn get = NULL;
    memcpy(&get, &f, sizeof(get));
    if (get && get(&v) == 0)
        snprintf(out, size, "%lu.%lu.%lu", v.dwMajorVersion, v.dwMinorVersion, v.dwBuildNumber);
    else if (size)
        out[0] = '\0';
}

long long plat_total_ram_mib(void)
{
    MEMORYSTATUSEX m;
    m.dwLength = sizeof(m);
    return GlobalMemoryStatusEx(&m) ? (long long)(m.ullTotalPhys / (1024 * 1024)) : -1;
}

bool plat_isatty(int fd)
{
    /* _isatty is true for NUL too; a console is what has a console mode. */
    DWORD mode;
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    return h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

bool plat_console_is_ours(void)
{
    /* Explorer gives a double-clicked console program a console of its own: we are then
     * its only process. From cmd.exe or PowerShell the shell is attached too. */
    DWORD pids[2];
    return GetConsoleProcessList(pids, 2) == 1;
}

char *plat_home_dir(void)
{
    wchar_t *profile = _wgetenv(L"USERPROFILE");
    if (profile && *profile)
        return win_utf8(profile);
    const char *drive = getenv("HOMEDRIVE"), *path = getenv("HOMEPATH");
    if (!drive || !path)
        return NULL;
    size_t n = strlen(drive) + strlen(path) + 1;
    char *home = malloc(n);
    if (home)
        snprintf(home, n, "%s%s", drive, path);
    return home;
}

char plat_dir_sep(void)
{
    return '\\';
}

bool plat_tls_native_store(void)
{
    return true;
}

uint64_t plat_now_ms(void)
{
    return GetTickCount64();
}

void plat_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

bool plat_is_admin(void)
{
    HANDLE token;
    TOKEN_ELEVATION elevation = {0};
    DWORD size = 0;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return false;
    BOOL ok = GetTokenInformation(token, TokenElevation, &elevation, sizeof(elevation), &size);
    CloseHandle(token);
    return ok && elevation.TokenIsElevated;
}

long plat_getpid(void)
{
    return (long)GetCurrentProcessId();
}

static BOOL WINAPI console_ctrl(DWORD event)
{
    if (!plat_impl_interrupt_flag)
        return FALSE;
    *plat_impl_interrupt_flag = 1;
    /* Closing the window, logging off or shutting down end the process when this returns:
     * give the run a moment to stop its children and release the root. */
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
        Sleep(4000);
    return TRUE; /* Ctrl-C and Ctrl-Break: handled, the run stops by itself */
}

void plat_on_interrupt(volatile sig_atomic_t *flag)
{
    plat_impl_interrupt_flag = flag;
    SetConsoleCtrlHandler(console_ctrl, TRUE);
}

int plat_registry_get(const char *key, const char *name, char *out, size_t size)
{
    wchar_t *wkey = win_wide(key), *wname = win_wide(name);
    wchar_t data[1024];
    DWORD type = 0, bytes = sizeof(data) - sizeof(wchar_t);
    LSTATUS st = wkey && wname ? RegGetValueW(HKEY_LOCAL_MACHINE, wkey, wname,
                                              RRF_RT_REG_SZ | RRF_RT_REG_DWORD, &type, data, &bytes)
                               : ERROR_OUTOFMEMORY;
    free(wkey);
    free(wname);
    if (size)
        out[0] = '\0';
    if (st != ERROR_SUCCESS)
        return st == ERROR_OUTOFMEMORY ? -ENOMEM : BS_E_NOT_FOUND;
    if (type == REG_DWORD) {
        DWORD v;
        memcpy(&v, data, sizeof(v));
        snprintf(out, size, "%lu", (unsigned long)v);
        return 0;
    }
    data[bytes / sizeof(wchar_t)] = L'\0';
    char *utf8 = win_utf8(data);
    if (!utf8)
        return -ENOMEM;
    snprintf(out, size, "%s", utf8);
    free(utf8);
    return 0;
}
