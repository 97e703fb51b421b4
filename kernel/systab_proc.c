/*
 * kernel/systab_proc.c: the table fragment of the process, time, misc and
 * memory families (kernel/syscall.c merges the fragments).
 */
#include "kernel/sys.h"
#include "kernel/syscall.h"
#include "kernel/unistd_nr.h"

#define S(fn)	((syscall_fn)(fn))

const syscall_fn systab_proc[SYSCALL_MAX] = {
	[__NR_fork] = S(sys_fork),
	[__NR_vfork] = S(sys_vfork),
	[__NR_clone] = S(sys_clone),
	[__NR_execve] = S(sys_execve),
	[__NR_exit] = S(sys_exit),
	[__NR_exit_group] = S(sys_exit_group),
	[__NR_wait4] = S(sys_wait4),
	[__NR_waitid] = S(sys_waitid),
	[__NR_getpid] = S(sys_getpid),
	[__NR_gettid] = S(sys_gettid),
	[__NR_getppid] = S(sys_getppid),
	[__NR_getuid] = S(sys_getuid),
	[__NR_geteuid] = S(sys_getuid),
	[__NR_getgid] = S(sys_getuid),
	[__NR_getegid] = S(sys_getuid),
	[__NR_set_tid_address] = S(sys_set_tid_address),
	[__NR_clock_gettime] = S(sys_clock_gettime),
	[__NR_clock_getres] = S(sys_clock_getres),
	[__NR_gettimeofday] = S(sys_gettimeofday),
	[__NR_nanosleep] = S(sys_nanosleep),
	[__NR_clock_nanosleep] = S(sys_clock_nanosleep),
	[__NR_sched_yield] = S(sys_sched_yield),
	[__NR_uname] = S(sys_uname),
	[__NR_sethostname] = S(sys_sethostname),
	[__NR_getrandom] = S(sys_getrandom),
	[__NR_reboot] = S(sys_reboot),
	[__NR_arch_prctl] = S(sys_arch_prctl),
	[__NR_rt_sigaction] = S(sys_rt_sigaction),
	[__NR_rt_sigprocmask] = S(sys_rt_sigprocmask),
	[__NR_rt_sigpending] = S(sys_rt_sigpending),
	[__NR_rt_sigsuspend] = S(sys_rt_sigsuspend),
	[__NR_rt_sigreturn] = S(sys_rt_sigreturn),
	[__NR_sigaltstack] = S(sys_sigaltstack),
	[__NR_kill] = S(sys_kill),
	[__NR_tgkill] = S(sys_tgkill),
	[__NR_tkill] = S(sys_tkill),
	[__NR_pause] = S(sys_pause),
	[__NR_alarm] = S(sys_alarm),
	[__NR_setitimer] = S(sys_setitimer),
	[__NR_getitimer] = S(sys_getitimer),
	[__NR_brk] = S(sys_brk),
	[__NR_mmap] = S(sys_mmap),
	[__NR_munmap] = S(sys_munmap),
	[__NR_mprotect] = S(sys_mprotect),
	[__NR_madvise] = S(sys_madvise),
};
