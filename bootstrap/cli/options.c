/*
 * options.c: the option table, the parser and the help text made from the table.
 */
#include "cli/options.h"
#include "core/platforms.h"
#include "decide/backend_request.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/version.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD(c) (1u << (c))
#define ALL_CMDS 0xFFFFu
#define PKG_CMDS (CMD(BS_CMD_INSTALL) | CMD(BS_CMD_DOCTOR) | CMD(BS_CMD_REPAIR))
/* No command on a terminal is the install wizard, so its index options apply there too. */
#define INDEX_CMDS (PKG_CMDS | CMD(BS_CMD_NONE) | CMD(BS_CMD_BUNDLE))
#define PY_CMDS (CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR) | CMD(BS_CMD_PYTHON) | CMD(BS_CMD_BUNDLE))

typedef enum opt_id {
    OPT_ROOT,
    OPT_YES,
    OPT_QUIET,
    OPT_VERBOSE,
    OPT_JSON,
    OPT_NO_COLOR,
    OPT_PROGRAM_VERSION,
    OPT_HELP,
    OPT_BACKEND,
    OPT_INVOKEAI_VERSION,
    OPT_PRE,
    OPT_DRY_RUN,
    OPT_PYTHON,
    OPT_PYTHON_MIRROR,
    OPT_PYTHON_MANIFEST,
    OPT_CACERT,
    OPT_CONNECT_TIMEOUT,
    OPT_LOW_SPEED_TIME,
    OPT_RETRIES,
    OPT_RETRY_MAX_TIME,
    OPT_INDEX_URL,
    OPT_TORCH_INDEX_URL,
    OPT_FIND_LINKS,
    OPT_OFFLINE,
    OPT_FULL,
    OPT_REINSTALL_PYTHON,
    OPT_NO_OS_DEPS,
    OPT_PRINT,
    OPT_VCREDIST_URL,
    OPT_FROM,
    OPT_BACKUP,
    OPT_CACHE_DIR,
    OPT_PURGE,
    OPT_OUT,
    OPT_BUNDLE,
    OPT_LOCK_URL,
    OPT_NO_PREFETCH,
    OPT_PLATFORM,
} opt_id;

typedef struct bs_option {
    const char *long_name;
    char short_name;   /* 0: none */
    const char *arg;   /* metavar, NULL: a flag */
    unsigned commands; /* bit per bs_command that accepts it; CMD(BS_CMD_NONE) = before any */
    opt_id id;
    const char *help;
} bs_option;

/* --version is a flag before a command (this program's version) and takes an InvokeAI
 * version after install/doctor/repair, as the install issue specifies. */
