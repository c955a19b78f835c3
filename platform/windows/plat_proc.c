/*
 * plat_proc.c: child processes on Windows. The argv array becomes one command line quoted
 * by the rules CommandLineToArgvW and the C runtime parse (so a path with spaces or quotes
 * arrives as one argument); stdin is NUL; stdout and stderr are pipes whose write ends are
 * the only handles the child inherits (PROC_THREAD_ATTRIBUTE_HANDLE_LIST, so children run
 * side by side never hold each other's pipes open); each child runs in a job object, so a
 * timeout ends what it started too.
 */
#include "platform/common/capture.h"
#include "platform/common/run.h"
#include "platform/platform.h"
#include "core/error.h"
#include "platform/windows/win_text.h"

#include <shellapi.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct child {
    HANDLE process, job;
    HANDLE pipes[2]; /* read ends of stdout and stderr; NULL once closed */
    struct capture cap[2];
    bool started;
};

/* Appends one argument, quoted when it needs to be: backslashes are literal except before
 * a quote, where they are doubled, and the quote itself is escaped. */
static void quote_arg(wchar_t *out, size_t *n, const wchar_t *arg)
{
    if (*arg && !wcspbrk(arg, L" \t\n\v\"")) {
        wcscpy(out + *n, arg);
        *n += wcslen(arg);
        return;
    }
    out[(*n)++] = L'"';
    for (const wchar_t *p = arg;; p++) {
        size_t slashes = 0;
        while (*p == L'\\') {
            p++;
            slashes++;
        }
        if (*p == L'\0') {
            for (size_t i = 0; i < slashes * 2; i++) /* before the closing quote */
                out[(*n)++] = L'\\';
            break;
        }
        if (*p == L'"') {
            for (size_t i = 0; i < slashes * 2 + 1; i++)
                out[(*n)++] = L'\\';
        } else {
            for (size_t i = 0; i < slashes; i++)
                out[(*n)++] = L'\\';
        }
        out[(*n)++] = *p;
    }
    out[(*n)++] = L'"';
}

static wchar_t *command_line(const char *const argv[])
{
    size_t need = 1;
    for (int i = 0; argv[i]; i++)
        need += strlen(argv[i]) * 2 + 3; /* worst case: every character escaped, quotes, space */
    wchar_t *line = malloc(need * sizeof(wchar_t));
    size_t n = 0;
    if (!line)
        return NULL;
    for (int i = 0; argv[i]; i++) {
        wchar_t *w = win_wide(argv[i]);
        if (!w) {
            free(line);
            return NULL;
        }
        if (i > 0)
            line[n++] = L' ';
        quote_arg(line, &n, w);
        free(w);
    }
    line[n] = L'\0';
    return line;
}

/* A NUL-separated, double-NUL-ended UTF-16 block from "K=V" strings. */
static wchar_t *env_block(const char *const *env)
{
    size_t total = 1, n = 0;
    for (int i = 0; env[i]; i++)
        total += strlen(env[i]) + 1;
    wchar_t *block = malloc(total * sizeof(wchar_t));
    if (!block)
        return NULL;
    for (int i = 0; env[i]; i++) {
        int got = MultiByteToWideChar(CP_UTF8, 0, env[i], -1, block + n, (int)(total - n));
        if (got <= 0) {
            free(block);
            return NULL;
        }
        n += (size_t)got;
    }
    block[n] = L'\0';
    return block;
}

static char **our_env;

const char *const *plat_environ(void)
{
    if (our_env)
        return (const char *const *)our_env;
    wchar_t *block = GetEnvironmentStringsW();
    size_t count = 0;
    for (wchar_t *p = block; p && *p; p += wcslen(p) + 1)
        count++;
    our_env = calloc(count + 1, sizeof(char *));
    size_t i = 0;
    for (wchar_t *p = block; our_env && p && *p; p += wcslen(p) + 1)
        if (*p != L'=') /* "=C:=C:\dir": cmd.exe's per-drive folders, not variables */
            our_env[i++] = win_utf8(p);
    if (block)
        FreeEnvironmentStringsW(block);
    static const char *const empty[] = {NULL};
    return our_env ? (const char *const *)our_env : empty;
}

