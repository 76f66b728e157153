/*
 * seccomp.c: the system-call filter of a pre-processing worker
 * (pre.h, worker.c), installed after its limits and before it reads
 * its first job.
 *
 * duktape has no I/O bindings, so a script cannot ask for I/O; the
 * filter is defence in depth against a bug in the engine: the worker may
 * only manage memory (brk, mmap, munmap, mremap, madvise), read and
 * write its socket (the only descriptor left open but stderr), read the
 * clock (Date), read its CPU use and move its own CPU rlimit (re-armed
 * before each job), and end (exit, exit_group, rt_sigreturn).  Every other call fails with EPERM instead
 * of killing the worker, so an unexpected call inside the C library shows
 * up as a script error, not a silent death.  A non-x86-64 system call
 * ABI is refused the same way.  Without seccomp in the kernel the worker
 * runs with its rlimits only.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "pre/pre.h"

#define ALLOW(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

int
pre_seccomp(void)
{
#if defined(__x86_64__) && !PRE_SANITIZED
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		/* x32 system calls carry this bit: refuse them */
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		ALLOW(SYS_read),
		ALLOW(SYS_write),
		ALLOW(SYS_sendto),
		ALLOW(SYS_getrusage),
		ALLOW(SYS_getrlimit),
		ALLOW(SYS_setrlimit),
		ALLOW(SYS_prlimit64),
		ALLOW(SYS_clock_gettime),
		ALLOW(SYS_gettimeofday),
		ALLOW(SYS_brk),
		ALLOW(SYS_mmap),
		ALLOW(SYS_munmap),
		ALLOW(SYS_mremap),
		ALLOW(SYS_madvise),
		ALLOW(SYS_exit),
		ALLOW(SYS_exit_group),
		ALLOW(SYS_rt_sigreturn),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog prog = {
		.len = (unsigned short)(sizeof(f) / sizeof(f[0])),
		.filter = f,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0 ? 0 :
	    -1;
#else
	return -1;
#endif
}
