/*
 * request.h: what the person asked for, as the front-end parsed it (the command line, the
 * wizard, a bundle): the command and every setting. Operations take it read-only; only the
 * front-end fills it (cli/options.c), so a window could fill the same struct.
 */
#ifndef BS_REQUEST_H
#define BS_REQUEST_H

#include <stdbool.h>

typedef enum bs_command {
    BS_CMD_NONE = 0,
    BS_CMD_INSTALL,
    BS_CMD_DOCTOR,
    BS_CMD_REPAIR,
    BS_CMD_CUDNN,
    BS_CMD_UNINSTALL,
    BS_CMD_HELP,
    BS_CMD_PYTHON,
    BS_CMD_OS_DEPS,
    BS_CMD_CACHE,
    BS_CMD_BUNDLE,
    BS_CMD_COUNT
} bs_command;

typedef struct bs_config {
    bs_command command;
    bs_command help_for; /* `help CMD` or `CMD --help` */
    bool show_help;
    bool show_version;
    char *root; /* owned: --root, else $INVOKEAI_ROOT, else ~/invokeai */
    bool yes;
    bool quiet;
    int verbose;
    bool json;
    bool color; /* decided from --no-color, NO_COLOR and whether stdout is a terminal */
    bool no_color_flag;
    const char *backend;          /* --backend, NULL = auto */
    const char *invokeai_version; /* --version VALUE after install/doctor/repair */
    bool pre;
    bool dry_run;
    const char *action;          /* the word after cudnn, python or cache (status, find, ...) */
    const char *python;          /* --python auto|3.11|3.12|managed|PATH, NULL = auto */
    const char *python_mirror;   /* --python-mirror URL */
    const char *python_manifest; /* --python-manifest FILE|URL */
    const char *cacert;          /* --cacert FILE, else $SSL_CERT_FILE */
    long connect_timeout_s;      /* download tuning; 0 = the fetch defaults */
    long low_speed_time_s;
    long retries;
    long retry_max_time_s;
    const char *index_url;       /* --index-url URL (package index mirror) */
    const char *torch_index_url; /* --torch-index-url BASE (backend indexes at BASE/<backend>) */
    const char *find_links;      /* --find-links DIR (a folder of wheels) */
    bool offline;                /* --offline: no network at all */
    bool full;                   /* repair --full: re-create the venv */
    bool reinstall_python;       /* repair --reinstall-python */
    bool no_os_deps;             /* install --no-os-deps: leave the OS packages alone */
    bool print_only;             /* os-deps --print: the commands, nothing run */
    const char *vcredist_url;    /* --vcredist-url URL|FILE: the VC++ installer (Windows) */
    const char *cudnn_from;      /* cudnn patch --from ZIP|DIR */
    const char *cudnn_backup;    /* cudnn restore --backup ID */
    const char
        *cache_dir; /* --cache-dir DIR, else $INVOKEAI_BOOTSTRAP_CACHE; NULL: <root>/.cache */
    bool purge;     /* uninstall --purge: the user's data too */
    const char *bundle_out;           /* bundle --out DIR */
    const char *bundle;               /* install --bundle DIR|URL */
    const char *python_manifest_json; /* a bundle's Python build (set by install --bundle) */
    const char *lock_url;             /* --lock-url BASE|none: InvokeAI's uv.lock per release */
    bool no_prefetch;                 /* --no-prefetch: pip downloads the packages itself */
    const char *platform;             /* bundle --platform P: for another platform */
} bs_config;

#endif
