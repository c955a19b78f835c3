/*
 * os_deps.h: what the operating system must provide besides Python, decided from facts:
 * OpenCV's libraries on Linux (the package names for this distribution and release), the
 * VC++ runtime and long paths on Windows, the Xcode command line tools on macOS. Pure:
 * the act and CLI layers run what this decides.
 */
#ifndef BS_OS_DEPS_H
#define BS_OS_DEPS_H

#include "decide/check.h"
#include "core/tables.h"
#include "core/facts.h"

#include <stdbool.h>
#include <stddef.h>

#define BS_MAX_OS_PKGS 8

typedef struct bs_os_packages {
    char family[16];  /* "debian", "fedora", "arch", "suse"; "" for an unknown distribution */
    char manager[16]; /* "apt-get", "dnf", "pacman", "zypper" */
    char install[48]; /* the install words: "apt-get install -y" */
    /* One package per slot, this release's name first; alt is the name the same package
     * has on releases before or after a rename (libglib2.0-0 / libglib2.0-0t64), "" if none:
     * the package manager is asked which of the two it has. */
    char names[BS_MAX_OS_PKGS][32];
    char alt[BS_MAX_OS_PKGS][32];
    int count;
    char missing[64]; /* the libraries missing, for messages */
} bs_os_packages;

/* The package family for this distribution: os-release ID first, then ID_LIKE; NULL when
 * the table has none. */
const bs_pkg_family *bs_pkg_family_for(const bs_facts *f, const bs_tables *t);
/* The packages that would provide OpenCV's missing libraries (count 0: none missing, or not
 * Linux). Returns 0. */
int bs_os_packages_for(const bs_facts *f, const bs_tables *t, bs_os_packages *out);
/* The command a person would type: "[sudo ]apt-get install -y libgl1 ...". */
void bs_os_packages_command(const bs_os_packages *p, bool as_root, char *out, size_t size);

/* The checks of this area (ids opencv-libs, vcredist, long-paths, xcode-clt); root is the
 * install root, for the long-path arithmetic. Not applicable: pass, "not needed on X". */
void bs_check_opencv_libs(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_vcredist(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_long_paths(const bs_facts *f, const bs_tables *t, const char *root, bs_check *c);
void bs_check_xcode_clt(const bs_facts *f, bs_check *c);

/* What an exit code of Microsoft's VC++ installer means: 0 installed, 1638 a newer one is
 * already there (both fine), 3010 installed but a restart is needed; anything else failed.
 * Returns 0 for success (*reboot set for 3010), -1 for failure. */
int bs_vcredist_exit_meaning(int code, bool *reboot);

#endif
