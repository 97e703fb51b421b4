/*
 * arch/x86_64/power.c: switching the PC off and restarting it.
 *
 * Power off writes the S5 sleep type to the PM1 control registers named
 * by the FADT.  The sleep type comes from the DSDT's \_S5 package, found
 * by scanning the AML for "_S5_" followed by a package (the usual
 * approach of small kernels: it avoids an AML interpreter).
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "drivers/acpi.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define SLP_EN		(1u << 13)
#define AML_PACKAGE	0x12
#define AML_BYTE	0x0a
#define AML_ZERO	0x00
#define AML_ONE		0x01

/* aml_int - an AML integer constant at @p (Zero, One, BytePrefix). */
static int
aml_int(const uint8_t *p, const uint8_t *end, const uint8_t **next)
{
	if (p >= end)
		return -1;
	if (*p == AML_ZERO || *p == AML_ONE) {
		*next = p + 1;
		return *p;
	}
	if (*p == AML_BYTE && p + 1 < end) {
		*next = p + 2;
		return p[1];
	}
	return -1;
}

/* s5_types - SLP_TYPa/b from the DSDT; false if not found. */
static bool
s5_types(int *a, int *b)
{
	const uint8_t *dsdt, *p, *end;
	uint32_t len;

	if (!acpi.dsdt_addr || acpi.dsdt_addr >= EARLY_DIRECT_MAP_SIZE)
		return false;
	dsdt = phys_to_virt(acpi.dsdt_addr);
	memcpy(&len, dsdt + 4, 4);
	if (len < 36 || len > (1u << 20))
		return false;
	end = dsdt + len;
	for (p = dsdt + 36; p + 8 < end; p++) {
		if (memcmp(p, "_S5_", 4) != 0 || p[4] != AML_PACKAGE)
			continue;
		p += 5;
		p += ((*p >> 6) & 3) + 1;	/* PkgLength */
		p++;				/* NumElements */
		if ((*a = aml_int(p, end, &p)) < 0 || (*b = aml_int(p, end, &p)) < 0)
			return false;
		return true;
	}
	return false;
}

/* arch_power_off - see arch.h. */
void
arch_power_off(void)
{
	int a = 0, b = 0;

	arch_irq_disable();
	if (!acpi.has_fadt || !acpi.pm1a_cnt_port) {
		pr_err("power: no ACPI PM1 control register\n");
		return;
	}
	if (!s5_types(&a, &b))
		pr_warn("power: no \\_S5 in the DSDT; trying sleep type 0\n");
	outw((uint16_t)acpi.pm1a_cnt_port, (uint16_t)((a << 10) | SLP_EN));
	if (acpi.pm1b_cnt_port)
		outw((uint16_t)acpi.pm1b_cnt_port,
		     (uint16_t)((b << 10) | SLP_EN));
	for (int i = 0; i < 1000000; i++)	/* give it a moment */
		arch_cpu_relax();
}

/* arch_reset - see arch.h. */
void
arch_reset(void)
{
	static const struct { uint16_t limit; uint64_t base; } __packed none;

	arch_irq_disable();
	if (acpi.has_reset_reg && acpi.reset_reg.space == 1)
		outb((uint16_t)acpi.reset_reg.address, acpi.reset_value);
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;				/* 8042 input buffer empty */
	outb(0x64, 0xfe);			/* pulse the reset line */
	__asm__ volatile("lidt %0; int3" : : "m"(none));  /* triple fault */
	arch_halt();
}