static int child_start(struct child *c, const char *const argv[], const plat_run_opts *o,
                       size_t max_output)
{
    HANDLE write_ends[2] = {NULL, NULL}, nul = INVALID_HANDLE_VALUE;
    wchar_t *app = NULL, *line = NULL, *env = NULL;
    LPPROC_THREAD_ATTRIBUTE_LIST attrs = NULL;
    SIZE_T attrs_size = 0;
    int rc = -EIO;
    memset(c, 0, sizeof(*c));
    c->cap[0].max = c->cap[1].max = max_output;
    c->cap[0].keep_tail = c->cap[1].keep_tail = o && o->keep_tail;

    SECURITY_ATTRIBUTES inherit = {sizeof(inherit), NULL, TRUE};
    for (int k = 0; k < 2; k++)
        if (!CreatePipe(&c->pipes[k], &write_ends[k], &inherit, 0) ||
            !SetHandleInformation(c->pipes[k], HANDLE_FLAG_INHERIT, 0))
            goto cleanup;
    nul = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                      OPEN_EXISTING, 0, NULL);
    app = win_path(argv[0]);
    line = command_line(argv);
    env = o && o->env ? env_block(o->env) : NULL;
    if (nul == INVALID_HANDLE_VALUE || !app || !line || (o && o->env && !env))
        goto cleanup;

    HANDLE inherited[3] = {nul, write_ends[0], write_ends[1]};
    InitializeProcThreadAttributeList(NULL, 1, 0, &attrs_size);
    attrs = malloc(attrs_size);
    if (!attrs || !InitializeProcThreadAttributeList(attrs, 1, 0, &attrs_size) ||
        !UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited,
                                   sizeof(inherited), NULL, NULL))
        goto cleanup;
    STARTUPINFOEXW si;
    memset(&si, 0, sizeof(si));
    si.StartupInfo.cb = sizeof(si);
    si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    si.StartupInfo.hStdInput = nul;
    si.StartupInfo.hStdOutput = write_ends[0];
    si.StartupInfo.hStdError = write_ends[1];
    si.lpAttributeList = attrs;
    PROCESS_INFORMATION pi;
    /* Suspended until it is in its job, so nothing it starts can escape the job. */
    if (!CreateProcessW(app, line, NULL, NULL, TRUE,
                        CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT |
                            EXTENDED_STARTUPINFO_PRESENT,
                        env, NULL, &si.StartupInfo, &pi))
        goto cleanup;
    c->process = pi.hProcess;
    c->job = CreateJobObjectW(NULL, NULL);
    if (c->job) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION lim;
        memset(&lim, 0, sizeof(lim));
        lim.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        SetInformationJobObject(c->job, JobObjectExtendedLimitInformation, &lim, sizeof(lim));
        AssignProcessToJobObject(c->job, pi.hProcess);
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    c->started = true;
    rc = 0;
cleanup:
    if (attrs) {
        DeleteProcThreadAttributeList(attrs);
        free(attrs);
    }
    for (int k = 0; k < 2; k++) {
        if (write_ends[k])
            CloseHandle(write_ends[k]); /* ours closed: EOF comes when the child's close */
        if (rc != 0 && c->pipes[k]) {
            CloseHandle(c->pipes[k]);
            c->pipes[k] = NULL;
        }
    }
    if (nul != INVALID_HANDLE_VALUE)
        CloseHandle(nul);
    free(app);
    free(line);
    free(env);
    return rc;
}

static void child_kill(struct child *c)
{
    if (c->job)
        TerminateJobObject(c->job, 1);
    else if (c->process)
        TerminateProcess(c->process, 1);
}

/* Reads what is waiting in one pipe without blocking; false once the pipe is closed. */
static bool pipe_poll(struct child *c, int k, const plat_run_opts *o, int *rc, bool *read_any)
{
    DWORD avail = 0;
    if (!PeekNamedPipe(c->pipes[k], NULL, 0, NULL, &avail, NULL))
        return false;
    while (avail > 0) {
        char chunk[4096];
        DWORD got = 0;
        if (!ReadFile(c->pipes[k], chunk, avail < sizeof(chunk) ? avail : sizeof(chunk), &got,
                      NULL) ||
            got == 0)
            return false;
        *read_any = true;
        avail -= got;
        if (o && o->on_output)
            o->on_output(o->user, k + 1, chunk, got);
        if (capture_append(&c->cap[k], chunk, got) != 0)
            *rc = -ENOMEM;
    }
    return true;
}

static int children_drain(struct child *cs, size_t n, int timeout_ms, const plat_run_opts *o,
                          bool *timed_out, bool *cancelled)
{
    uint64_t deadline = plat_now_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    int rc = 0;
    for (;;) {
        bool open_any = false, read_any = false;
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 2; k++)
                if (cs[i].pipes[k]) {
                    if (pipe_poll(&cs[i], k, o, &rc, &read_any)) {
                        open_any = true;
                    } else {
                        CloseHandle(cs[i].pipes[k]);
                        cs[i].pipes[k] = NULL;
                    }
                }
        if (!open_any)
            return rc;
        uint64_t now = plat_now_ms();
        if (o && o->cancel && *o->cancel && !*cancelled) {
            /* Ctrl-C already reached every process on our console; give them 1 s, then
             * end the job (a close or a stop request from elsewhere reaches only us). */
            *cancelled = true;
            if (timeout_ms <= 0 || deadline > now + 1000)
                deadline = now + 1000;
            timeout_ms = 1000;
        }
        if (timeout_ms > 0 && now >= deadline) {
            for (size_t i = 0; i < n; i++)
                if (cs[i].started && (cs[i].pipes[0] || cs[i].pipes[1])) {
                    timed_out[i] = true;
                    child_kill(&cs[i]);
                    for (int k = 0; k < 2; k++)
                        if (cs[i].pipes[k]) {
                            CloseHandle(cs[i].pipes[k]);
                            cs[i].pipes[k] = NULL;
                        }
                }
            return rc;
        }
        if (!read_any)
            Sleep(5); /* anonymous pipes cannot be waited on together: poll them */
    }
}

