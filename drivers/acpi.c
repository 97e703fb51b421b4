/*
 * drivers/acpi.c: find and check the ACPI tables, and read the MADT, the
 * FADT and the HPET table into struct acpi_info (drivers/acpi.h).
 *
 * Everything the firmware left in memory is untrusted.  A table is read
 * through the caller's map function in two steps: its 36-byte header, then,
 * once the length there is plausible, the whole table, whose bytes must sum
 * to zero.  Every field is read with memcpy() at an offset checked against
 * the length taken from that header (the field is read once and never
 * again), so a short, truncated or corrupt table costs at most what it held;
 * no alignment is assumed.  Offsets and sizes are those of the ACPI
 * specification (RSDP, RSDT/XSDT, MADT, FADT) and of the IA-PC HPET
 * specification.
 *
 * Messages for the log callback are single lines without a prefix or a
 * trailing newline; the kernel's logger adds both.  Repeated problems inside
 * one MADT are counted and logged once, so that a hostile table cannot flood
 * the log.
 *
 * Context: acpi_parse() is pure (no globals, no allocation, any context) and
 * also builds for the host unit tests; acpi_init() is the kernel glue below.
 */
#include "drivers/acpi.h"
#include "kernel/errno.h"
#include "kernel/string.h"

/* Root System Description Pointer. */
#define RSDP_SIG	"RSD PTR "
#define RSDP_V1_LEN	20 /* what the first checksum covers */
#define RSDP_V2_LEN	36 /* ACPI 2.0+: length, XSDT, extended checksum */
#define RSDP_OEM	9
#define RSDP_REVISION	15
#define RSDP_RSDT	16
#define RSDP_LENGTH	20
#define RSDP_XSDT	24
#define RSDP_SCAN_STEP	16
#define EBDA_SEG_PTR	0x40e /* BIOS data area: EBDA segment */
#define EBDA_MIN	0x500 /* below: the IVT and the BDA, no EBDA */
#define EBDA_SCAN_LEN	1024
#define BIOS_AREA_START 0xe0000
#define BIOS_AREA_LEN	0x20000

/* System description table header. */
#define SDT_HDR_LEN	36
#define SDT_LENGTH	4
#define SDT_REVISION	8
#define SDT_MAX_LEN	(1u << 20) /* sanity bound, not the spec's */
#define ACPI_MAX_TABLES 256	   /* entries walked in the RSDT/XSDT */

/* MADT: fixed part, then {type, length} entries. */
#define MADT_LAPIC	 36
#define MADT_FLAGS	 40
#define MADT_ENTRIES	 44
#define MADT_PCAT_COMPAT 0x1 /* dual 8259s present */
#define MADT_CPU_ENABLED 0x1
#define MADT_CPU_ONLINE	 0x2 /* online capable (ACPI 6.3) */
#define MADT_BUS_ISA	 0

enum madt_type {
	MADT_LOCAL_APIC = 0,
	MADT_IO_APIC = 1,
	MADT_OVERRIDE = 2,
	MADT_LAPIC_NMI = 4,
	MADT_LAPIC_OVERRIDE = 5,
	MADT_X2APIC = 9,
};

/* FADT field offsets. */
#define FADT_DSDT	 40
#define FADT_SMI_CMD	 48
#define FADT_ACPI_ENABLE 52
#define FADT_PM1A_CNT	 64
#define FADT_PM1B_CNT	 68
#define FADT_BOOT_ARCH	 109 /* reserved in ACPI 1.0 (revision 1) */
#define FADT_FLAGS	 112
#define FADT_RESET_REG	 116
#define FADT_RESET_VALUE 128
#define FADT_X_DSDT	 140
#define FADT_RESET_SUP	 (1u << 10)

/* HPET description table: the base address is a GAS at offset 40. */
#define HPET_GAS	40
#define HPET_ADDRESS	44
#define ACPI_GAS_MEMORY 0

/* Whether a field of @size bytes at @off lies inside a table of @len. */
#define FITS(len, off, size) ((len) >= (uint32_t)(off) + (size))

struct acpi_ctx {
	acpi_map_fn map;
	void (*log)(const char *fmt, ...) __printf(1, 2);
	struct acpi_info *out;
	/* Problems of the MADT being walked, logged once at its end. */
	unsigned int bad_entries;
	unsigned int drop_ioapics, drop_overrides, drop_nmis;
};

