/*
 * arch/x86_64/apic.c: the local APIC (xAPIC, memory-mapped) and the I/O
 * APICs described by the ACPI MADT.
 *
 * Both are reached through the direct map, which covers the low 4 GiB.
 * FIXME: the direct map uses write-back page attributes; on real hardware
 * the firmware's MTRRs make the APIC ranges uncacheable, which wins.  PAT
 * entries for MMIO come with the first driver that needs write-combining.
 * x2APIC mode is not used (xAPIC works on every x86_64 CPU).
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86irq.h"
#include "drivers/acpi.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1ull << 11)

/* Local APIC registers (byte offsets). */
#define LAPIC_ID		0x020
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INIT	0x380
#define LAPIC_TIMER_CUR		0x390
#define LAPIC_TIMER_DIV		0x3e0
#define SVR_ENABLE		(1u << 8)
#define LVT_MASKED		(1u << 16)
#define LVT_PERIODIC		(1u << 17)
#define LVT_NMI			(4u << 8)
#define LVT_LEVEL		(1u << 15)
#define LVT_ACTIVE_LOW		(1u << 13)
#define TIMER_DIV_16		0x3

/* I/O APIC registers. */
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WIN		0x10
#define IOAPIC_VER		0x01
#define IOAPIC_REDTBL(pin)	(0x10 + 2 * (pin))
#define RTE_ACTIVE_LOW		(1u << 13)
#define RTE_LEVEL		(1u << 15)
#define RTE_MASKED		(1u << 16)

static volatile uint32_t *lapic;

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base;
	unsigned int pins;
};
static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static size_t ioapic_count;

static inline uint32_t
lapic_read(unsigned int reg)
{
	return lapic[reg / 4];
}

static inline void
lapic_write(unsigned int reg, uint32_t v)
{
	lapic[reg / 4] = v;
	(void)lapic[LAPIC_ID / 4];	/* wait for the write to complete */
}

/* lint_setup - LINT0 masked (no virtual-wire PIC), LINT1 as the NMI pin
 * unless the MADT names LINT0 for NMIs. */
static void
lint_setup(void)
{
	uint32_t lint0 = LVT_MASKED, lint1 = LVT_NMI;

	for (size_t i = 0; i < acpi.nmi_count; i++) {
		uint32_t v = LVT_NMI;
		if ((acpi.nmis[i].flags & ACPI_POLARITY_MASK) == ACPI_POLARITY_LOW)
			v |= LVT_ACTIVE_LOW;
		if ((acpi.nmis[i].flags & ACPI_TRIGGER_MASK) == ACPI_TRIGGER_LEVEL)
			v |= LVT_LEVEL;
		if (acpi.nmis[i].lint == 0)
			lint0 = v;
		else
			lint1 = v;
	}
	lapic_write(LAPIC_LVT_LINT0, lint0);
	lapic_write(LAPIC_LVT_LINT1, lint1);
}

/*
 * x86_lapic_init - enable this CPU's local APIC at physical @phys (0: take
 * it from the APIC base MSR).  Returns false when there is none.
 * Context: boot, interrupts off.
 */
bool
x86_lapic_init(uint64_t phys)
{
	uint32_t a, b, c, d;
	uint64_t base;

	x86_cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1u << 9)))			/* CPUID: no on-chip APIC */
		return false;
	base = x86_rdmsr(MSR_APIC_BASE);
	if (phys == 0)
		phys = base & 0xffffff000ull;
	x86_wrmsr(MSR_APIC_BASE, (base & 0xfff) | phys | APIC_BASE_ENABLE);
	lapic = phys_to_virt(phys);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lint_setup();
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_EOI, 0);
	return true;
}

void
x86_lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t
x86_lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

/*
 * x86_lapic_timer_start - count down from @initial_count (bus clock / 16)
 * and raise @vector at zero, once or periodically.
 */
void
x86_lapic_timer_start(uint32_t initial_count, uint8_t vector, bool periodic)
{
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, vector | (periodic ? LVT_PERIODIC : 0));
	lapic_write(LAPIC_TIMER_INIT, initial_count);
}

