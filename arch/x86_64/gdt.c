/*
 * arch/x86_64/gdt.c: the GDT and the TSS.
 *
 * Flat 64-bit segments for the kernel and for user mode, plus one TSS whose
 * interrupt-stack table gives #DF, NMI and #MC known-good stacks even when
 * the current kernel stack is broken (a stack overflow that hits the guard
 * page faults again while pushing the frame: only an IST stack survives).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "kernel/string.h"

#define IST_STACK_SIZE	16384

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];	/* rsp0: stack for entries from ring 3 */
	uint64_t reserved1;
	uint64_t ist[7];	/* ist[0] is IST slot 1 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

/* Code/data descriptors: only the access byte and L bit matter in long mode. */
#define SEG_KCODE	0x00209a0000000000ull	/* present, DPL0, code, L */
#define SEG_KDATA	0x0000920000000000ull	/* present, DPL0, data, writable */
#define SEG_UCODE32	0x00cffa000000ffffull	/* DPL3 32-bit code (unused) */
#define SEG_UDATA	0x0000f20000000000ull	/* present, DPL3, data */
#define SEG_UCODE	0x0020fa0000000000ull	/* present, DPL3, code, L */

static uint64_t gdt[8] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

/* tss_descriptor - the 16-byte system descriptor for the TSS, in 2 slots. */
static void
tss_descriptor(uint64_t *slot, uint64_t base, uint32_t limit)
{
	slot[0] = (limit & 0xffffull) | ((base & 0xffffffull) << 16) |
		  (0x89ull << 40) |	/* present, 64-bit TSS (available) */
		  ((uint64_t)(limit >> 16 & 0xf) << 48) |
		  ((base >> 24 & 0xffull) << 56);
	slot[1] = base >> 32;
}

/* reload_segments - load the new selectors into every segment register. */
static void
reload_segments(void)
{
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w[ds], %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 :
			 : [cs] "i"(GDT_KERNEL_CODE), [ds] "i"(GDT_KERNEL_DATA)
			 : "rax", "memory");
}

/*
 * x86_gdt_init - install the GDT and load the TSS.
 * Context: boot, CPU 0, interrupts off.
 */
void
x86_gdt_init(void)
{
	struct gdt_ptr ptr;

	gdt[GDT_KERNEL_CODE / 8] = SEG_KCODE;
	gdt[GDT_KERNEL_DATA / 8] = SEG_KDATA;
	gdt[GDT_USER_CODE32 / 8] = SEG_UCODE32;
	gdt[GDT_USER_DATA / 8] = SEG_UDATA;
	gdt[GDT_USER_CODE / 8] = SEG_UCODE;

	memset(&tss, 0, sizeof(tss));
	for (int i = 0; i < 3; i++)
		tss.ist[i] = (uint64_t)(uintptr_t)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);	/* no I/O permission bitmap */
	tss_descriptor(&gdt[GDT_TSS / 8], (uintptr_t)&tss, sizeof(tss) - 1);

	ptr.limit = sizeof(gdt) - 1;
	ptr.base = (uintptr_t)gdt;
	x86_lgdt(&ptr);
	reload_segments();
	x86_ltr(GDT_TSS);
}

/*
 * x86_set_kernel_stack - set TSS.rsp0, the stack used on a trap from ring 3.
 * Context: interrupts off (called on every switch to a user thread).
 */
void
x86_set_kernel_stack(uintptr_t rsp0)
{
	tss.rsp[0] = rsp0;
}