#define acpi_warn(c, ...)                                                      \
	do {                                                                   \
		if ((c)->log != NULL)                                          \
			(c)->log(__VA_ARGS__);                                 \
	} while (0)

struct acpi_handler {
	const char *sig;
	uint32_t min_len;
	void (*parse)(struct acpi_ctx *c, const uint8_t *t, uint32_t len);
};

/* An entry parser gets at least min_len bytes; -EINVAL if malformed. */
struct madt_handler {
	uint8_t type;
	uint8_t min_len;
	int (*parse)(struct acpi_ctx *c, const uint8_t *e);
};

static uint16_t
acpi_u16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t
acpi_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t
acpi_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint8_t
acpi_sum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len-- > 0)
		sum += *p++;
	return sum;
}

/*
 * Copy up to @n bytes of firmware text into @dst (@n + 1 bytes), stopping
 * at a NUL; anything unprintable becomes '?', so the log stays readable.
 */
static void
acpi_text(char *dst, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? (char)src[i] : '?';
	dst[i] = '\0';
}

/* ---- the MADT ------------------------------------------------------------ */

/* Type 0: UID u8 @2, APIC ID u8 @3, flags u32 @4. */
static int
madt_lapic(struct acpi_ctx *c, const uint8_t *e)
{
	if (acpi_u32(e + 4) & (MADT_CPU_ENABLED | MADT_CPU_ONLINE))
		c->out->cpu_count++;
	return 0;
}

/* Type 9: x2APIC ID u32 @4, flags u32 @8, UID u32 @12. */
static int
madt_x2apic(struct acpi_ctx *c, const uint8_t *e)
{
	if (acpi_u32(e + 8) & (MADT_CPU_ENABLED | MADT_CPU_ONLINE))
		c->out->cpu_count++;
	return 0;
}

/* Type 1: ID u8 @2, address u32 @4, GSI base u32 @8. */
static int
madt_ioapic(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *out = c->out;
	struct acpi_ioapic *io;

	if (out->ioapic_count == ACPI_MAX_IOAPICS) {
		c->drop_ioapics++;
		return 0;
	}
	io = &out->ioapics[out->ioapic_count++];
	io->id = e[2];
	io->addr = acpi_u32(e + 4);
	io->gsi_base = acpi_u32(e + 8);
	return 0;
}

/* Type 2: bus u8 @2 (always 0, ISA), source u8 @3, GSI u32 @4, flags @8. */
static int
madt_override(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *out = c->out;
	struct acpi_override *o;

	if (e[2] != MADT_BUS_ISA)
		return -EINVAL;
	if (out->override_count == ACPI_MAX_OVERRIDES) {
		c->drop_overrides++;
		return 0;
	}
	o = &out->overrides[out->override_count++];
	o->source = e[3];
	o->gsi = acpi_u32(e + 4);
	o->flags = acpi_u16(e + 8);
	return 0;
}

/* Type 4: processor UID u8 @2 (0xff: all), flags u16 @3, LINT# u8 @5. */
static int
madt_lapic_nmi(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *out = c->out;
	struct acpi_nmi *n;

	if (e[5] > 1)
		return -EINVAL;
	if (out->nmi_count == ACPI_MAX_NMIS) {
		c->drop_nmis++;
		return 0;
	}
	n = &out->nmis[out->nmi_count++];
	n->processor = e[2];
	n->flags = acpi_u16(e + 3);
	n->lint = e[5];
	return 0;
}

/* Type 5: 64-bit local APIC address u64 @4, replacing the header's. */
static int
madt_lapic_override(struct acpi_ctx *c, const uint8_t *e)
{
	uint64_t addr = acpi_u64(e + 4);

	c->out->lapic_addr64 = addr;
	if (addr <= UINT32_MAX)
		c->out->lapic_addr = (uint32_t)addr;
	return 0;
}

static const struct madt_handler madt_handlers[] = {
	{MADT_LOCAL_APIC, 8, madt_lapic},
	{MADT_IO_APIC, 12, madt_ioapic},
	{MADT_OVERRIDE, 10, madt_override},
	{MADT_LAPIC_NMI, 6, madt_lapic_nmi},
	{MADT_LAPIC_OVERRIDE, 12, madt_lapic_override},
	{MADT_X2APIC, 16, madt_x2apic},
};

