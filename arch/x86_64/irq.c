/*
 * arch/x86_64/irq.c: which controller delivers device interrupts, and the
 * interrupt half of x86_trap().
 *
 * APIC mode: every IRQ n goes through an I/O APIC pin to vector 0x20 + n
 * on the boot CPU, and the local APIC takes the EOI.  PIC mode (no APIC,
 * or noapic): the 8259 PICs deliver IRQs 0-15 to the same vectors.
 */
#include "arch/arch.h"
#include "arch/x86_64/x86irq.h"
#include "drivers/acpi.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

static bool apic_mode;
static uint8_t boot_apic_id;
static uint64_t spurious_count;

bool
x86_apic_mode(void)
{
	return apic_mode;
}

/* arch_irq_init - see arch.h.  Context: boot, interrupts off. */
void
arch_irq_init(bool allow_apic)
{
	/* Remap the PICs even when the APIC is used: a spurious PIC
	 * interrupt must not land on an exception vector. */
	x86_pic_init(VEC_IRQ0);
	if (allow_apic && acpi.has_madt && acpi.ioapic_count > 0 &&
	    x86_lapic_init(acpi.lapic_addr64 ? acpi.lapic_addr64 :
					       acpi.lapic_addr) &&
	    x86_ioapic_init() > 0) {
		x86_pic_disable();
		apic_mode = true;
		boot_apic_id = (uint8_t)x86_lapic_id();
	}
	pr_info("irq: %s%s\n", arch_irq_controller(),
		!allow_apic ? " (noapic on the command line)" :
		apic_mode ? "" : " (no usable APIC)");
}

const char *
arch_irq_controller(void)
{
	return apic_mode ? "I/O APIC + local APIC" : "8259 PIC";
}

/* arch_irq_route - see arch.h. */
int
arch_irq_route(unsigned int irq)
{
	if (irq >= IRQ_MAX)
		return -EINVAL;
	if (apic_mode)
		return x86_ioapic_route(irq, VEC_IRQ0 + irq, boot_apic_id);
	return irq < 16 ? 0 : -EINVAL;
}

void
arch_irq_mask_line(unsigned int irq)
{
	if (apic_mode)
		x86_ioapic_mask(irq, true);
	else if (irq < 16)
		x86_pic_mask(irq);
}

void
arch_irq_unmask_line(unsigned int irq)
{
	if (apic_mode)
		x86_ioapic_mask(irq, false);
	else if (irq < 16)
		x86_pic_unmask(irq);
}

/*
 * x86_irq_trap - an interrupt on @vector (>= 32).  Context: interrupt.
 */
void
x86_irq_trap(unsigned int vector)
{
	unsigned int irq = vector - VEC_IRQ0;

	if (vector == VEC_SPURIOUS) {		/* no EOI for these */
		spurious_count++;
		return;
	}
	if (vector == VEC_LAPIC_TIMER) {
		x86_timer_interrupt();
		x86_lapic_eoi();
		return;
	}
	if (vector < VEC_IRQ0 || irq >= IRQ_MAX) {
		pr_warn("irq: unexpected vector %u\n", vector);
		return;
	}
	if (!apic_mode && x86_pic_spurious(irq)) {
		spurious_count++;
		return;
	}
	irq_dispatch(irq);
	if (apic_mode)
		x86_lapic_eoi();
	else
		x86_pic_eoi(irq);
}
