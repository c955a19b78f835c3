/*
 * platform.h: the one interface between the core and the operating system.
 *
 * Everything the core needs from the OS (files, directories, free space, child processes,
 * the machine's name for itself) is declared here, and CMake picks one implementation file
 * per OS for each group. Core code never includes an OS header for these jobs, so the same
 * probe and act code runs on Linux, macOS and Windows.
 *
 * Error convention: functions return 0 or a negative code (-errno, or a BS_E* code).
 * Memory returned through out-parameters is owned by the caller and freed with free()
 * unless a dedicated _free function is named.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* open(2) flags that not every OS has. Windows: handles are made non-inheritable by
 * _O_NOINHERIT, there are no symlinks to refuse in our fresh staging folders, and files
 * are opened in binary mode by plat_init. */
#if !defined(O_CLOEXEC) && defined(_O_NOINHERIT)
#define O_CLOEXEC _O_NOINHERIT
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

/* ---- start-up ---- */

/* Called first thing in main: on Windows, DLLs are then loaded from System32 only (never
 * from the Downloads folder the program was started from), files open in binary mode and
 * the console speaks UTF-8. Nothing to do on POSIX. */
void plat_init(void);

/* ---- files ---- */

/* Reads at most max bytes of path into a NUL-terminated buffer (*out, caller frees). */
int plat_read_file(const char *path, size_t max, char **out, size_t *len);
bool plat_exists(const char *path);
bool plat_is_dir(const char *path);
bool plat_is_executable_file(const char *path);
/* Names in a directory, without "." and ".."; free with plat_free_names. */
int plat_list_dir(const char *path, char ***names, size_t *count);
void plat_free_names(char **names, size_t count);
/* Lets a copied program run (mode 0755; nothing to do on Windows). 0 or -errno. */
int plat_make_executable(const char *path);
/* This program's own executable, absolute (caller frees), or NULL where the OS does not
 * say. */
char *plat_self_exe(void);
/* Canonical absolute path (caller frees), or NULL. */
char *plat_realpath(const char *path);
/* path made absolute against the working directory, without touching the disk beyond
 * asking where we are (caller frees), or NULL. Nothing is resolved: see plat_realpath. */
char *plat_absolute_path(const char *path);

/* Free space for an unprivileged user on the filesystem holding path. When path does not
 * exist yet (an install root before install), its nearest existing ancestor is measured;
 * *measured (optional, caller frees) says which directory that was. */
int plat_disk_free(const char *path, uint64_t *free_bytes, char **measured);
/* Whether path lives on a RAM-backed filesystem (tmpfs/ramfs). */
int plat_is_ram_fs(const char *path, bool *is_ram);

/* An exclusive lock on a file that dies with the process (flock / LockFileEx). Returns 0
 * and the open file in *fd (closing it releases the lock), or BS_E_LOCKED with the PID
 * written there by the holder in *holder (0 when unknown), or -errno. The file keeps our
 * PID while we hold it. */
int plat_lock_file(const char *path, int *fd, long *holder);
void plat_unlock_file(int fd);

/* Makes one directory (mode is ignored where the OS has no modes). Returns 0, -EEXIST when
 * something is already there, or -errno. */
int plat_mkdir(const char *path, unsigned mode);
/* Makes a fresh private directory from a template ending in XXXXXX, in place. */
int plat_make_temp_dir(char *tmpl);
/* Removes a file or a directory tree; links (symlinks, junctions) are removed, never
 * followed, so a hostile archive cannot make cleanup delete anything outside. A path that
 * does not exist is not an error. */
int plat_remove_tree(const char *path);
/* Bytes in the files of a tree (a file: its size), links counted as themselves and never
 * followed. A path that does not exist is 0 bytes. Returns 0 or -errno. */
int plat_tree_size(const char *path, uint64_t *bytes);
/* Whether path itself is a symbolic link (or, on Windows, a junction or other reparse
 * point), without following it. */
