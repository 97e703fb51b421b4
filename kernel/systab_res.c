/*
 * kernel/systab_res.c: the table fragment of the resource family
 * (kernel/sys_res.c) and the process-group family (kernel/sys_pgrp.c);
 * kernel/syscall.c merges the fragments.
 */
#include "kernel/sys.h"
#include "kernel/syscall.h"
#include "kernel/unistd_nr.h"

#define S(fn) ((syscall_fn)(fn))

const syscall_fn systab_res[SYSCALL_MAX] = {
	/* kernel/sys_res.c */
	[__NR_getrusage] = S(sys_getrusage),
	[__NR_times] = S(sys_times),
	[__NR_getrlimit] = S(sys_getrlimit),
	[__NR_setrlimit] = S(sys_setrlimit),
	[__NR_prlimit64] = S(sys_prlimit64),
	[__NR_sysinfo] = S(sys_sysinfo),
	/* kernel/sys_pgrp.c */
	[__NR_setpgid] = S(sys_setpgid),
	[__NR_getpgid] = S(sys_getpgid),
	[__NR_getpgrp] = S(sys_getpgrp),
	[__NR_setsid] = S(sys_setsid),
	[__NR_getsid] = S(sys_getsid),
};