static const bs_option options[] = {
    {"root", 0, "DIR", ALL_CMDS, OPT_ROOT,
     "install root (default $INVOKEAI_ROOT, else ~/invokeai)"},
    {"yes", 'y', NULL, ALL_CMDS, OPT_YES, "answer yes to every question (unattended)"},
    {"quiet", 'q', NULL, ALL_CMDS, OPT_QUIET, "print only errors"},
    {"verbose", 'v', NULL, ALL_CMDS, OPT_VERBOSE, "say more (repeat for even more)"},
    {"json", 0, NULL, ALL_CMDS, OPT_JSON, "machine-readable output (JSON)"},
    {"no-color", 0, NULL, ALL_CMDS, OPT_NO_COLOR, "no colours (also: NO_COLOR=1)"},
    {"version", 'V', NULL,
     CMD(BS_CMD_NONE) | CMD(BS_CMD_HELP) | CMD(BS_CMD_CUDNN) | CMD(BS_CMD_UNINSTALL) |
         CMD(BS_CMD_PYTHON) | CMD(BS_CMD_CACHE),
     OPT_PROGRAM_VERSION, "print this program's version"},
    {"version", 0, "X.Y.Z|latest", PKG_CMDS | CMD(BS_CMD_BUNDLE), OPT_INVOKEAI_VERSION,
     "InvokeAI version to install, check or bundle (default: latest)"},
    {"help", 'h', NULL, ALL_CMDS, OPT_HELP, "show help for the command"},
    {"backend", 0, "NAME", PKG_CMDS | CMD(BS_CMD_BUNDLE), OPT_BACKEND,
     "torch build: auto, cpu, cuda, cuXYZ, rocm, rocmX.Y, mps, xpu (default auto)"},
    {"pre", 0, NULL, CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR), OPT_PRE,
     "allow InvokeAI prereleases"},
    {"dry-run", 0, NULL, CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR) | CMD(BS_CMD_UNINSTALL),
     OPT_DRY_RUN, "print the plan and stop"},
    {"python", 0, "auto|3.11|3.12|managed|PATH", PY_CMDS & ~CMD(BS_CMD_BUNDLE), OPT_PYTHON,
     "which Python to use (default auto: the managed one, else a usable system one, else "
     "install the managed one)"},
    {"python-mirror", 0, "URL", PY_CMDS, OPT_PYTHON_MIRROR,
     "download Python builds from this mirror of python-build-standalone's releases"},
    {"python-manifest", 0, "FILE|URL", PY_CMDS, OPT_PYTHON_MANIFEST,
     "a table of Python builds (url, sha256, ...) in place of the built-in one"},
    {"connect-timeout", 0, "SECONDS", PY_CMDS, OPT_CONNECT_TIMEOUT,
     "give up connecting after this long (default 30)"},
    {"low-speed-time", 0, "SECONDS", PY_CMDS, OPT_LOW_SPEED_TIME,
     "abort a transfer below 1 KiB/s for this long, then resume it (default 60)"},
    {"retries", 0, "N", PY_CMDS, OPT_RETRIES, "tries per URL for transient failures (default 5)"},
    {"retry-max-time", 0, "SECONDS", PY_CMDS, OPT_RETRY_MAX_TIME,
     "time budget per download for retries (default 900)"},
    {"index-url", 0, "URL", INDEX_CMDS, OPT_INDEX_URL,
     "package index (PEP 503/691) for InvokeAI and its dependencies (default "
     "https://pypi.org/simple)"},
    {"torch-index-url", 0, "BASE", INDEX_CMDS, OPT_TORCH_INDEX_URL,
     "PyTorch indexes at BASE/<backend> (default https://download.pytorch.org/whl)"},
    {"find-links", 0, "DIR", CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR), OPT_FIND_LINKS,
     "also take wheels from this folder"},
    {"offline", 0, NULL, CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR), OPT_OFFLINE,
     "no network at all: wheels from --find-links, Python from the system, the root or a "
     "local --python-manifest"},
    {"full", 0, NULL, CMD(BS_CMD_REPAIR), OPT_FULL,
     "re-create the venv and reinstall everything (the receipt's version)"},
    {"reinstall-python", 0, NULL, CMD(BS_CMD_REPAIR), OPT_REINSTALL_PYTHON,
     "with --full: reinstall the managed Python too"},
    {"no-os-deps", 0, NULL, CMD(BS_CMD_INSTALL) | CMD(BS_CMD_NONE), OPT_NO_OS_DEPS,
     "do not install OS packages (OpenCV's libraries, ...); only report what is missing"},
    {"print", 0, NULL, CMD(BS_CMD_OS_DEPS), OPT_PRINT,
     "print the commands that would install what is missing, and run nothing"},
    {"vcredist-url", 0, "URL|FILE", CMD(BS_CMD_OS_DEPS) | CMD(BS_CMD_INSTALL) | CMD(BS_CMD_NONE),
     OPT_VCREDIST_URL,
     "Windows: Microsoft's VC++ runtime installer from here (checked to be signed by "
     "Microsoft; default https://aka.ms/vs/17/release/vc_redist.x64.exe)"},
    {"from", 0, "ZIP|DIR", CMD(BS_CMD_CUDNN), OPT_FROM,
     "cudnn patch: NVIDIA's cudnn-windows-x86_64-<version>_cuda<N>-archive.zip, or the folder "
     "it unpacks to"},
    {"backup", 0, "ID", CMD(BS_CMD_CUDNN), OPT_BACKUP,
     "cudnn restore: which backup (an id that cudnn status lists; default the newest)"},
    {"cache-dir", 0, "DIR", ALL_CMDS, OPT_CACHE_DIR,
     "downloads and pip's cache here instead of <root>/.cache (also: "
     "INVOKEAI_BOOTSTRAP_CACHE); one cache can serve several roots"},
    {"purge", 0, NULL, CMD(BS_CMD_UNINSTALL), OPT_PURGE,
     "also delete the user's models, outputs, databases and invokeai.yaml (asks, or needs --yes)"},
    {"out", 0, "DIR", CMD(BS_CMD_BUNDLE), OPT_OUT,
     "bundle: write the bundle here (a new or empty folder)"},
    {"lock-url", 0, "BASE|none",
     CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR) | CMD(BS_CMD_NONE) | CMD(BS_CMD_BUNDLE), OPT_LOCK_URL,
     "InvokeAI's uv.lock for release V at BASE/vV/uv.lock (6.14 and later; default "
     "https://raw.githubusercontent.com/invoke-ai/InvokeAI with the default indexes); none: "
     "resolve with pip"},
    {"no-prefetch", 0, NULL, CMD(BS_CMD_INSTALL) | CMD(BS_CMD_REPAIR) | CMD(BS_CMD_NONE),
     OPT_NO_PREFETCH, "let pip download the packages itself (one at a time; only torch resumes)"},
    {"platform", 0, "P", CMD(BS_CMD_BUNDLE), OPT_PLATFORM,
     "bundle: for another platform (linux-x86_64, linux-aarch64, windows-x86_64, macos-arm64); "
     "needs --backend and a release with a uv.lock"},
    {"bundle", 0, "DIR|URL", CMD(BS_CMD_INSTALL), OPT_BUNDLE,
     "install from a bundle (a folder, or https:// where one is served) with no other network"},
    {"cacert", 0, "FILE", ALL_CMDS, OPT_CACERT,
     "an extra CA bundle for HTTPS (default $SSL_CERT_FILE), added to the system's"},
};
#define OPTION_COUNT (sizeof(options) / sizeof(options[0]))

