/*
 * kernel/sys.h: the system-call handlers, one family per file
 * (kernel/sys_*.c).  Every handler takes the six argument registers, as
 * the table in kernel/syscall.c calls them.
 */
#pragma once
#include "kernel/types.h"

#define SYSCALL_ARGS long, long, long, long, long, long

/* kernel/sys_proc.c */
long	sys_fork(SYSCALL_ARGS);
long	sys_vfork(SYSCALL_ARGS);
long	sys_clone(SYSCALL_ARGS);
long	sys_execve(SYSCALL_ARGS);
long	sys_exit(SYSCALL_ARGS) __noreturn;
long	sys_exit_group(SYSCALL_ARGS) __noreturn;
long	sys_wait4(SYSCALL_ARGS);
long	sys_waitid(SYSCALL_ARGS);
long	sys_getpid(SYSCALL_ARGS);
long	sys_gettid(SYSCALL_ARGS);
long	sys_getppid(SYSCALL_ARGS);
long	sys_getuid(SYSCALL_ARGS);
long	sys_set_tid_address(SYSCALL_ARGS);

/* kernel/sys_time.c */
long	sys_clock_gettime(SYSCALL_ARGS);
long	sys_clock_getres(SYSCALL_ARGS);
long	sys_gettimeofday(SYSCALL_ARGS);
long	sys_nanosleep(SYSCALL_ARGS);
long	sys_clock_nanosleep(SYSCALL_ARGS);
long	sys_sched_yield(SYSCALL_ARGS);

/* kernel/sys_misc.c */
long	sys_uname(SYSCALL_ARGS);
long	sys_sethostname(SYSCALL_ARGS);
long	sys_getrandom(SYSCALL_ARGS);
long	sys_reboot(SYSCALL_ARGS);
long	sys_arch_prctl(SYSCALL_ARGS);

/* kernel/sys_signal.c */
long	sys_rt_sigaction(SYSCALL_ARGS);
long	sys_rt_sigprocmask(SYSCALL_ARGS);
long	sys_rt_sigpending(SYSCALL_ARGS);
long	sys_rt_sigsuspend(SYSCALL_ARGS);
long	sys_rt_sigreturn(SYSCALL_ARGS);
long	sys_sigaltstack(SYSCALL_ARGS);
long	sys_kill(SYSCALL_ARGS);
long	sys_tgkill(SYSCALL_ARGS);
long	sys_tkill(SYSCALL_ARGS);
long	sys_pause(SYSCALL_ARGS);
long	sys_alarm(SYSCALL_ARGS);
long	sys_setitimer(SYSCALL_ARGS);
long	sys_getitimer(SYSCALL_ARGS);

/* kernel/sys_mem.c */
long	sys_brk(SYSCALL_ARGS);
long	sys_mmap(SYSCALL_ARGS);
long	sys_munmap(SYSCALL_ARGS);
long	sys_mprotect(SYSCALL_ARGS);
long	sys_madvise(SYSCALL_ARGS);

/* kernel/sys_file.c */
long	sys_read(SYSCALL_ARGS);
long	sys_write(SYSCALL_ARGS);
long	sys_pread64(SYSCALL_ARGS);
long	sys_pwrite64(SYSCALL_ARGS);
long	sys_readv(SYSCALL_ARGS);
long	sys_writev(SYSCALL_ARGS);
long	sys_preadv(SYSCALL_ARGS);
long	sys_pwritev(SYSCALL_ARGS);
long	sys_lseek(SYSCALL_ARGS);
long	sys_ioctl(SYSCALL_ARGS);
long	sys_fstat(SYSCALL_ARGS);
long	sys_getdents64(SYSCALL_ARGS);
long	sys_open(SYSCALL_ARGS);
long	sys_openat(SYSCALL_ARGS);
long	sys_creat(SYSCALL_ARGS);
long	sys_close(SYSCALL_ARGS);
long	sys_dup(SYSCALL_ARGS);
long	sys_dup2(SYSCALL_ARGS);
long	sys_dup3(SYSCALL_ARGS);
long	sys_fcntl(SYSCALL_ARGS);

/* kernel/sys_fs.c */
long	sys_stat(SYSCALL_ARGS);
long	sys_lstat(SYSCALL_ARGS);
long	sys_newfstatat(SYSCALL_ARGS);
long	sys_statx(SYSCALL_ARGS);
long	sys_mkdir(SYSCALL_ARGS);
long	sys_mkdirat(SYSCALL_ARGS);
long	sys_mknod(SYSCALL_ARGS);
long	sys_mknodat(SYSCALL_ARGS);
long	sys_rmdir(SYSCALL_ARGS);
long	sys_unlink(SYSCALL_ARGS);
long	sys_unlinkat(SYSCALL_ARGS);
long	sys_rename(SYSCALL_ARGS);
long	sys_renameat(SYSCALL_ARGS);
long	sys_renameat2(SYSCALL_ARGS);
long	sys_link(SYSCALL_ARGS);
long	sys_linkat(SYSCALL_ARGS);
long	sys_symlink(SYSCALL_ARGS);
long	sys_symlinkat(SYSCALL_ARGS);
long	sys_mount(SYSCALL_ARGS);
long	sys_statfs(SYSCALL_ARGS);
long	sys_fstatfs(SYSCALL_ARGS);
long	sys_utimensat(SYSCALL_ARGS);
long	sys_futimesat(SYSCALL_ARGS);
long	sys_utimes(SYSCALL_ARGS);
long	sys_utime(SYSCALL_ARGS);
long	sys_sync(SYSCALL_ARGS);
long	sys_syncfs(SYSCALL_ARGS);
long	sys_fsync(SYSCALL_ARGS);
long	sys_fdatasync(SYSCALL_ARGS);
long	sys_umount2(SYSCALL_ARGS);
long	sys_readlink(SYSCALL_ARGS);
long	sys_readlinkat(SYSCALL_ARGS);
long	sys_access(SYSCALL_ARGS);
long	sys_faccessat(SYSCALL_ARGS);
long	sys_faccessat2(SYSCALL_ARGS);
long	sys_chmod(SYSCALL_ARGS);
long	sys_fchmod(SYSCALL_ARGS);
long	sys_fchmodat(SYSCALL_ARGS);
long	sys_umask(SYSCALL_ARGS);
long	sys_truncate(SYSCALL_ARGS);
long	sys_ftruncate(SYSCALL_ARGS);
long	sys_chdir(SYSCALL_ARGS);
long	sys_fchdir(SYSCALL_ARGS);
long	sys_getcwd(SYSCALL_ARGS);

/* kernel/sys_pipe.c */
long	sys_pipe(SYSCALL_ARGS);
long	sys_pipe2(SYSCALL_ARGS);
long	sys_poll(SYSCALL_ARGS);
long	sys_ppoll(SYSCALL_ARGS);
long	sys_select(SYSCALL_ARGS);
long	sys_pselect6(SYSCALL_ARGS);

/* kernel/sys_res.c */
long	sys_getrusage(SYSCALL_ARGS);
long	sys_times(SYSCALL_ARGS);
long	sys_getrlimit(SYSCALL_ARGS);
long	sys_setrlimit(SYSCALL_ARGS);
long	sys_prlimit64(SYSCALL_ARGS);
long	sys_sysinfo(SYSCALL_ARGS);

/* kernel/sys_pgrp.c */
long	sys_setpgid(SYSCALL_ARGS);
long	sys_getpgid(SYSCALL_ARGS);
long	sys_getpgrp(SYSCALL_ARGS);
long	sys_setsid(SYSCALL_ARGS);
long	sys_getsid(SYSCALL_ARGS);
