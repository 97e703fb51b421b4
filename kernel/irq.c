/*
 * kernel/irq.c: device interrupt handlers (kernel/irq.h).
 *
 * Locks: the handler lists are changed with interrupts off (one CPU);
 * irq_dispatch runs with interrupts off.  FIXME: a spinlock per IRQ when
 * other CPUs take interrupts.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "mm/kmalloc.h"

struct irq_action {
	irq_handler_t fn;
	void	*arg;
	const char *name;
	struct irq_action *next;
};

static struct irq_action *actions[IRQ_MAX];
static uint64_t counts[IRQ_MAX];
static uint64_t unhandled[IRQ_MAX];

/* irq_register - see irq.h.  Context: process or boot; not in an IRQ. */
int
irq_register(unsigned int irq, const char *name, irq_handler_t fn, void *arg)
{
	struct irq_action *a, **link;
	unsigned long flags;
	int err;

	if (irq >= IRQ_MAX || !fn)
		return -EINVAL;
	if (!(a = kmalloc(sizeof(*a))))
		return -ENOMEM;
	*a = (struct irq_action){ .fn = fn, .arg = arg, .name = name };
	flags = arch_irq_save();
	if (!actions[irq] && (err = arch_irq_route(irq)) < 0) {
		arch_irq_restore(flags);
		kfree(a);
		return -EBUSY;
	}
	for (link = &actions[irq]; *link; link = &(*link)->next)
		;
	*link = a;
	arch_irq_unmask_line(irq);
	arch_irq_restore(flags);
	return 0;
}

/* irq_free - see irq.h.  Context: process or boot. */
int
irq_free(unsigned int irq, irq_handler_t fn, void *arg)
{
	struct irq_action *a, **link;
	unsigned long flags;

	if (irq >= IRQ_MAX)
		return -EINVAL;
	flags = arch_irq_save();
	for (link = &actions[irq]; (a = *link) != NULL; link = &a->next)
		if (a->fn == fn && a->arg == arg)
			break;
	if (a) {
		*link = a->next;
		if (!actions[irq])
			arch_irq_mask_line(irq);
	}
	arch_irq_restore(flags);
	if (!a)
		return -ENOENT;
	kfree(a);
	return 0;
}

void
irq_mask(unsigned int irq)
{
	if (irq < IRQ_MAX)
		arch_irq_mask_line(irq);
}

void
irq_unmask(unsigned int irq)
{
	if (irq < IRQ_MAX)
		arch_irq_unmask_line(irq);
}

uint64_t
irq_count(unsigned int irq)
{
	return irq < IRQ_MAX ? counts[irq] : 0;
}

const char *
irq_name(unsigned int irq)
{
	return irq < IRQ_MAX && actions[irq] ? actions[irq]->name : NULL;
}

/* irq_dispatch - see irq.h.  Context: interrupt, interrupts off. */
void
irq_dispatch(unsigned int irq)
{
	counts[irq]++;
	if (!actions[irq]) {
		if (unhandled[irq]++ == 0)
			pr_warn("irq: IRQ %u has no handler; masking it\n", irq);
		arch_irq_mask_line(irq);
		return;
	}
	for (struct irq_action *a = actions[irq]; a; a = a->next)
		a->fn(irq, a->arg);
}
