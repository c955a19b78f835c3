/*
 * root_lock.h: one run at a time per install root. The lock is <root>/.invokeai-bootstrap/
 * lock, held with flock (LockFileEx on Windows), so a run that is killed frees it at once;
 * the file names the holder's PID for the message a second run prints.
 */
#ifndef BS_ROOT_LOCK_H
#define BS_ROOT_LOCK_H

#include "core/error.h"

typedef struct bs_root_lock {
    int fd; /* -1 when not held */
} bs_root_lock;

/* Takes the lock (creating the folders it needs). Returns 0, BS_E_LOCKED (err names the
 * PID that holds it), or a filesystem error. */
int bs_root_lock_take(const char *root, bs_root_lock *lock, bs_error *err);
/* Releases it; a lock not held is fine. */
void bs_root_lock_release(bs_root_lock *lock);

#endif