static const char *const command_names[BS_CMD_COUNT] = {"",        "install",   "doctor", "repair",
                                                        "cudnn",   "uninstall", "help",   "python",
                                                        "os-deps", "cache",     "bundle"};

static const char *const command_help[BS_CMD_COUNT] = {
    "",
    "check the machine, then install Python, torch and InvokeAI into the root",
    "check every requirement and say pass / warn / fail with a fix",
    "repair or restore torch and the venv of an existing install",
    "swap newer cuDNN DLLs into torch on Windows, and restore them (status|patch|restore)",
    "remove what this program installed, keeping models and outputs",
    "show help for a command",
    "find the Python an install uses (find), or install the managed one (install)",
    "install what the OS must provide (OpenCV's libraries on Linux, the Xcode tools on macOS)",
    "the download cache: where it is and its size (info), or empty it (clean)",
    "write an offline bundle of an install (Python, every wheel, a manifest, this program)"};

const char *bs_command_name(bs_command c)
{
    return c < BS_CMD_COUNT ? command_names[c] : "";
}

static bs_command command_by_name(const char *word)
{
    for (int c = 1; c < BS_CMD_COUNT; c++)
        if (strcmp(word, command_names[c]) == 0)
            return (bs_command)c;
    return BS_CMD_NONE;
}

void bs_config_init(bs_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
}

void bs_config_free(bs_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->root);
    cfg->root = NULL;
}

/* Finds the option a word names for the current command; NULL when unknown there. */
static const bs_option *find_option(const char *long_name, char short_name, bs_command cmd,
                                    bool *known_elsewhere)
{
    *known_elsewhere = false;
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const bs_option *o = &options[i];
        bool match = long_name ? strcmp(o->long_name, long_name) == 0 : o->short_name == short_name;
        if (!match)
            continue;
        if (o->commands & CMD(cmd))
            return o;
        *known_elsewhere = true;
    }
    return NULL;
}

