/*
 * kernel/systab_io.c: the table fragment of pipes and I/O multiplexing,
 * kernel/sys_pipe.c (kernel/syscall.c merges the fragments).
 */
#include "kernel/sys.h"
#include "kernel/syscall.h"
#include "kernel/unistd_nr.h"

#define S(fn) ((syscall_fn)(fn))

const syscall_fn systab_io[SYSCALL_MAX] = {
	/* kernel/sys_pipe.c */
	[__NR_pipe] = S(sys_pipe),
	[__NR_pipe2] = S(sys_pipe2),
	[__NR_poll] = S(sys_poll),
	[__NR_ppoll] = S(sys_ppoll),
	[__NR_select] = S(sys_select),
	[__NR_pselect6] = S(sys_pselect6),
};