/* Dispatch one well-framed entry of @len bytes; other types are ignored. */
static void
madt_entry(struct acpi_ctx *c, const uint8_t *e, uint8_t len)
{
	const struct madt_handler *h;

	for (size_t i = 0; i < ARRAY_SIZE(madt_handlers); i++) {
		h = &madt_handlers[i];
		if (h->type != e[0])
			continue;
		if (len < h->min_len || h->parse(c, e) < 0)
			c->bad_entries++;
		return;
	}
}

/* Log what the walk of one MADT skipped or dropped. */
static void
madt_report(struct acpi_ctx *c)
{
	if (c->bad_entries > 0)
		acpi_warn(c, "MADT: %u malformed entries skipped",
			  c->bad_entries);
	if (c->drop_ioapics > 0)
		acpi_warn(c, "MADT: %u I/O APICs beyond %d dropped",
			  c->drop_ioapics, ACPI_MAX_IOAPICS);
	if (c->drop_overrides > 0)
		acpi_warn(c, "MADT: %u interrupt overrides beyond %d dropped",
			  c->drop_overrides, ACPI_MAX_OVERRIDES);
	if (c->drop_nmis > 0)
		acpi_warn(c, "MADT: %u NMI entries beyond %d dropped",
			  c->drop_nmis, ACPI_MAX_NMIS);
}

/*
 * "APIC": the local APIC address and flags, then the entries.  An entry
 * whose length is below 2 or runs past the table ends the walk, since the
 * next one cannot be found; it and any malformed entry count the table
 * once in tables_bad.
 */
static void
acpi_parse_madt(struct acpi_ctx *c, const uint8_t *t, uint32_t len)
{
	struct acpi_info *out = c->out;
	uint32_t off, elen;
	bool broken = false;

	if (out->has_madt) {
		acpi_warn(c, "second MADT ignored");
		return;
	}
	out->has_madt = true;
	out->lapic_addr = acpi_u32(t + MADT_LAPIC);
	out->pic_present = acpi_u32(t + MADT_FLAGS) & MADT_PCAT_COMPAT;
	for (off = MADT_ENTRIES; off < len; off += elen) {
		elen = len - off >= 2 ? t[off + 1] : 0;
		if (elen < 2 || elen > len - off) {
			acpi_warn(c, "MADT: entry at offset %u broken", off);
			broken = true;
			break;
		}
		madt_entry(c, t + off, (uint8_t)elen);
	}
	madt_report(c);
	if (broken || c->bad_entries > 0)
		out->tables_bad++;
}

/* ---- the FADT and the HPET table ----------------------------------------- */

/* The reset register, if the FADT says it is supported and has room. */
static void
fadt_reset(struct acpi_info *out, const uint8_t *t, uint32_t len)
{
	const uint8_t *g = t + FADT_RESET_REG;

	if (!FITS(len, FADT_RESET_VALUE, 1) ||
	    !(acpi_u32(t + FADT_FLAGS) & FADT_RESET_SUP))
		return;
	out->reset_reg.space = g[0];
	out->reset_reg.bit_width = g[1];
	out->reset_reg.bit_offset = g[2];
	out->reset_reg.access_size = g[3];
	out->reset_reg.address = acpi_u64(g + 4);
	out->reset_value = t[FADT_RESET_VALUE];
	out->has_reset_reg = out->reset_reg.address != 0;
}

/* "FACP": each field is read only if the table is long enough for it. */
static void
acpi_parse_fadt(struct acpi_ctx *c, const uint8_t *t, uint32_t len)
{
	struct acpi_info *out = c->out;

	if (out->has_fadt) {
		acpi_warn(c, "second FADT ignored");
		return;
	}
	out->has_fadt = true;
	if (FITS(len, FADT_DSDT, 4))
		out->dsdt_addr = acpi_u32(t + FADT_DSDT);
	if (FITS(len, FADT_SMI_CMD, 4))
		out->smi_cmd_port = acpi_u32(t + FADT_SMI_CMD);
	if (FITS(len, FADT_ACPI_ENABLE, 1))
		out->acpi_enable_value = t[FADT_ACPI_ENABLE];
	if (FITS(len, FADT_PM1A_CNT, 4))
		out->pm1a_cnt_port = acpi_u32(t + FADT_PM1A_CNT);
	if (FITS(len, FADT_PM1B_CNT, 4))
		out->pm1b_cnt_port = acpi_u32(t + FADT_PM1B_CNT);
	if (FITS(len, FADT_BOOT_ARCH, 2) && t[SDT_REVISION] >= 2) {
		out->boot_arch_flags = acpi_u16(t + FADT_BOOT_ARCH);
		out->has_boot_arch = true;
	}
	if (FITS(len, FADT_X_DSDT, 8) && acpi_u64(t + FADT_X_DSDT) != 0)
		out->dsdt_addr = acpi_u64(t + FADT_X_DSDT);
	fadt_reset(out, t, len);
}