void
x86_lapic_timer_stop(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INIT, 0);
}

uint32_t
x86_lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CUR);
}

/* ---- I/O APICs ------------------------------------------------------------ */

static uint32_t
ioapic_read(struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	return io->regs[IOAPIC_WIN / 4];
}

static void
ioapic_write(struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	io->regs[IOAPIC_WIN / 4] = v;
}

/*
 * x86_ioapic_init - find the MADT's I/O APICs and mask every pin.
 * Returns how many there are.  Context: boot.
 */
int
x86_ioapic_init(void)
{
	for (size_t i = 0; i < acpi.ioapic_count; i++) {
		struct ioapic *io = &ioapics[ioapic_count];
		io->regs = phys_to_virt(acpi.ioapics[i].addr);
		io->gsi_base = acpi.ioapics[i].gsi_base;
		io->pins = ((ioapic_read(io, IOAPIC_VER) >> 16) & 0xff) + 1;
		for (unsigned int pin = 0; pin < io->pins; pin++) {
			ioapic_write(io, IOAPIC_REDTBL(pin) + 1, 0);
			ioapic_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
		}
		ioapic_count++;
	}
	return (int)ioapic_count;
}

/*
 * isa_to_gsi - the GSI and polarity/trigger flags of @irq: an ISA IRQ
 * follows the MADT's overrides (ISA default: edge, active high); a GSI
 * above 15 is PCI-style (level, active low).
 */
static uint32_t
isa_to_gsi(unsigned int irq, uint16_t *flags)
{
	for (size_t i = 0; i < acpi.override_count; i++)
		if (acpi.overrides[i].source == irq) {
			*flags = acpi.overrides[i].flags;
			return acpi.overrides[i].gsi;
		}
	*flags = irq < 16 ? (ACPI_POLARITY_HIGH | ACPI_TRIGGER_EDGE) :
			    (ACPI_POLARITY_LOW | ACPI_TRIGGER_LEVEL);
	return irq;
}

/* pin_of - the I/O APIC and pin serving @gsi, or NULL. */
static struct ioapic *
pin_of(uint32_t gsi, unsigned int *pin)
{
	for (size_t i = 0; i < ioapic_count; i++)
		if (gsi >= ioapics[i].gsi_base &&
		    gsi < ioapics[i].gsi_base + ioapics[i].pins) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	return NULL;
}

/*
 * x86_ioapic_route - deliver @irq as @vector to the CPU with @apic_id,
 * masked for now.  Returns 0 or -EINVAL when no I/O APIC serves it.
 */
int
x86_ioapic_route(unsigned int irq, uint8_t vector, uint8_t apic_id)
{
	uint16_t flags;
	uint32_t gsi = isa_to_gsi(irq, &flags), low = vector | RTE_MASKED;
	unsigned int pin;
	struct ioapic *io = pin_of(gsi, &pin);

	if (!io)
		return -EINVAL;
	if ((flags & ACPI_POLARITY_MASK) == ACPI_POLARITY_LOW)
		low |= RTE_ACTIVE_LOW;
	if ((flags & ACPI_TRIGGER_MASK) == ACPI_TRIGGER_LEVEL)
		low |= RTE_LEVEL;
	ioapic_write(io, IOAPIC_REDTBL(pin) + 1, (uint32_t)apic_id << 24);
	ioapic_write(io, IOAPIC_REDTBL(pin), low);
	return 0;
}

/* x86_ioapic_mask - mask or unmask the pin serving @irq. */
void
x86_ioapic_mask(unsigned int irq, bool masked)
{
	uint16_t flags;
	unsigned int pin;
	struct ioapic *io = pin_of(isa_to_gsi(irq, &flags), &pin);
	uint32_t low;

	if (!io)
		return;
	low = ioapic_read(io, IOAPIC_REDTBL(pin));
	low = masked ? (low | RTE_MASKED) : (low & ~RTE_MASKED);
	ioapic_write(io, IOAPIC_REDTBL(pin), low);
}
