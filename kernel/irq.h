/*
 * kernel/irq.h: device interrupts, the generic interface
 * (kernel/irq.c over the arch's controller code in arch/x86_64/irq.c).
 *
 * IRQ numbers are the legacy ISA numbers 0-15 for PC devices (routed
 * through the ACPI MADT overrides to an I/O APIC pin, or to the 8259 PIC
 * on machines without an APIC) and global system interrupts above that.
 * The core sends the end-of-interrupt; handlers only service their device.
 * Handlers run with interrupts off and must not sleep.
 */
#pragma once
#include "kernel/types.h"

#define IRQ_MAX		64	/* IRQ numbers 0 .. IRQ_MAX - 1 */

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

/*
 * irq_register - run @fn(@irq, @arg) on each interrupt of @irq, shown as
 * @name in /proc/interrupts, and unmask it.  Several handlers may share an
 * IRQ.  Returns 0, -EINVAL (bad number), -ENOMEM, or -EBUSY when there
 * is no controller to deliver it.
 */
int	irq_register(unsigned int irq, const char *name, irq_handler_t fn,
		     void *arg);

/* irq_free - remove the handler; masks the IRQ when none is left. 0/-ENOENT. */
int	irq_free(unsigned int irq, irq_handler_t fn, void *arg);

void	irq_mask(unsigned int irq);
void	irq_unmask(unsigned int irq);

/* irq_count - how many times @irq was delivered (for /proc/interrupts). */
uint64_t irq_count(unsigned int irq);

/* irq_name - the name of the first handler of @irq, or NULL. */
const char *irq_name(unsigned int irq);

/*
 * irq_dispatch - called by the arch's trap code for device interrupt @irq:
 * counts it and runs its handlers.  Context: interrupt.
 */
void	irq_dispatch(unsigned int irq);
