/*
 * arch/x86_64/thread.c: the machine side of threads: initial stacks, the
 * per-CPU pointer in the GS base, the kernel stack in the TSS.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"

extern void x86_thread_start(void);

/* arch_thread_stack_init - see arch.h.  The frame arch_switch pops. */
uintptr_t
arch_thread_stack_init(uintptr_t top, void (*entry)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)(top & ~15ull);

	/* After arch_switch's ret, rsp is 16-aligned again, so the call in
	 * x86_thread_start enters thread_start as the ABI wants. */
	*--sp = (uint64_t)(uintptr_t)x86_thread_start;
	*--sp = 0;				/* rbp */
	*--sp = 0;				/* rbx */
	*--sp = (uint64_t)(uintptr_t)entry;	/* r12 */
	*--sp = (uint64_t)(uintptr_t)arg;	/* r13 */
	*--sp = 0;				/* r14 */
	*--sp = 0;				/* r15 */
	return (uintptr_t)sp;
}

void
arch_set_kernel_stack(uintptr_t top)
{
	x86_set_kernel_stack(top);
}

/*
 * arch_cpu_local_init - the GS base points at the CPU structure, whose
 * first word points at itself, so `mov %gs:0` yields it.  The kernel GS
 * base (swapped in by swapgs on entry from user mode) starts at 0.
 */
void
arch_cpu_local_init(void *cpu)
{
	x86_wrmsr(X86_MSR_GS_BASE, (uint64_t)(uintptr_t)cpu);
	x86_wrmsr(X86_MSR_KERNEL_GS_BASE, 0);
}

void *
arch_cpu_local(void)
{
	void *p;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

bool
arch_irq_enabled(void)
{
	return x86_read_rflags() & X86_RFLAGS_IF;
}
