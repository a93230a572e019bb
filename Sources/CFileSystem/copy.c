#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#include <sys/syscall.h>
#endif
#include "CFileSystem.h"

long audit_site_copy_range(int from, int to, unsigned long length) {
#if defined(__linux__) && defined(SYS_copy_file_range)
    long copied = (long)syscall(SYS_copy_file_range, from, (void *)0, to, (void *)0, length, 0u);
    if (copied >= 0) return copied;
    // Between two file systems (the cache on a disk, the output on a RAM disk) recent kernels refuse
    // copy_file_range; sendfile copies any regular file to any other, still in the kernel.
    if (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL) {
        return (long)sendfile(to, from, (void *)0, length);
    }
    return -1;
#else
    (void)from; (void)to; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