/* "HPET": the first timer block's base; a second table is ignored. */
static void
acpi_parse_hpet(struct acpi_ctx *c, const uint8_t *t, uint32_t len)
{
	struct acpi_info *out = c->out;
	uint64_t addr = acpi_u64(t + HPET_ADDRESS);

	(void)len;
	if (out->has_hpet) {
		acpi_warn(c, "second HPET table ignored");
		return;
	}
	if (t[HPET_GAS] != ACPI_GAS_MEMORY || addr == 0) {
		acpi_warn(c, "HPET: unusable base address (space %u, 0x%llx)",
			  t[HPET_GAS], (unsigned long long)addr);
		out->tables_bad++;
		return;
	}
	out->has_hpet = true;
	out->hpet_addr = addr;
}

static const struct acpi_handler acpi_handlers[] = {
	{"APIC", MADT_ENTRIES, acpi_parse_madt},
	{"FACP", SDT_HDR_LEN, acpi_parse_fadt},
	{"HPET", HPET_ADDRESS + 8, acpi_parse_hpet},
};

/* ---- tables in general --------------------------------------------------- */

/*
 * Map the table at @pa: header, length check, whole table, checksum.
 * Returns it with its length in *@lenp, or NULL (logged and counted bad).
 */
static const uint8_t *
acpi_map_sdt(struct acpi_ctx *c, uint64_t pa, uint32_t *lenp)
{
	const uint8_t *t = NULL;
	uint32_t len = 0;
	char sig[5] = "?";

	c->out->tables_seen++;
	if (pa != 0)
		t = c->map(pa, SDT_HDR_LEN);
	if (t == NULL) {
		acpi_warn(c, "table at 0x%llx: not readable",
			  (unsigned long long)pa);
		goto bad;
	}
	acpi_text(sig, t, 4);
	len = acpi_u32(t + SDT_LENGTH);
	if (len < SDT_HDR_LEN || len > SDT_MAX_LEN) {
		acpi_warn(c, "%s at 0x%llx: impossible length %u", sig,
			  (unsigned long long)pa, len);
		goto bad;
	}
	t = c->map(pa, len);
	if (t == NULL || acpi_sum(t, len) != 0) {
		acpi_warn(c, "%s at 0x%llx: %s; skipped", sig,
			  (unsigned long long)pa,
			  t == NULL ? "not readable" : "bad checksum");
		goto bad;
	}
	*lenp = len;
	return t;
bad:
	c->out->tables_bad++;
	return NULL;
}

/* A table listed in the RSDT/XSDT: checked, then parsed if we know it. */
static void
acpi_table(struct acpi_ctx *c, uint64_t pa)
{
	const struct acpi_handler *h;
	const uint8_t *t;
	uint32_t len;

	if ((t = acpi_map_sdt(c, pa, &len)) == NULL)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(acpi_handlers); i++) {
		h = &acpi_handlers[i];
		if (memcmp(t, h->sig, 4) != 0)
			continue;
		if (len < h->min_len) {
			acpi_warn(c, "%s: too short (%u bytes)", h->sig, len);
			c->out->tables_bad++;
			return;
		}
		h->parse(c, t, len);
		return;
	}
}

/*
 * The RSDT (4-byte entries) or XSDT (8-byte entries, possibly unaligned)
 * at @pa.  Returns 0 once its entries were walked, or -EINVAL if the table
 * itself is unusable (logged and counted).
 */
static int
acpi_parse_root(struct acpi_ctx *c, uint64_t pa, bool xsdt)
{
	const char *name = xsdt ? "XSDT" : "RSDT";
	size_t esize = xsdt ? 8 : 4, n;
	const uint8_t *t, *e;
	uint32_t len;

	if ((t = acpi_map_sdt(c, pa, &len)) == NULL)
		return -EINVAL;
	if (memcmp(t, name, 4) != 0) {
		acpi_warn(c, "%s at 0x%llx: wrong signature", name,
			  (unsigned long long)pa);
		c->out->tables_bad++;
		return -EINVAL;
	}
	n = (len - SDT_HDR_LEN) / esize;
	if (n > ACPI_MAX_TABLES) {
		acpi_warn(c, "%s: %zu entries, only the first %d used", name, n,
			  ACPI_MAX_TABLES);
		n = ACPI_MAX_TABLES;
	}
	for (size_t i = 0; i < n; i++) {
		e = t + SDT_HDR_LEN + i * esize;
		acpi_table(c, xsdt ? acpi_u64(e) : acpi_u32(e));
	}
	return 0;
}

