/*
 * arch/x86_64/irqflags.c: saving and restoring the interrupt flag, and
 * waiting for an interrupt (arch/arch.h).
 */
#include "arch/arch.h"

/* arch_irq_save - see arch.h.  Returns RFLAGS as it was.  Context: any. */
unsigned long
arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

/*
 * arch_irq_restore - see arch.h.  Reloads the whole RFLAGS that
 * arch_irq_save() returned; between the two the caller changes no other
 * flag that must survive (DF is clear by the ABI, AC only moves inside
 * the user-copy routines).  Context: any.
 */
void
arch_irq_restore(unsigned long flags)
{
	__asm__ volatile("pushq %0; popfq" : : "rm"(flags) : "memory", "cc");
}

/*
 * arch_wait_for_interrupt - see arch.h.  STI holds off interrupts until the
 * instruction after it has executed, so one that is already pending is
 * taken in HLT, not before it.  Context: kernel, interrupts on or off.
 */
void
arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}
