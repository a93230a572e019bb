#ifndef AUDIT_SITE_CFILESYSTEM_H
#define AUDIT_SITE_CFILESYSTEM_H

/// Swaps two paths atomically (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), so that
/// the published output is never missing while a new build replaces it. Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the system or file system cannot exchange: the caller falls back).
int audit_site_exchange(const char *first, const char *second);

/// Copies up to `length` bytes from one open file to another in the kernel (Linux copy_file_range,
/// or sendfile between two file systems), from and to their current offsets. Returns the count
/// copied, or -1 with errno set (ENOSYS where the system cannot: the caller falls back to read and
/// write).
long audit_site_copy_range(int from, int to, unsigned long length);

#endif