/* "6.13.5", "6.0.0rc1", "5.12.0.post1": digits first, then digits, dots and a few letters. */
static bool looks_like_version(const char *v)
{
    if (!bs_version_valid(v) || strlen(v) > 31)
        return false;
    for (const char *p = v; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || (*p >= 'a' && *p <= 'z')))
            return false;
    return true;
}

static int apply_option(const bs_option *o, const char *value, bs_config *cfg, bs_error *err)
{
    switch (o->id) {
    case OPT_ROOT:
        if (!value[0])
            return bs_error_set(err, BS_E_USAGE, "--root: the directory must not be empty");
        free(cfg->root);
        cfg->root = strdup(value);
        return cfg->root ? 0 : BS_E_NOMEM;
    case OPT_YES:
        cfg->yes = true;
        return 0;
    case OPT_QUIET:
        cfg->quiet = true;
        return 0;
    case OPT_VERBOSE:
        cfg->verbose++;
        return 0;
    case OPT_JSON:
        cfg->json = true;
        return 0;
    case OPT_NO_COLOR:
        cfg->no_color_flag = true;
        return 0;
    case OPT_PROGRAM_VERSION:
        cfg->show_version = true;
        return 0;
    case OPT_HELP:
        cfg->show_help = true;
        return 0;
    case OPT_BACKEND:
        cfg->backend = value;
        return 0;
    case OPT_INVOKEAI_VERSION:
        if (strcmp(value, "latest") != 0 && !looks_like_version(value))
            return bs_error_set(err, BS_E_USAGE, "--version %s: expected X.Y.Z or 'latest'", value);
        cfg->invokeai_version = value;
        return 0;
    case OPT_PRE:
        cfg->pre = true;
        return 0;
    case OPT_DRY_RUN:
        cfg->dry_run = true;
        return 0;
    case OPT_PYTHON:
        if (!value[0])
            return bs_error_set(err, BS_E_USAGE, "--python: the value must not be empty");
        cfg->python = value;
        return 0;
    case OPT_PYTHON_MIRROR:
        if (strncmp(value, "https://", 8) != 0)
            return bs_error_set(err, BS_E_USAGE, "--python-mirror %s: must be an https:// URL",
                                value);
        cfg->python_mirror = value;
        return 0;
    case OPT_PYTHON_MANIFEST:
        cfg->python_manifest = value;
        return 0;
    case OPT_CACERT:
        cfg->cacert = value;
        return 0;
    case OPT_INDEX_URL:
    case OPT_TORCH_INDEX_URL:
        if (strncmp(value, "https://", 8) != 0)
            return bs_error_set(err, BS_E_USAGE, "--%s %s: must be an https:// URL", o->long_name,
                                value);
        *(o->id == OPT_INDEX_URL ? &cfg->index_url : &cfg->torch_index_url) = value;
        return 0;
    case OPT_FIND_LINKS:
        if (!plat_is_dir(value))
            return bs_error_set(err, BS_E_USAGE, "--find-links %s: not a directory", value);
        cfg->find_links = value;
        return 0;
    case OPT_OFFLINE:
        cfg->offline = true;
        return 0;
    case OPT_FULL:
        cfg->full = true;
        return 0;
    case OPT_REINSTALL_PYTHON:
        cfg->reinstall_python = true;
        return 0;
    case OPT_NO_OS_DEPS:
        cfg->no_os_deps = true;
        return 0;
    case OPT_PRINT:
        cfg->print_only = true;
        return 0;
    case OPT_OUT:
        cfg->bundle_out = value;
        return 0;
    case OPT_BUNDLE:
        if (strncmp(value, "http://", 7) == 0)
            return bs_error_set(err, BS_E_USAGE, "--bundle %s: must be https:// or a folder",
                                value);
        cfg->bundle = value;
        return 0;
    case OPT_LOCK_URL:
        if (strcmp(value, "none") != 0 && strncmp(value, "https://", 8) != 0)
            return bs_error_set(err, BS_E_USAGE, "--lock-url %s: must be an https:// URL or none",
                                value);
        cfg->lock_url = value;
        return 0;
    case OPT_PLATFORM:
        if (!bs_platform_parse(value, NULL, NULL))
            return bs_error_set(err, BS_E_USAGE, "--platform %s: expected %s", value,
                                bs_platform_names());
        cfg->platform = value;
        return 0;
    case OPT_NO_PREFETCH:
        cfg->no_prefetch = true;
        return 0;
    case OPT_CACHE_DIR:
        cfg->cache_dir = value;
        return 0;
    case OPT_PURGE:
        cfg->purge = true;
        return 0;
    case OPT_FROM:
        cfg->cudnn_from = value;
        return 0;
    case OPT_BACKUP:
        cfg->cudnn_backup = value;
        return 0;
    case OPT_VCREDIST_URL:
        if (strncmp(value, "http://", 7) == 0)
            return bs_error_set(err, BS_E_USAGE, "--vcredist-url %s: must be https:// or a file",
                                value);
        cfg->vcredist_url = value;
        return 0;
    case OPT_CONNECT_TIMEOUT:
    case OPT_LOW_SPEED_TIME:
    case OPT_RETRIES:
    case OPT_RETRY_MAX_TIME: {
        long long v = bs_parse_ll(value);
        if (v < 1 || v > 86400)
            return bs_error_set(err, BS_E_USAGE, "--%s %s: expected a whole number from 1 to 86400",
                                o->long_name, value);
        long *dst = o->id == OPT_CONNECT_TIMEOUT  ? &cfg->connect_timeout_s
                    : o->id == OPT_LOW_SPEED_TIME ? &cfg->low_speed_time_s
                    : o->id == OPT_RETRIES        ? &cfg->retries
                                                  : &cfg->retry_max_time_s;
        *dst = (long)v;
        return 0;
    }
    }
    return 0;
}

