/*
 * arch/x86_64/arch.c: the generic side of the arch contract (arch/arch.h)
 * that is not descriptor tables or traps.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/trap.h"

#define QEMU_DEBUG_EXIT_PORT	0xf4

/* arch_init - see arch.h.  Context: boot, CPU 0, interrupts off. */
void
arch_init(void)
{
	x86_gdt_init();
	x86_idt_init();
	x86_cpu_init();
	arch_user_init();
}

/* arch_halt - see arch.h.  Context: any; never returns. */
void
arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void
arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

void
arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

void
arch_cpu_relax(void)
{
	__asm__ volatile("pause");
}

/* arch_debug_exit - see arch.h.  Context: any. */
void
arch_debug_exit(unsigned int code)
{
	outl(QEMU_DEBUG_EXIT_PORT, code);
}

/* kernel_frame_ok - whether @fp can be a frame pointer on a kernel stack. */
static bool
kernel_frame_ok(uintptr_t fp)
{
	return fp >= DIRECT_MAP_BASE && (fp & 7) == 0 &&
	       fp < (uintptr_t)-16;
}

/*
 * arch_backtrace - see arch.h.  Each frame is {saved rbp, return address};
 * -fno-omit-frame-pointer keeps the chain intact.  Context: any.
 */
void
arch_backtrace(uintptr_t fp, void (*fn)(uintptr_t pc, void *arg), void *arg,
	       int max)
{
	if (fp == 0)
		fp = x86_read_rbp();
	for (int i = 0; i < max && kernel_frame_ok(fp); i++) {
		const uintptr_t *frame = (const uintptr_t *)fp;
		if (frame[1] == 0)
			break;
		fn(frame[1], arg);
		if (frame[0] <= fp)	/* stacks grow down: callers are above */
			break;
		fp = frame[0];
	}
}
