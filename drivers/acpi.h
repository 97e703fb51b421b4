/*
 * drivers/acpi.h: the ACPI tables Basalt reads (drivers/acpi.c).
 *
 * acpi_parse() finds the RSDP (from the Multiboot2 tags, else by scanning
 * the EBDA and the BIOS area), validates the checksums of the RSDP, the
 * RSDT or XSDT and of every table it uses, and extracts the MADT (local
 * APIC address, I/O APICs, interrupt source overrides, NMI entries), the
 * FADT (power-off and reset registers, for later) and the HPET table.  A
 * table with a bad checksum or impossible lengths is logged and skipped,
 * never followed.
 *
 * Tables are read through a caller-supplied mapping function, so the parser
 * is pure and unit-tested on the host against crafted tables.
 */
#pragma once
#include "kernel/types.h"

#define ACPI_MAX_IOAPICS	8
#define ACPI_MAX_OVERRIDES	24
#define ACPI_MAX_NMIS		16

/* MPS INTI flags of overrides and NMI entries (ACPI spec, MADT). */
#define ACPI_POLARITY_MASK	0x3
#define ACPI_POLARITY_HIGH	0x1
#define ACPI_POLARITY_LOW	0x3
#define ACPI_TRIGGER_MASK	0xc
#define ACPI_TRIGGER_EDGE	0x4
#define ACPI_TRIGGER_LEVEL	0xc

struct acpi_ioapic {
	uint8_t	 id;
	uint32_t addr;		/* physical MMIO base */
	uint32_t gsi_base;	/* first global system interrupt it serves */
};

struct acpi_override {
	uint8_t	 source;	/* ISA IRQ */
	uint32_t gsi;
	uint16_t flags;		/* polarity and trigger (ACPI_*) */
};

struct acpi_nmi {
	uint8_t	 processor;	/* ACPI processor UID, 0xff = all */
	uint8_t	 lint;		/* LINT0 or LINT1 */
	uint16_t flags;
};

/* Generic address structure, for the FADT's reset register. */
struct acpi_gas {
	uint8_t	 space;		/* 0 memory, 1 I/O port */
	uint8_t	 bit_width, bit_offset, access_size;
	uint64_t address;
};

struct acpi_info {
	int	 revision;		/* 0 = no ACPI found, 1 = RSDT, 2+ = XSDT */
	char	 oem_id[7];
	unsigned int tables_seen, tables_bad;

	bool	 has_madt;
	uint32_t lapic_addr;		/* from the MADT, maybe overridden */
	uint64_t lapic_addr64;		/* MADT type 5 override, 0 if none */
	bool	 pic_present;		/* MADT flag PCAT_COMPAT */
	unsigned int cpu_count;		/* enabled local APICs */
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	size_t	 ioapic_count;
	struct acpi_override overrides[ACPI_MAX_OVERRIDES];
	size_t	 override_count;
	struct acpi_nmi nmis[ACPI_MAX_NMIS];
	size_t	 nmi_count;

	bool	 has_fadt;
	uint32_t pm1a_cnt_port;		/* PM1a control block (power off) */
	uint32_t pm1b_cnt_port;
	uint32_t smi_cmd_port;
	uint8_t	 acpi_enable_value;
	bool	 has_reset_reg;
	struct acpi_gas reset_reg;
	uint8_t	 reset_value;
	bool	 has_boot_arch;		/* FADT revision 2+: the flags are valid */
	uint16_t boot_arch_flags;	/* IA-PC boot architecture flags */
	uint64_t dsdt_addr;

	bool	 has_hpet;
	uint64_t hpet_addr;		/* physical MMIO base */
};

/*
 * acpi_map_fn - return a pointer through which @len bytes of physical
 * memory at @pa can be read, or NULL when that range cannot be read.
 * The pointer must stay valid until acpi_parse() returns.
 */
typedef const void *(*acpi_map_fn)(uint64_t pa, size_t len);

/*
 * acpi_parse - fill @out from the RSDP copied out of a Multiboot2 tag
 * (@rsdp, @rsdp_len; NULL/0 when there was none: then the EBDA and the
 * BIOS area 0xE0000-0xFFFFF are scanned through @map).  Problems are
 * logged with @log (printf-like, may be NULL) and counted.  Returns 0, or
 * -ENOENT when no valid RSDP was found.  Context: pure.
 */
int	acpi_parse(const void *rsdp, size_t rsdp_len, acpi_map_fn map,
		   void (*log)(const char *fmt, ...), struct acpi_info *out);

/* The tables of the running machine, filled at boot (kernel side). */
extern struct acpi_info acpi;

/* acpi_init - acpi_parse() for this machine, logged.  Context: boot. */
int	acpi_init(void);
