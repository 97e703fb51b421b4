/*
 * kernel/syscall.h: the system-call table (kernel/syscall.c).
 *
 * Numbers, arguments and results follow the Linux x86_64 ABI: the number
 * in rax, up to six arguments, the result or -errno in rax.  One family of
 * calls per file (kernel/sys_*.c, shared/STYLE.md R7); each declares its
 * handlers here and syscall.c puts them in the table.  A number with no
 * handler returns -ENOSYS and logs one rate-limited line naming it and
 * the program.
 */
#pragma once
#include "kernel/types.h"

#define SYSCALL_MAX	512

typedef long (*syscall_fn)(long a0, long a1, long a2, long a3, long a4,
			   long a5);

/* syscall_dispatch - run system call @nr.  Context: thread, interrupts on. */
long	syscall_dispatch(unsigned long nr, long a0, long a1, long a2, long a3,
			 long a4, long a5);

/* syscall_exit_work - what is due before returning to user mode
 * (rescheduling; signals later).  Context: thread. */
void	syscall_exit_work(void);

/* syscall_implemented - whether @nr has a handler. */
bool	syscall_implemented(unsigned long nr);

/* syscall_init - assemble the table from the families.  Context: boot. */
void	syscall_init(void);

/* The table fragments, one per family (kernel/systab_*.c). */
extern const syscall_fn systab_fs[SYSCALL_MAX];
extern const syscall_fn systab_proc[SYSCALL_MAX];
extern const syscall_fn systab_io[SYSCALL_MAX];
extern const syscall_fn systab_res[SYSCALL_MAX];