/* Handles one argument that starts with '-'; *i advances past a separate value. */
static int parse_option_word(int argc, char **argv, int *i, bs_config *cfg, bs_error *err)
{
    const char *word = argv[*i];
    const char *value = NULL;
    char name[64];
    const bs_option *o;
    bool elsewhere;

    if (word[1] == '-') {
        const char *eq = strchr(word + 2, '=');
        bs_strncpy_bounded(name, sizeof(name), word + 2,
                           eq ? (size_t)(eq - word - 2) : strlen(word + 2));
        value = eq ? eq + 1 : NULL;
        o = find_option(name, 0, cfg->command, &elsewhere);
    } else {
        if (strlen(word) != 2) {
            /* Bundled short flags (-yq): each letter must be a flag. */
            for (const char *p = word + 1; *p; p++) {
                o = find_option(NULL, *p, cfg->command, &elsewhere);
                if (!o || o->arg)
                    return bs_error_set(err, BS_E_USAGE, "unknown option '-%c' in '%s'", *p, word);
                int rc = apply_option(o, "", cfg, err);
                if (rc)
                    return rc;
            }
            return 0;
        }
        snprintf(name, sizeof(name), "%c", word[1]);
        o = find_option(NULL, word[1], cfg->command, &elsewhere);
    }
    if (!o) {
        if (elsewhere)
            return bs_error_set(err, BS_E_USAGE, "option '%s' does not apply to %s", word,
                                cfg->command ? bs_command_name(cfg->command) : "this command");
        return bs_error_set(err, BS_E_USAGE, "unknown option '%s'", word);
    }
    if (!o->arg) {
        if (value)
            return bs_error_set(err, BS_E_USAGE, "option '--%s' takes no value", o->long_name);
        return apply_option(o, "", cfg, err);
    }
    if (!value) {
        if (*i + 1 >= argc)
            return bs_error_set(err, BS_E_USAGE, "option '%s' needs a value (%s)", word, o->arg);
        value = argv[++*i];
    }
    return apply_option(o, value, cfg, err);
}

