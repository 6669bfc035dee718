#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H
/* The Linux system calls that Glibc's Swift module does not show: renameat2 (glibc >= 2.28,
   Linux >= 3.15) with its flags, statx's mount-root attribute, prctl. Reached only through Files.swift in the library. */
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <linux/stat.h>

/* statx (glibc >= 2.28, Linux >= 4.11): declared by sys/stat.h only under _GNU_SOURCE. */
extern int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buffer);

#ifndef STATX_ATTR_MOUNT_ROOT
#define STATX_ATTR_MOUNT_ROOT 0x00002000
#endif

extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

/// Exchanges the names `a` and `b` (both must exist) in one system call.
static inline int csystem_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2u /* RENAME_EXCHANGE */);
}

/// Renames `from` to `to`, failing with EEXIST when `to` exists.
static inline int csystem_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, 1u /* RENAME_NOREPLACE */);
}

/// Whether `path` (symlinks followed) is the root of a mount: 1 yes, 0 no, -1 with errno set,
/// -2 when the kernel does not say (statx's STATX_ATTR_MOUNT_ROOT, Linux >= 5.8).
static inline int csystem_is_mount_root(const char *path) {
    struct statx info;
    if (statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &info) != 0) return -1;
    if (!(info.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) return -2;
    return (info.stx_attributes & STATX_ATTR_MOUNT_ROOT) ? 1 : 0;
}

/// Adds 1 to the counter at `counter` (shared by processes that map the same file) and
/// returns the new value: the fault-injection seam's call count (SystemCalls.swift).
static inline long long csystem_count_call(long long *counter) {
    return __atomic_add_fetch(counter, 1, __ATOMIC_SEQ_CST);
}

/// Asks the kernel to send this process SIGTERM when its parent ends (prctl is variadic:
/// Swift cannot call it).
static inline int csystem_terminate_with_parent(void) {
    return prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
}
#endif
