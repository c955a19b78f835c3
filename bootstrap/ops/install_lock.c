/*
 * install_lock.c: the wheel set from the uv.lock each InvokeAI release publishes (6.14 and
 * later): fetched from --lock-url's base (or GitHub's copy with the default indexes, which
 * are the ones it names), walked for the plan's backend extra and the target's markers and
 * wheel tags, and accepted only when it pins exactly the planned torch build.
 */
#include "act/fs_tree.h"
#include "act/uv_lock.h"
#include "ops/install.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LOCK_BASE "https://raw.githubusercontent.com/invoke-ai/InvokeAI"
#define FIRST_LOCKED_RELEASE "6.14.0"

/* The base of the per-release locks: --lock-url, else GitHub's copy when the indexes are
 * the ones the lock names (a mirror's URLs differ, so the lock could not be used). */
static const char *lock_base(const bs_install *in)
{
    if (in->cfg.lock_url)
        return strcmp(in->cfg.lock_url, "none") == 0 ? NULL : in->cfg.lock_url;
    if (in->cfg.index_url || in->cfg.torch_index_url)
        return NULL;
    return DEFAULT_LOCK_BASE;
}

/* The lock's name for the backend: its torch extras are cpu, cuda and rocm. */
static const char *lock_extra(const char *index)
{
    if (strcmp(index, "cpu") == 0)
        return "cpu";
    if (bs_starts_with(index, "cu"))
        return "cuda";
    if (bs_starts_with(index, "rocm"))
        return "rocm";
    return "";
}

/* The lock must pin the very builds the plan chose. */
static const char *lock_disagrees(const bs_install *in, const bs_resolution *r, char *why,
                                  size_t size)
{
    const bs_locked_file *torch = bs_resolution_find(r, "torch");
    const bs_locked_file *vision = bs_resolution_find(r, "torchvision");
    if (!torch || strcmp(torch->version, in->torch_version) != 0)
        snprintf(why, size, "it pins torch %s for this backend; the plan needs %s",
                 torch ? torch->version : "(none)", in->torch_version);
    else if (in->torchvision_version[0] &&
             (!vision || strcmp(vision->version, in->torchvision_version) != 0))
        snprintf(why, size, "it pins torchvision %s; the plan needs %s",
                 vision ? vision->version : "(none)", in->torchvision_version);
    else if (in->extras[0] && !bs_resolution_find(r, "xformers"))
        snprintf(why, size, "it has no xformers for this backend");
    else
        return NULL;
    return why;
}

bool bs_install_has_lock(const bs_install *in)
{
    return lock_base(in) && bs_pep440_cmp_str(in->version, FIRST_LOCKED_RELEASE) >= 0;
}

int bs_install_lock(bs_install *in, const char *python, const char *platform, bs_resolution *r,
                    bs_error *err)
{
    const char *base = lock_base(in);
    char url[1400], dir[PATH_MAX], name[96], path[PATH_MAX], extras[64], registries[2200];
    char why[256], *text = NULL;
    if (!base || bs_pep440_cmp_str(in->version, FIRST_LOCKED_RELEASE) < 0)
        return bs_error_set(err, BS_E_NOT_FOUND,
                            "InvokeAI %s publishes no uv.lock (%s and later do)%s", in->version,
                            FIRST_LOCKED_RELEASE,
                            base ? "" : ", or none applies to these indexes (--lock-url)");
    snprintf(url, sizeof(url), "%s/v%s/uv.lock", base, in->version);
    int rc = bs_fetch_text(url, &in->fo, 32u << 20, &text, err);
    if (rc)
        return rc;
    snprintf(name, sizeof(name), "v%s.uv.lock", in->version);
    rc = bs_path_join(dir, sizeof(dir), in->s->root.downloads, "locks");
    if (rc == 0 && (rc = bs_make_dirs(dir, 0755)) == 0 &&
        (rc = bs_path_join(path, sizeof(path), dir, name)) == 0)
        rc = plat_write_file_atomic(path, text, strlen(text), false);
    free(text);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot write the lock into %s", dir);
    snprintf(extras, sizeof(extras), "%s%s%s", lock_extra(in->backend.index),
             in->extras[0] ? "," : "", in->extras);
    snprintf(registries, sizeof(registries), "%s,%s", in->index_url ? in->index_url : "",
             in->torch_index);
    rc = bs_uv_lock_resolve(python, bs_os_name(in->facts.os), path, "invokeai", extras, registries,
                            platform, &in->s->cancel, r, err);
    const char *no = rc ? NULL : lock_disagrees(in, r, why, sizeof(why));
    if (no)
        rc = bs_error_set(err, BS_E_PARSE, "%s", no);
    if (rc) {
        char msg[sizeof(err->message)];
        bs_strlcpy(msg, err->message, sizeof(msg));
        if (rc != BS_E_INTERRUPTED)
            bs_error_set(err, rc, "%s: not usable for this plan (%s)", url, msg);
        bs_resolution_free(r);
        return rc;
    }
    /* The lock's root is InvokeAI's source tree; the release's wheel is the index's. */
    bs_locked_file self = {.name = "invokeai"};
    bs_strlcpy(self.version, in->version, sizeof(self.version));
    bs_strlcpy(self.filename, in->invokeai_file.filename, sizeof(self.filename));
    bs_strlcpy(self.url, in->invokeai_file.url, sizeof(self.url));
    bs_strlcpy(self.sha256, in->invokeai_file.sha256, sizeof(self.sha256));
    bs_install_say(in, "Resolved from InvokeAI %s's uv.lock: %lu packages", in->version,
                   (unsigned long)r->count + 1);
    rc = bs_resolution_add(r, &self);
    return rc ? rc : bs_install_pin_unhashed(in, r, err);
}