bool plat_is_link(const char *path);
/* A pipe of two descriptors (read end first), in binary mode, not inherited by children. */
int plat_pipe(int fds[2]);

/* Writes data to path atomically: a temporary file beside it, flushed to disk, then
 * renamed over path, so a reader sees the old file or the new one, never a torn one.
 * executable: mode 0755 instead of 0644. Returns 0 or -errno. */
int plat_write_file_atomic(const char *path, const void *data, size_t len, bool executable);
/* open(2) with a UTF-8 name on every OS (flags as O_*; mode where a file is created).
 * Returns the descriptor, or -errno. */
int plat_open(const char *path, int flags, unsigned mode);
/* fopen with a UTF-8 name on every OS, or NULL (errno set). */
FILE *plat_fopen(const char *path, const char *mode);
/* Removes one file (never a folder). Returns 0, or -errno (-ENOENT when it was not there). */
int plat_unlink(const char *path);
/* The size in bytes of an open file, or of the file at path. Returns 0 or -errno. */
int plat_fd_size(int fd, int64_t *size);
int plat_file_size(const char *path, int64_t *size);
/* Renames, replacing an existing file (rename / MoveFileEx). Returns 0 or -errno. */
int plat_rename_replace(const char *from, const char *to);

/* Flushes an open file's data to the disk (fsync / _commit), so a journal that says "copied"
 * is never ahead of the bytes. Returns 0 or -errno. */
int plat_sync_fd(int fd);
/* Whether another process holds one of the files open right now: on Windows a file that
 * cannot be opened for exclusive write (a loaded DLL gives a sharing violation), on Linux
 * one that some process has open or mapped (/proc/<pid>/fd and maps). Returns 1 and the
 * index of the first such file in *which, 0 when none is, or -errno. Where the OS gives
 * no way to tell (macOS), 0. */
int plat_files_in_use(const char *const *paths, size_t n, size_t *which);

/* ---- processes ---- */

typedef struct plat_run_result {
    int exit_code;   /* valid when !signalled && !timed_out && !spawn_failed */
    int term_signal; /* signal that ended the child, or 0 */
    bool timed_out;
    bool spawn_failed;
    char *out; /* captured stdout, NUL-terminated, never NULL after plat_run returns 0 */
    size_t out_len;
    char *err; /* captured stderr, same rules */
    size_t err_len;
    bool cancelled; /* stopped because *cancel was set */
} plat_run_result;

/* Extra settings for plat_run_ex; zero-initialise and set what is needed. */
typedef struct plat_run_opts {
    const char *const *env; /* the child's whole environment ("K=V", NULL-ended); NULL: ours */
    bool keep_tail;         /* over max_output, keep the last bytes instead of the first */
    /* When set (by the interrupt handler), the child's process group gets SIGTERM, then
     * SIGKILL 1 s later, and the run returns with res->cancelled. */
    volatile sig_atomic_t *cancel;
    /* Sees each chunk of output as it arrives (stream 1 stdout, 2 stderr). */
    void (*on_output)(void *user, int stream, const char *data, size_t len);
    void *user;
} plat_run_opts;

/* Runs argv[0] (an absolute path) with argv, no shell, stdin closed, stdout and stderr
 * captured up to max_output bytes each; kills the child after timeout_ms. Returns 0 when
 * the child was started and reaped (look at res for how it ended). */
int plat_run(const char *const argv[], int timeout_ms, size_t max_output, plat_run_result *res);
/* Runs up to PLAT_RUN_MAX children at once (same rules as plat_run, one timeout for all),
 * so slow tools (nvidia-smi, several Pythons) cost the time of the slowest, not the sum.
 * A child that could not be started has spawn_failed set. */
#define PLAT_RUN_MAX 16
int plat_run_many(const char *const *const argvs[], size_t n, int timeout_ms, size_t max_output,
                  plat_run_result res[]);
