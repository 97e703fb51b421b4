/*
 * arch/x86_64/idt.c: the interrupt descriptor table.
 *
 * All 256 vectors point at the stubs of isr.asm, which all reach x86_trap().
 * Every gate is an interrupt gate (IF cleared on entry) with DPL 0, so
 * `int N` from user mode raises #GP; the system-call work adds a DPL-3 gate
 * for int 0x80.  #DF, NMI and #MC run on their own IST stacks.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t	 ist;
	uint8_t	 type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __packed;

struct idt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */

extern const uint64_t isr_stub_table[256];
static struct idt_gate idt[256] __attribute__((aligned(16)));

/* idt_set_gate - point @vector at @handler with gate attributes @attr. */
static void
idt_set_gate(unsigned int vector, uint64_t handler, uint8_t attr, uint8_t ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = GDT_KERNEL_CODE;
	g->ist = ist;
	g->type_attr = attr;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

/*
 * x86_idt_set_user_gate - let ring 3 raise @vector with `int` (int 0x80).
 * Context: boot.
 */
void
x86_idt_set_user_gate(unsigned int vector)
{
	idt[vector].type_attr = GATE_INTERRUPT | 0x60;	/* DPL 3 */
}

/*
 * x86_idt_init - fill and load the IDT.  Context: boot, interrupts off.
 */
void
x86_idt_init(void)
{
	struct idt_ptr ptr;

	for (unsigned int v = 0; v < 256; v++)
		idt_set_gate(v, isr_stub_table[v], GATE_INTERRUPT, 0);
	idt[VEC_DOUBLE_FAULT].ist = IST_DOUBLE_FAULT;
	idt[VEC_NMI].ist = IST_NMI;
	idt[VEC_MACHINE_CHECK].ist = IST_MACHINE_CHECK;

	ptr.limit = sizeof(idt) - 1;
	ptr.base = (uintptr_t)idt;
	x86_lidt(&ptr);
}
