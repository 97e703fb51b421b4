/*
 * kernel/syscall.c: the system-call table and dispatcher (syscall.h).
 *
 * Each family contributes a fragment (kernel/systab_*.c); syscall_init
 * merges them into one table at boot and panics if two families claim the
 * same number (a build mistake, caught at the first boot).
 */
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"

static syscall_fn table[SYSCALL_MAX];		/* [I] after syscall_init */
static const syscall_fn *const fragments[] = { systab_proc, systab_fs,
						 systab_io, systab_res };
static uint64_t last_unknown_log;		/* rate limit, ns */
static unsigned int unknown_suppressed;

/* syscall_init - see syscall.h.  Context: boot. */
void
syscall_init(void)
{
	unsigned int n = 0;

	for (size_t f = 0; f < ARRAY_SIZE(fragments); f++)
		for (unsigned int i = 0; i < SYSCALL_MAX; i++) {
			if (!fragments[f][i])
				continue;
			if (table[i])
				panic("syscall_init: two handlers for %u", i);
			table[i] = fragments[f][i];
			n++;
		}
	pr_info("syscall: %u Linux x86_64 system calls (syscall and int 0x80)\n",
		n);
}

bool
syscall_implemented(unsigned long nr)
{
	return nr < SYSCALL_MAX && table[nr];
}

/* log_unknown - one line per second at most, then a count of the rest. */
static void
log_unknown(unsigned long nr)
{
	struct proc *p = current_proc();
	uint64_t now = time_ns();

	if (last_unknown_log && now - last_unknown_log < NSEC_PER_SEC) {
		unknown_suppressed++;
		return;
	}
	/* debug level: in the log (dmesg) but not on the consoles, where
	 * it would land in the middle of a program's output on a terminal
	 * (musl's realloc tries mremap, for one, and copes) */
	pr_debug("syscall: %s[%d] called unknown system call %lu (ENOSYS)%s\n",
		p ? p->comm : "?", p ? p->pid : 0, nr,
		unknown_suppressed ? " (more suppressed)" : "");
	last_unknown_log = now;
	unknown_suppressed = 0;
}

/* syscall_dispatch - see syscall.h. */
long
syscall_dispatch(unsigned long nr, long a0, long a1, long a2, long a3, long a4,
		 long a5)
{
	if (nr >= SYSCALL_MAX || !table[nr]) {
		log_unknown(nr);
		return -ENOSYS;
	}
	return table[nr](a0, a1, a2, a3, a4, a5);
}

/* syscall_exit_work - see syscall.h. */
void
syscall_exit_work(void)
{
	struct cpu *cpu = this_cpu();

	if (cpu->need_resched)
		thread_yield();
}
