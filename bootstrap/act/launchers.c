/*
 * launchers.c: invoke.sh, invoke.bat and the precision line of invokeai.yaml.
 */
#include "core/root_layout.h"
#include "act/launchers.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

/* A POSIX shell single-quoted word: ' becomes '\'' . */
static void sh_quote(bs_buf *b, const char *s)
{
    bs_buf_append(b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            bs_buf_append(b, "'\\''", 4);
        else
            bs_buf_append(b, p, 1);
    }
    bs_buf_append(b, "'", 1);
}

char *bs_launcher_sh(const char *root, bool mac)
{
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_printf(&b, "#!/bin/sh\n"
                      "# Starts InvokeAI. Written by invokeai-bootstrap; rerunning the installer\n"
                      "# rewrites it. Arguments are passed to invokeai-web.\n"
                      "INVOKEAI_ROOT=");
    sh_quote(&b, root);
    bs_buf_printf(&b, "\nexport INVOKEAI_ROOT\n");
    if (mac)
        /* The managed Python's OpenSSL has no certificates of its own on macOS (hence
         * python.org's "Install Certificates.command"): point it at the system's bundle,
         * which macOS ships and updates, unless the user chose one. */
        bs_buf_printf(&b, "PYTORCH_ENABLE_MPS_FALLBACK=1\nexport PYTORCH_ENABLE_MPS_FALLBACK\n"
                          "SSL_CERT_FILE=\"${SSL_CERT_FILE:-/etc/ssl/cert.pem}\"\n"
                          "export SSL_CERT_FILE\n");
    bs_buf_printf(&b, "exec \"$INVOKEAI_ROOT/.venv/bin/invokeai-web\" \"$@\"\n");
    return bs_buf_take(&b);
}

char *bs_launcher_bat(const char *root)
{
    bs_buf b;
    bs_buf_init(&b);
    /* cmd.exe: "set "VAR=value"" keeps spaces and most specials literal; % must double,
     * and chcp 65001 lets a non-ASCII root (written as UTF-8) through. */
    bs_buf_printf(&b, "@echo off\r\n"
                      "rem Starts InvokeAI. Written by invokeai-bootstrap; rerunning the "
                      "installer rewrites it.\r\n"
                      "setlocal\r\n"
                      "chcp 65001 >nul\r\n"
                      "set \"INVOKEAI_ROOT=");
    for (const char *p = root; *p; p++) {
        if (*p == '%')
            bs_buf_append(&b, "%%", 2);
        else if (*p == '/')
            bs_buf_append(&b, "\\", 1);
        else
            bs_buf_append(&b, p, 1);
    }
    bs_buf_printf(&b, "\"\r\n"
                      "\"%%INVOKEAI_ROOT%%\\.venv\\Scripts\\invokeai-web.exe\" %%*\r\n"
                      "endlocal\r\n");
    return bs_buf_take(&b);
}

int bs_launchers_write(const char *root, bool mac, bs_error *err)
{
    char path[4096];
    char *sh = bs_launcher_sh(root, mac), *bat = bs_launcher_bat(root);
    int rc = (!sh || !bat) ? BS_E_NOMEM : 0;
    if (rc == 0 && (rc = bs_root_path(root, BS_ROOT_LAUNCHER_SH, path, sizeof(path))) == 0)
        rc = plat_write_file_atomic(path, sh, strlen(sh), true);
    if (rc == 0 && (rc = bs_root_path(root, BS_ROOT_LAUNCHER_BAT, path, sizeof(path))) == 0)
        rc = plat_write_file_atomic(path, bat, strlen(bat), false);
    free(sh);
    free(bat);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc));
    return 0;
}

char *bs_yaml_set_precision(const char *existing, const char *value)
{
    bs_buf b;
    bool done = false;
    bs_buf_init(&b);
    if (!existing) {
        /* The header the app writes itself, so it recognises the file as its own. */
        bs_buf_printf(&b, "# Internal metadata - do not edit:\nschema_version: 4.0.2\n\n"
                          "# Put user settings here - see "
                          "https://invoke-ai.github.io/InvokeAI/configuration/:\n");
        existing = "";
    }
    for (const char *line = existing; *line;) {
        size_t len = strcspn(line, "\n");
        /* Only a top-level key: an indented "precision:" belongs to some other mapping. */
        if (strncmp(line, "precision:", 10) == 0)
            done = true; /* the user's own choice stands */
        bs_buf_append(&b, line, len);
        bs_buf_append(&b, "\n", 1);
        line += len + (line[len] == '\n');
    }
    if (!done)
        bs_buf_printf(&b, "precision: %s\n", value);
    return bs_buf_take(&b);
}

int bs_invokeai_yaml_precision(const char *root, const char *value, bool *changed, bs_error *err)
{
    char path[4096];
    char *old = NULL;
    *changed = false;
    if (bs_path_join(path, sizeof(path), root, "invokeai.yaml") != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: path too long", root);
    int rc = plat_read_file(path, 1u << 20, &old, NULL);
    if (rc && plat_exists(path))
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc));
    char *text = bs_yaml_set_precision(rc ? NULL : old, value);
    if (!text) {
        free(old);
        return BS_E_NOMEM;
    }
    if (!old || strcmp(old, text) != 0) {
        rc = plat_write_file_atomic(path, text, strlen(text), false);
        *changed = rc == 0;
    } else {
        rc = 0;
    }
    free(old);
    free(text);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc));
    return 0;
}