/* plat_run with the settings above (opts may be NULL). */
int plat_run_ex(const char *const argv[], const plat_run_opts *opts, int timeout_ms,
                size_t max_output, plat_run_result *res);
void plat_run_result_free(plat_run_result *res);
/* Our own environment ("K=V" strings, NULL-ended), to copy from. Not to be freed. */
const char *const *plat_environ(void);
/* Whether we run with administrator rights: root on POSIX, an elevated token on Windows. */
bool plat_is_admin(void);
/* Runs argv[0] with administrator rights (Windows: the UAC prompt, unless we have them
 * already), waits up to timeout_ms and gives its exit code. Returns 0, BS_E_INTERRUPTED
 * when the prompt was declined, -ENOSYS where there is no such thing (POSIX: sudo is the
 * package managers' business), or -errno. */
int plat_run_elevated(const char *const argv[], int timeout_ms, int *exit_code);
/* Whether the file carries a valid Authenticode signature whose signer's name is publisher
 * (Windows: WinVerifyTrust, then the signing certificate's subject). Returns 0 with the
 * signer's name in signer; BS_E_INTEGRITY with why in signer ("it is not signed", "it is
 * signed by X, not Y", ...); -ENOSYS where there is no such check. */
int plat_verify_publisher(const char *path, const char *publisher, char *signer, size_t size);
/* Our process id. */
long plat_getpid(void);
/* Sets *flag to 1 on Ctrl-C and on a request to stop (SIGTERM, SIGHUP; Ctrl-Break and
 * closing the console window on Windows, where the close waits up to 4 s for the run to
 * clean up). Called once, by main: the run has one handler and one flag. */
void plat_on_interrupt(volatile sig_atomic_t *flag);
/* Absolute path of an executable found on PATH (caller frees), or NULL. On Windows a name
 * without an extension is tried with each of PATHEXT's (.exe, .com, ...). */
char *plat_find_program(const char *name);

/* A second thread (the venv made while the wheels download, a Python build unpacked while
 * it arrives). Start returns 0 or -errno; join waits for it and frees it. */
typedef struct plat_thread plat_thread;
int plat_thread_start(plat_thread **t, void *(*fn)(void *), void *arg);
void plat_thread_join(plat_thread *t);

/* ---- the machine ---- */

/* OS family ("linux", "darwin", "windows") and CPU architecture ("x86_64", "aarch64"). */
int plat_os_arch(char *os, size_t os_size, char *arch, size_t arch_size);
bool plat_isatty(int fd);
/* The OS's product version where the core cannot read it from files ("10.0.22631" on
 * Windows); "" elsewhere (Linux and macOS are read through the sysroot and sw_vers). */
void plat_os_version(char *out, size_t size);
/* Total physical memory in MiB where the core cannot read it from files (Windows), or -1. */
long long plat_total_ram_mib(void);
/* A string value from the Windows registry, under HKEY_LOCAL_MACHINE (key with
 * backslashes, e.g. "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"), as UTF-8. Returns 0,
 * BS_E_NOT_FOUND (no such key or value, or not a string), or -ENOSYS where there is no
 * registry. A DWORD value is written in decimal. */
int plat_registry_get(const char *key, const char *name, char *out, size_t size);
/* Whether this process owns its console alone: started from a file manager (a double
 * click), not from a shell whose window stays open after we exit. */
bool plat_console_is_ours(void);
/* The user's home directory (caller frees), or NULL. */
char *plat_home_dir(void);
/* Directory separator for building paths shown to users. */
char plat_dir_sep(void);
/* Whether TLS should trust the operating system's certificate store (Windows) rather than
 * a CA bundle file found on disk. */
bool plat_tls_native_store(void);
/* Monotonic clock in milliseconds, for timeouts and durations. */
uint64_t plat_now_ms(void);
/* Waits this long (a retry's pause). */
void plat_sleep_ms(unsigned ms);

#endif