/* ---- the RSDP ------------------------------------------------------------ */

/*
 * Why the RSDP at @p (@avail readable bytes) is unusable, or NULL if it is
 * fine.  The extended checksum (revision 2+) covers its length field,
 * bounded to 36..@avail; with fewer than 36 bytes (an old Multiboot2 tag)
 * it is checked as a revision-1 RSDP.
 */
static const char *
acpi_rsdp_problem(const uint8_t *p, size_t avail)
{
	size_t len;

	if (avail < RSDP_V1_LEN)
		return "too short";
	if (memcmp(p, RSDP_SIG, 8) != 0)
		return "bad signature";
	if (acpi_sum(p, RSDP_V1_LEN) != 0)
		return "bad checksum";
	if (p[RSDP_REVISION] < 2 || avail < RSDP_V2_LEN)
		return NULL;
	len = MIN(MAX((size_t)acpi_u32(p + RSDP_LENGTH), RSDP_V2_LEN), avail);
	if (acpi_sum(p, len) != 0)
		return "bad extended checksum";
	return NULL;
}

/* Map a candidate RSDP at @pa: 36 bytes if readable, else 20. */
static const uint8_t *
acpi_map_rsdp(struct acpi_ctx *c, uint64_t pa, size_t *availp)
{
	const uint8_t *p = c->map(pa, RSDP_V2_LEN);

	*availp = RSDP_V2_LEN;
	if (p == NULL) {
		p = c->map(pa, RSDP_V1_LEN);
		*availp = RSDP_V1_LEN;
	}
	return p;
}

/*
 * Scan [@start, @start + @len) for a valid RSDP whose signature lies on a
 * 16-byte boundary; the rest of it may lie past the area.
 */
static const uint8_t *
acpi_scan(struct acpi_ctx *c, uint64_t start, size_t len, size_t *availp)
{
	const uint8_t *area = c->map(start, len), *p;

	if (area == NULL)
		return NULL;
	for (size_t off = 0; len - off >= 8; off += RSDP_SCAN_STEP) {
		if (memcmp(area + off, RSDP_SIG, 8) != 0)
			continue;
		p = acpi_map_rsdp(c, start + off, availp);
		if (p != NULL && acpi_rsdp_problem(p, *availp) == NULL)
			return p;
	}
	return NULL;
}

/* The first KiB of the EBDA, whose segment the BIOS data area holds. */
static const uint8_t *
acpi_scan_ebda(struct acpi_ctx *c, size_t *availp)
{
	const uint8_t *w = c->map(EBDA_SEG_PTR, 2);
	uint64_t base;

	if (w == NULL)
		return NULL;
	base = (uint64_t)acpi_u16(w) << 4;
	if (base < EBDA_MIN)
		return NULL;
	return acpi_scan(c, base, EBDA_SCAN_LEN, availp);
}

/* The boot loader's copy if valid, else the EBDA, else the BIOS area. */
static const uint8_t *
acpi_find_rsdp(struct acpi_ctx *c, const uint8_t *rsdp, size_t rsdp_len,
	       size_t *availp)
{
	const char *why;
	const uint8_t *p;

	if (rsdp != NULL && rsdp_len > 0) {
		if ((why = acpi_rsdp_problem(rsdp, rsdp_len)) == NULL) {
			*availp = rsdp_len;
			return rsdp;
		}
		acpi_warn(c, "RSDP from the boot loader: %s; scanning", why);
	}
	if ((p = acpi_scan_ebda(c, availp)) != NULL)
		return p;
	return acpi_scan(c, BIOS_AREA_START, BIOS_AREA_LEN, availp);
}

/*
 * Walk the XSDT when the RSDP has one (revision 2+, non-zero address),
 * else, or if the XSDT is unusable, the RSDT.  revision says which was
 * used: the RSDP's revision for the XSDT, 1 for the RSDT.
 */
