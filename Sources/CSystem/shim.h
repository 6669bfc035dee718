#ifndef CSYSTEM_SHIM_H
#define CSYSTEM_SHIM_H
/* The Linux system calls that Glibc's Swift module does not show: renameat2 (glibc >= 2.28,
   Linux >= 3.15) with its flags. Reached only through Files.swift in the library. */
#include <fcntl.h>

extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

/// Exchanges the names `a` and `b` (both must exist) in one system call.
static inline int csystem_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2u /* RENAME_EXCHANGE */);
}

/// Renames `from` to `to`, failing with EEXIST when `to` exists.
static inline int csystem_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, 1u /* RENAME_NOREPLACE */);
}
#endif