static void child_finish(struct child *c, bool timed_out, plat_run_result *res)
{
    DWORD code = 0;
    WaitForSingleObject(c->process, INFINITE);
    GetExitCodeProcess(c->process, &code);
    res->timed_out = timed_out;
    if (!timed_out)
        res->exit_code = (int)code;
    CloseHandle(c->process);
    if (c->job)
        CloseHandle(c->job);
}

int plat_impl_run_many(const char *const *const argvs[], size_t n, const plat_run_opts *o,
                       int timeout_ms, size_t max_output, plat_run_result res[])
{
    struct child cs[PLAT_RUN_MAX];
    bool timed_out[PLAT_RUN_MAX] = {false};
    bool cancelled = false;
    if (n > PLAT_RUN_MAX)
        return -E2BIG;
    for (size_t i = 0; i < n; i++) {
        memset(&res[i], 0, sizeof(res[i]));
        if (child_start(&cs[i], argvs[i], o, max_output) != 0)
            res[i].spawn_failed = true;
    }
    int rc = children_drain(cs, n, timeout_ms, o, timed_out, &cancelled);
    for (size_t i = 0; i < n; i++) {
        if (cs[i].started)
            child_finish(&cs[i], timed_out[i], &res[i]);
        if (capture_finish(&cs[i].cap[0]) != 0 || capture_finish(&cs[i].cap[1]) != 0)
            rc = -ENOMEM;
        res[i].out = cs[i].cap[0].data;
        res[i].out_len = cs[i].cap[0].len;
        res[i].err = cs[i].cap[1].data;
        res[i].err_len = cs[i].cap[1].len;
        res[i].cancelled = cancelled;
    }
    return rc;
}

/* name as given when it already ends in one of PATHEXT's extensions, else name + each. */
static char *try_names(const char *dir, const char *name)
{
    const char *pathext = getenv("PATHEXT");
    char exts[512], candidate[MAX_PATH * 4];
    snprintf(exts, sizeof(exts), "%s", pathext && *pathext ? pathext : ".COM;.EXE;.BAT;.CMD");
    const char *dot = strrchr(name, '.');
    char *save = NULL;
    for (char *ext = strtok_s(exts, ";", &save); ext; ext = strtok_s(NULL, ";", &save)) {
        bool has = dot && _stricmp(dot, ext) == 0;
        int n = snprintf(candidate, sizeof(candidate), "%s%s%s%s", dir, *dir ? "\\" : "", name,
                         has ? "" : ext);
        if (n > 0 && (size_t)n < sizeof(candidate) && plat_is_executable_file(candidate))
            return plat_realpath(candidate);
    }
    return NULL;
}

char *plat_find_program(const char *name)
{
    if (!name || !*name)
        return NULL;
    if (strchr(name, '/') || strchr(name, '\\'))
        return try_names("", name);
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    char *copy = strdup(path), *found = NULL;
    /* PATH entries are ';'-separated; the current directory is never searched. */
    for (char *save = NULL, *dir = copy ? strtok_s(copy, ";", &save) : NULL; dir && !found;
         dir = strtok_s(NULL, ";", &save))
        if (*dir)
            found = try_names(dir, name);
    free(copy);
    return found;
}

int plat_run_elevated(const char *const argv[], int timeout_ms, int *exit_code)
{
    *exit_code = -1;
    wchar_t *file = win_path(argv[0]);
    /* The parameters are the command line after the program's own name. */
    wchar_t *params = argv[1] ? command_line(argv + 1) : NULL;
    if (!file || (argv[1] && !params)) {
        free(file);
        free(params);
        return -ENOMEM;
    }
    SHELLEXECUTEINFOW sei;
    memset(&sei, 0, sizeof(sei));
    sei.cbSize = sizeof(sei);
    sei.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC;
    /* "runas" asks UAC for an administrator token; already elevated, no prompt is needed. */
    sei.lpVerb = plat_is_admin() ? L"open" : L"runas";
    sei.lpFile = file;
    sei.lpParameters = params;
    sei.nShow = SW_HIDE;
    BOOL ok = ShellExecuteExW(&sei);
    DWORD e = GetLastError();
    free(file);
    free(params);
    if (!ok)
        return e == ERROR_CANCELLED ? BS_E_INTERRUPTED : win_err(e);
    if (!sei.hProcess)
        return -ECHILD;
    DWORD waited = WaitForSingleObject(sei.hProcess, timeout_ms > 0 ? (DWORD)timeout_ms : INFINITE);
    DWORD code = 0;
    if (waited == WAIT_OBJECT_0 && GetExitCodeProcess(sei.hProcess, &code))
        *exit_code = (int)code;
    CloseHandle(sei.hProcess);
    return waited == WAIT_OBJECT_0 ? 0 : -ETIMEDOUT;
}