static int check_combinations(bs_config *cfg, bs_error *err)
{
    if (cfg->quiet && cfg->verbose)
        return bs_error_set(err, BS_E_USAGE, "--quiet and --verbose contradict each other");
    if (cfg->command == BS_CMD_PYTHON && cfg->action && strcmp(cfg->action, "find") != 0 &&
        strcmp(cfg->action, "install") != 0)
        return bs_error_set(err, BS_E_USAGE, "python %s: expected 'find' or 'install'",
                            cfg->action);
    if (cfg->command == BS_CMD_PYTHON && !cfg->action && !cfg->show_help)
        return bs_error_set(err, BS_E_USAGE, "python: say 'find' or 'install'");
    if (cfg->command == BS_CMD_CUDNN && cfg->action && strcmp(cfg->action, "status") != 0 &&
        strcmp(cfg->action, "patch") != 0 && strcmp(cfg->action, "restore") != 0)
        return bs_error_set(err, BS_E_USAGE, "cudnn %s: expected 'status', 'patch' or 'restore'",
                            cfg->action);
    if (cfg->command == BS_CMD_BUNDLE && !cfg->show_help && !cfg->bundle_out)
        return bs_error_set(err, BS_E_USAGE, "bundle needs --out DIR");
    if (cfg->bundle && (cfg->offline || cfg->find_links || cfg->index_url || cfg->torch_index_url ||
                        cfg->invokeai_version || cfg->backend))
        return bs_error_set(err, BS_E_USAGE,
                            "--bundle brings its own version, build and wheels: drop --version, "
                            "--backend, --offline, --find-links and the index options");
    if (cfg->command == BS_CMD_CACHE && !cfg->show_help &&
        (!cfg->action || (strcmp(cfg->action, "info") != 0 && strcmp(cfg->action, "clean") != 0)))
        return bs_error_set(err, BS_E_USAGE, "cache%s%s: expected 'info' or 'clean'",
                            cfg->action ? " " : "", cfg->action ? cfg->action : "");
    if (cfg->command == BS_CMD_CUDNN && !cfg->action && !cfg->show_help)
        return bs_error_set(err, BS_E_USAGE, "cudnn: say 'status', 'patch' or 'restore'");
    if (cfg->command == BS_CMD_CUDNN && cfg->action && !cfg->show_help) {
        bool patch = strcmp(cfg->action, "patch") == 0;
        if (patch && !cfg->cudnn_from)
            return bs_error_set(err, BS_E_USAGE,
                                "cudnn patch needs --from ZIP|DIR (NVIDIA's "
                                "cuDNN for Windows)");
        if (!patch && cfg->cudnn_from)
            return bs_error_set(err, BS_E_USAGE, "--from goes with cudnn patch");
        if (cfg->cudnn_backup && strcmp(cfg->action, "restore") != 0)
            return bs_error_set(err, BS_E_USAGE, "--backup goes with cudnn restore");
    }
    if (cfg->offline && !cfg->find_links)
        return bs_error_set(err, BS_E_USAGE, "--offline needs --find-links DIR (the wheels)");
    if (cfg->offline && (cfg->index_url || cfg->torch_index_url))
        return bs_error_set(err, BS_E_USAGE,
                            "--offline uses no index: drop --index-url/--torch-index-url");
    if (cfg->reinstall_python && !cfg->full)
        return bs_error_set(err, BS_E_USAGE, "--reinstall-python goes with --full");
    bs_backend_request req;
    return cfg->backend ? bs_backend_request_parse(cfg->backend, &req, err) : 0;
}

static int default_root(bs_config *cfg)
{
    const char *env = getenv("INVOKEAI_ROOT");
    if (cfg->root)
        return 0;
    if (env && *env) {
        cfg->root = strdup(env);
        return cfg->root ? 0 : BS_E_NOMEM;
    }
    char *home = plat_home_dir();
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_printf(&b, "%s%cinvokeai", home ? home : ".", plat_dir_sep());
    free(home);
    cfg->root = bs_buf_take(&b);
    return cfg->root ? 0 : BS_E_NOMEM;
}

