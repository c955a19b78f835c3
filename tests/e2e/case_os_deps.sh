# os-deps on fake machines without OpenCV's libraries, with fake apt-get, apt-cache, dnf,
# pacman, zypper and sudo on PATH that record their argv (the package managers also "install"
# the libraries into the sysroot, so the re-check can pass): the right command runs for each
# family, apt is asked which glib name exists, --yes as a user goes through `sudo -n`,
# --print and a missing terminal run nothing, an unknown distribution names the libraries.
. "$BS_E2E_LIB"
REC="$T/record"
LIBDIR="$SYS/usr/lib/x86_64-linux-gnu"
# libs_gone: the sysroot without libGL and glib (and no linker cache to find them in).
libs_gone() { rm -f "$LIBDIR/libGL.so.1" "$LIBDIR/libglib-2.0.so.0" "$SYS/etc/ld.so.cache"; }
: >"$REC"
for m in apt-get dnf pacman zypper; do
    cat >"$BIN/$m" <<SCRIPT
#!/bin/sh
echo "$m \$*" >>"$REC"
echo "$m: installing \$*"
: >"$LIBDIR/libGL.so.1"; : >"$LIBDIR/libglib-2.0.so.0"
SCRIPT
done
# apt-cache knows the names in $T/apt-known (one per line), as apt-cache policy prints them.
cat >"$BIN/apt-cache" <<SCRIPT
#!/bin/sh
echo "apt-cache \$*" >>"$REC"
shift
for n in "\$@"; do
    if /bin/grep -qx "\$n" "$T/apt-known"; then
        printf '%s:\n  Installed: (none)\n  Candidate: 1.0-1\n  Version table:\n' "\$n"
    fi
done
SCRIPT
cat >"$BIN/sudo" <<SCRIPT
#!/bin/sh
echo "sudo \$*" >>"$REC"
[ "\$1" = "-n" ] && shift
exec "\$@"
SCRIPT
chmod +x "$BIN"/*
printf 'libgl1\nlibglx-mesa0\nlibglib2.0-0\n' >"$T/apt-known"

# os_deps [AS_USER] ARGS...: the binary on the fake machine (as nobody when AS_USER=user).
os_deps() {
    local who="$1"
    shift
    : >"$REC"
    chmod 666 "$REC"
    set +e
    if [ "$who" = user ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i HOME="$HOMEDIR" PATH="$BIN" \
            INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" os-deps "$@" </dev/null >"$OUT" 2>"$ERR"
    else
        env -i HOME="$HOMEDIR" PATH="$BIN" INVOKEAI_BOOTSTRAP_SYSROOT="$SYS" "$BS_BIN" os-deps \
            "$@" </dev/null >"$OUT" 2>"$ERR"
    fi
    echo $? >"$RC_FILE"
    set -e
}
expect_record() { grep -qxF -- "$1" "$REC" || { echo "--- record:"; cat "$REC"; fail "no '$1' run"; }; }
expect_no_install() {
    if grep -qE '^(apt-get|dnf|pacman|zypper|sudo) ' "$REC"; then cat "$REC"; fail "$1"; fi
}
[ "$(id -u)" = 0 ] || { echo "needs root (setpriv to a user for the sudo cases): skipped"; exit 77; }
# A chroot whose top folder only root may enter (fresh-debian.sh's) lets no other user run
# anything: then the user cases cannot be had here.
setpriv --reuid=65534 --regid=65534 --clear-groups /bin/true 2>/dev/null ||
    { echo "user 65534 cannot run programs on this machine: skipped"; exit 77; }
chmod 755 "$T" "$BIN" "$SYS"
chmod -R a+rwX "$SYS"

# Debian 12 as root: apt-get directly, the names Debian 12 has; then the libraries are found.
sysroot_linux debian-12 16384
libs_gone
os_deps root --yes
expect_rc 0
expect_record "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0"
grep -q '^sudo' "$REC" && fail "root went through sudo"
[ -e "$LIBDIR/libGL.so.1" ] || fail "the fake install did not run"

# Ubuntu 24.04: the t64 name, when apt has it ...
sysroot_linux ubuntu-24.04 16384
libs_gone
printf 'libgl1\nlibglx-mesa0\nlibglib2.0-0t64\n' >"$T/apt-known"
os_deps root --yes
expect_rc 0
expect_record "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0t64"
# ... and the old name when this mirror only knows that one (apt is asked, not assumed).
libs_gone
printf 'libgl1\nlibglx-mesa0\nlibglib2.0-0\n' >"$T/apt-known"
os_deps root --yes
expect_rc 0
expect_record "apt-get install -y libgl1 libglx-mesa0 libglib2.0-0"
grep -q '^apt-cache policy .*libglib2.0-0t64' "$REC" || fail "apt-cache was not asked"

# The other families.
sysroot_linux fedora-40-workstation 16384
libs_gone
os_deps root --yes
expect_record "dnf install -y mesa-libGL glib2"
sysroot_linux arch 16384
libs_gone
os_deps root --yes
expect_record "pacman -S --needed --noconfirm libglvnd mesa glib2"
sysroot_linux opensuse-tumbleweed-20240823 16384
libs_gone
os_deps root --yes
expect_record "zypper --non-interactive install Mesa-libGL1 libglib-2_0-0"
grep -q '^apt-cache' "$REC" && fail "apt-cache asked on openSUSE"

# A user with --yes: sudo -n (never a password prompt nobody answers).
sysroot_linux debian-12 16384
libs_gone
chmod -R a+rwX "$SYS"
os_deps user --yes
expect_rc 0
expect_record "sudo -n $BIN/apt-get install -y libgl1 libglx-mesa0 libglib2.0-0"

# No terminal and no --yes: nothing runs, the command is printed, exit 3.
libs_gone
os_deps user
expect_rc 3
expect_no_install "ran a package manager without --yes and without a terminal"
grep -qF "sudo apt-get install -y libgl1 libglx-mesa0 libglib2.0-0" "$ERR" || fail "no command shown"
[ ! -e "$LIBDIR/libGL.so.1" ] || fail "libraries appeared without an install"

# --print: the command only.
os_deps user --print
expect_rc 0
[ "$(cat "$OUT")" = "sudo apt-get install -y libgl1 libglx-mesa0 libglib2.0-0" ] || fail "--print: $(cat "$OUT")"
expect_no_install "--print ran a package manager"

# A package manager that fails: exit 3, its output shown, the command to run named.
printf '#!/bin/sh\necho "E: Unable to fetch some archives" >&2\nexit 100\n' >"$BIN/apt-get"
chmod +x "$BIN/apt-get"
os_deps root --yes
expect_rc 3
grep -q "Unable to fetch" "$ERR" || fail "apt-get's error not shown"
grep -q "run it yourself: apt-get install -y" "$ERR" || fail "no command to run"

# An unknown distribution: the libraries are named, nothing runs.
sysroot_linux debian-12 16384
libs_gone
printf 'ID=gentoo\nNAME=Gentoo\n' >"$SYS/etc/os-release"
os_deps root --yes
expect_rc 3
grep -q "libGL.so.1 and libglib-2.0.so.0 missing" "$ERR" || fail "libraries not named"
expect_no_install "ran something on an unknown distribution"

# Nothing missing: nothing runs.
sysroot_linux debian-12 16384
os_deps root --yes
expect_rc 0
expect_no_install "ran a package manager with the libraries present"
grep -q "Nothing is missing" "$OUT" || fail "no all-clear"
