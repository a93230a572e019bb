#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#include "CFileSystem.h"

long audit_site_copy_range(int from, int to, unsigned long length) {
#if defined(__linux__) && defined(SYS_copy_file_range)
    return (long)syscall(SYS_copy_file_range, from, (void *)0, to, (void *)0, length, 0u);
#else
    (void)from; (void)to; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