int bs_parse_args(int argc, char **argv, bs_config *cfg, bs_error *err)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        int rc;
        if (!options_done && strcmp(word, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && word[0] == '-' && word[1] != '\0') {
            if ((rc = parse_option_word(argc, argv, &i, cfg, err)) != 0)
                return rc;
            continue;
        }
        if (cfg->command == BS_CMD_NONE) {
            cfg->command = command_by_name(word);
            if (cfg->command == BS_CMD_NONE)
                return bs_error_set(err, BS_E_USAGE,
                                    "unknown command '%s' (install, doctor, repair, cudnn, "
                                    "uninstall, cache, help)",
                                    word);
            continue;
        }
        if (cfg->command == BS_CMD_HELP && cfg->help_for == BS_CMD_NONE) {
            cfg->help_for = command_by_name(word);
            if (cfg->help_for == BS_CMD_NONE)
                return bs_error_set(err, BS_E_USAGE, "help: unknown command '%s'", word);
            continue;
        }
        if ((cfg->command == BS_CMD_CUDNN || cfg->command == BS_CMD_PYTHON ||
             cfg->command == BS_CMD_CACHE) &&
            !cfg->action) {
            cfg->action = word;
            continue;
        }
        return bs_error_set(err, BS_E_USAGE, "unexpected argument '%s'", word);
    }
    if (cfg->show_help && cfg->command != BS_CMD_HELP) {
        cfg->help_for = cfg->command;
        cfg->command = BS_CMD_HELP;
    }
    int rc = check_combinations(cfg, err);
    if (rc)
        return rc;
    if (!cfg->cache_dir && getenv("INVOKEAI_BOOTSTRAP_CACHE") &&
        *getenv("INVOKEAI_BOOTSTRAP_CACHE"))
        cfg->cache_dir = getenv("INVOKEAI_BOOTSTRAP_CACHE");
    if (!cfg->cacert && getenv("SSL_CERT_FILE") && *getenv("SSL_CERT_FILE"))
        cfg->cacert = getenv("SSL_CERT_FILE");
    return default_root(cfg);
}

static void append_option_help(bs_buf *b, bs_command cmd)
{
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const bs_option *o = &options[i];
        if (!(o->commands & CMD(cmd)))
            continue;
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->long_name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", o->long_name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        /* A long option name gets its help on the next line, so the column stays aligned. */
        if (strlen(left) > 28)
            bs_buf_printf(b, "  %s\n  %-28s %s\n", left, "", o->help);
        else
            bs_buf_printf(b, "  %-28s %s\n", left, o->help);
    }
}

char *bs_help_text(bs_command c)
{
    bs_buf b;
    bs_buf_init(&b);
    if (c == BS_CMD_NONE || c == BS_CMD_HELP) {
        bs_buf_puts(&b, "invokeai-bootstrap " BS_VERSION ": install, check and repair InvokeAI\n\n"
                        "Usage: invokeai-bootstrap [OPTIONS] COMMAND [OPTIONS]\n\nCommands:\n");
        for (int k = 1; k < BS_CMD_COUNT; k++)
            bs_buf_printf(&b, "  %-10s %s\n", command_names[k], command_help[k]);
        bs_buf_puts(&b, "\nOptions:\n");
        append_option_help(&b, BS_CMD_NONE);
        bs_buf_puts(&b, "\nRun 'invokeai-bootstrap help COMMAND' for a command's options.\n"
                        "Exit codes: 0 ok, 1 failure, 2 usage, 3 requirements not met, "
                        "4 network,\n5 integrity, 6 filesystem, 7 locked, 130 interrupted.\n");
    } else {
        bs_buf_printf(&b, "Usage: invokeai-bootstrap %s%s [OPTIONS]\n\n%s\n\nOptions:\n",
                      command_names[c],
                      c == BS_CMD_CUDNN    ? " status|patch|restore"
                      : c == BS_CMD_CACHE  ? " info|clean"
                      : c == BS_CMD_PYTHON ? " find|install"
                                           : "",
                      command_help[c]);
        append_option_help(&b, c);
    }
    return bs_buf_take(&b);
}