static void
acpi_use_rsdp(struct acpi_ctx *c, const uint8_t *p, size_t avail)
{
	uint32_t rsdt = acpi_u32(p + RSDP_RSDT);
	uint64_t xsdt = 0;

	acpi_text(c->out->oem_id, p + RSDP_OEM, 6);
	if (p[RSDP_REVISION] >= 2 && avail >= RSDP_V2_LEN)
		xsdt = acpi_u64(p + RSDP_XSDT);
	if (xsdt != 0) {
		c->out->revision = p[RSDP_REVISION];
		if (acpi_parse_root(c, xsdt, true) == 0)
			return;
		acpi_warn(c, "XSDT unusable; trying the RSDT");
	}
	c->out->revision = 1;
	if (rsdt == 0) {
		acpi_warn(c, "RSDP has no RSDT");
		return;
	}
	acpi_parse_root(c, rsdt, false);
}

/*
 * acpi_parse - fill @out from the ACPI tables; see acpi.h.  Returns 0, or
 * -ENOENT when no valid RSDP was found (then @out is all zero).  Problems
 * in the tables are logged through @log and counted in out->tables_bad.
 * Context: pure; any context; @map may be called many times.
 */
int
acpi_parse(const void *rsdp, size_t rsdp_len, acpi_map_fn map,
	   void (*log)(const char *fmt, ...), struct acpi_info *out)
{
	struct acpi_ctx c = {.map = map, .log = log, .out = out};
	const uint8_t *p;
	size_t avail = 0;

	memset(out, 0, sizeof(*out));
	if ((p = acpi_find_rsdp(&c, rsdp, rsdp_len, &avail)) == NULL)
		return -ENOENT;
	acpi_use_rsdp(&c, p, avail);
	return 0;
}

/* ---- the kernel side ----------------------------------------------------- */
#ifndef HOST_TEST
#include "arch/arch.h"
#include "kernel/bootinfo.h"
#include "kernel/format.h"
#include "kernel/printk.h"
#include "mm/pmm.h"

struct acpi_info acpi;

/* Tables are read through the direct map, which covers at least 4 GiB. */
static const void *
acpi_kmap(uint64_t pa, size_t len)
{
	uint64_t end = MAX(pmm_phys_end(), (paddr_t)EARLY_DIRECT_MAP_SIZE);

	if (len > end || pa > end - len)
		return NULL;
	return phys_to_virt(pa);
}

static void acpi_klog(const char *fmt, ...) __printf(1, 2);

/* One warning line; formatted first so that it is logged in one piece. */
static void
acpi_klog(const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_warn("acpi: %s\n", msg);
}

static void
acpi_log_summary(const struct acpi_info *a)
{
	uint64_t lapic_pa = a->lapic_addr64 ? a->lapic_addr64 : a->lapic_addr;
	char lapic[32] = "no MADT", hpet[32] = "no HPET";

	if (a->has_madt)
		ksnprintf(lapic, sizeof(lapic), "LAPIC at 0x%llx",
			  (unsigned long long)lapic_pa);
	if (a->has_hpet)
		ksnprintf(hpet, sizeof(hpet), "HPET at 0x%llx",
			  (unsigned long long)a->hpet_addr);
	pr_info("acpi: rev %d (%s), OEM \"%s\", %u CPUs, %zu I/O APICs, "
		"%zu overrides, %s, %s, FADT %s\n",
		a->revision, a->revision >= 2 ? "XSDT" : "RSDT", a->oem_id,
		a->cpu_count, a->ioapic_count, a->override_count, lapic, hpet,
		a->has_fadt ? "yes" : "no");
}

/*
 * acpi_init - parse this machine's tables into `acpi` from the RSDP the
 * boot loader passed, else by scanning low memory; logs a summary.
 * Returns 0, or -ENOENT without ACPI.  Context: boot, after mm_init() if
 * tables may lie above 4 GiB.
 */
int
acpi_init(void)
{
	const void *rsdp = boot_info.acpi_rsdp_len ? boot_info.acpi_rsdp : NULL;
	int err;

	err = acpi_parse(rsdp, boot_info.acpi_rsdp_len, acpi_kmap, acpi_klog,
			 &acpi);
	if (err < 0) {
		pr_warn("acpi: no valid RSDP found; no ACPI tables used\n");
		return err;
	}
	acpi_log_summary(&acpi);
	return 0;
}
#endif /* !HOST_TEST */
