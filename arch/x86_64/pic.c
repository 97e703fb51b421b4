/*
 * arch/x86_64/pic.c: the two cascaded 8259 PICs.
 *
 * Remapped to vectors 0x20-0x2f so IRQs do not collide with exceptions,
 * then either fully masked (when the APIC takes over) or used as the
 * interrupt controller on machines without an APIC.
 */
#include "arch/x86_64/io.h"
#include "arch/x86_64/x86irq.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define PIC_READ_ISR	0x0b
#define ICW1_INIT_ICW4	0x11
#define ICW4_8086	0x01
#define CASCADE_IRQ	2

static uint16_t mask = 0xffff;		/* bit n set: IRQ n masked */

static void
pic_write_mask(void)
{
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

/*
 * x86_pic_init - remap both PICs to @base .. @base + 15 and mask every IRQ
 * except the cascade.  Context: boot, interrupts off.
 */
void
x86_pic_init(uint8_t base)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC1_DATA, base);			/* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, base + 8);
	io_wait();
	outb(PIC1_DATA, 1 << CASCADE_IRQ);	/* ICW3: slave on IRQ 2 */
	io_wait();
	outb(PIC2_DATA, CASCADE_IRQ);
	io_wait();
	outb(PIC1_DATA, ICW4_8086);
	io_wait();
	outb(PIC2_DATA, ICW4_8086);
	io_wait();
	mask = 0xffff & ~(1u << CASCADE_IRQ);
	pic_write_mask();
}

/* x86_pic_disable - mask everything (the APIC delivers interrupts). */
void
x86_pic_disable(void)
{
	mask = 0xffff;
	pic_write_mask();
}

void
x86_pic_mask(unsigned int irq)
{
	mask |= 1u << irq;
	pic_write_mask();
}

void
x86_pic_unmask(unsigned int irq)
{
	mask &= ~(1u << irq);
	pic_write_mask();
}

/* in_service - whether @irq is really being serviced (ISR register). */
static bool
in_service(unsigned int irq)
{
	uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;

	outb(port, PIC_READ_ISR);
	return inb(port) & (1u << (irq & 7));
}

/*
 * x86_pic_spurious - whether @irq (7 or 15) is a spurious interrupt: the
 * PIC raises one when a request goes away before it is acknowledged.  A
 * spurious IRQ 15 still needs an EOI to the master (for the cascade).
 */
bool
x86_pic_spurious(unsigned int irq)
{
	if ((irq != 7 && irq != 15) || in_service(irq))
		return false;
	if (irq == 15)
		outb(PIC1_CMD, PIC_EOI);
	return true;
}

/* x86_pic_eoi - end of interrupt for @irq.  Context: interrupt. */
void
x86_pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
