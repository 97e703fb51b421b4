/*
 * tests/host/acpi_test.c: acpi_parse() on crafted ACPI tables.
 *
 * The tables are built in a fake physical memory of 1 MiB.  Its map
 * function hands out an exact-size heap copy of each range asked for
 * (freed after the parse), so AddressSanitizer reports any read past what
 * the parser mapped, not just past the fake memory.  The standard image
 * looks like QEMU's q35 tables under SeaBIOS: one CPU, one I/O APIC at
 * 0xfec00000, the overrides 0->2, 5, 9, 10, 11 (level, active high), an
 * NMI on LINT1, a revision-3 FADT and an HPET at 0xfed00000.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"

#define MEM_SIZE 0x100000u

#define RSDT_PA	   0x10000u
#define XSDT_PA	   0x10101u /* odd: every 64-bit entry is unaligned */
#define MADT_PA	   0x11000u
#define FADT_PA	   0x12000u
#define HPET_PA	   0x13000u
#define DSDT_PA	   0x14000u
#define X_DSDT_PA  0x14800u
#define EBDA_PA	   0x9fc00u
#define BIOS_RSDP  0xf5a40u
#define TABLES_END 0x15000u

#define LEVEL_HIGH (ACPI_TRIGGER_LEVEL | ACPI_POLARITY_HIGH)

static uint8_t mem[MEM_SIZE];
static size_t cur; /* where put*() writes */
static size_t tbl; /* start of the open table */
static uint8_t rsdp[36];
static struct acpi_info info;

static void *maps[4096];
static size_t nmaps;

static char logbuf[1 << 16];
static size_t loglen;
static unsigned int nlog;

/* ---- fake physical memory ------------------------------------------------ */

static const void *
fake_map(uint64_t pa, size_t len)
{
	uint8_t *copy;

	if (pa > MEM_SIZE || len > MEM_SIZE - pa || len == 0)
		return NULL;
	if (nmaps == sizeof(maps) / sizeof(maps[0]))
		abort();
	copy = malloc(len);
	memcpy(copy, mem + pa, len);
	maps[nmaps++] = copy;
	return copy;
}

static void
unmap_all(void)
{
	while (nmaps > 0)
		free(maps[--nmaps]);
}

static void
test_log(const char *fmt, ...)
{
	va_list ap;
	int n;

	nlog++;
	if (loglen >= sizeof(logbuf) - 2)
		return;
	va_start(ap, fmt);
	n = vsnprintf(logbuf + loglen, sizeof(logbuf) - loglen - 1, fmt, ap);
	va_end(ap);
	if (n > 0)
		loglen += (size_t)n;
	if (loglen > sizeof(logbuf) - 2)
		loglen = sizeof(logbuf) - 2;
	logbuf[loglen++] = '\n';
	logbuf[loglen] = '\0';
}

static int
logged(const char *needle)
{
	return strstr(logbuf, needle) != NULL;
}

/* Parse with @n bytes at @r as the boot loader's RSDP (NULL: scan). */
static int
parse_with(const uint8_t *r, size_t n, void (*log)(const char *, ...))
{
	uint8_t *copy = NULL;
	int err;

	loglen = 0;
	nlog = 0;
	logbuf[0] = '\0';
	if (r != NULL) {
		copy = malloc(n ? n : 1);
		memcpy(copy, r, n);
	}
	err = acpi_parse(copy, n, fake_map, log, &info);
	unmap_all();
	free(copy);
	return err;
}

static int
parse_rsdp(size_t n)
{
	return parse_with(rsdp, n, test_log);
}

static int
parse_scan(void)
{
	return parse_with(NULL, 0, test_log);
}

/* ---- table builder ------------------------------------------------------- */

static void
at(size_t pa)
{
	cur = pa;
}

static void
put(const void *p, size_t n)
{
	if (cur + n > MEM_SIZE)
		abort();
	memcpy(mem + cur, p, n);
	cur += n;
}

static void
put8(uint8_t v)
{
	put(&v, 1);
}

static void
put16(uint16_t v)
{
	put(&v, 2);
}

static void
put32(uint32_t v)
{
	put(&v, 4);
}

static void
put64(uint64_t v)
{
	put(&v, 8);
}

static void
set8(size_t pa, uint8_t v)
{
	mem[pa] = v;
}

static void
set16(size_t pa, uint16_t v)
{
	memcpy(mem + pa, &v, 2);
}

static void
set32(size_t pa, uint32_t v)
{
	memcpy(mem + pa, &v, 4);
}

static void
set64(size_t pa, uint64_t v)
{
	memcpy(mem + pa, &v, 8);
}

static uint32_t
get32(size_t pa)
{
	uint32_t v;

	memcpy(&v, mem + pa, 4);
	return v;
}

static uint8_t
sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n-- > 0)
		s += *p++;
	return s;
}

/* Recompute the checksum of the table at @pa from its length field. */
static void
resum(size_t pa)
{
	uint32_t len = get32(pa + 4);

	if (len < 36 || len > MEM_SIZE - pa)
		return;
	mem[pa + 9] = 0;
	mem[pa + 9] = (uint8_t)-sum(mem + pa, len);
}

/* Open a table: the 36-byte header with BOCHS/BXPC identifiers. */
static void
sdt_begin(size_t pa, const char *sig, uint8_t rev)
{
	at(pa);
	tbl = pa;
	put(sig, 4);
	put32(0);
	put8(rev);
	put8(0);
	put("BOCHS ", 6);
	put("BXPC    ", 8);
	put32(1);
	put("BXPC", 4);
	put32(1);
}

/* Zero-fill the open table up to @len bytes. */
static void
sdt_fill(size_t len)
{
	while (cur < tbl + len)
		put8(0);
}

/* Close the open table: length and checksum.  Returns the length. */
static uint32_t
sdt_end(void)
{
	uint32_t len = (uint32_t)(cur - tbl);

	set32(tbl + 4, len);
	resum(tbl);
	return len;
}

static void
madt_lapic(uint8_t uid, uint8_t id, uint32_t flags)
{
	put8(0), put8(8), put8(uid), put8(id), put32(flags);
}

static void
madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	put8(1), put8(12), put8(id), put8(0), put32(addr), put32(gsi_base);
}

static void
madt_override(uint8_t bus, uint8_t src, uint32_t gsi, uint16_t flags)
{
	put8(2), put8(10), put8(bus), put8(src), put32(gsi), put16(flags);
}

static void
madt_nmi(uint8_t uid, uint16_t flags, uint8_t lint)
{
	put8(4), put8(6), put8(uid), put16(flags), put8(lint);
}

/* Open the MADT with QEMU's entries; more may follow before sdt_end(). */
static void
madt_begin_qemu(void)
{
	sdt_begin(MADT_PA, "APIC", 1);
	put32(0xfee00000);
	put32(1); /* PCAT_COMPAT */
	madt_lapic(0, 0, 1);
	madt_ioapic(0, 0xfec00000, 0);
	madt_override(0, 0, 2, 0);
	madt_override(0, 5, 5, LEVEL_HIGH);
	madt_override(0, 9, 9, LEVEL_HIGH);
	madt_override(0, 10, 10, LEVEL_HIGH);
	madt_override(0, 11, 11, LEVEL_HIGH);
	madt_nmi(0xff, 0, 1);
}

/* A FADT of @len bytes, revision @rev, with q35-like values. */
static void
build_fadt(uint32_t len, uint8_t rev)
{
	sdt_begin(FADT_PA, "FACP", rev);
	sdt_fill(len);
	set32(FADT_PA + 40, DSDT_PA);
	set32(FADT_PA + 48, 0xb2);
	set8(FADT_PA + 52, 0xf1);
	set32(FADT_PA + 64, 0x604);
	set32(FADT_PA + 68, 0);
	set16(FADT_PA + 109, 0x0003); /* legacy devices, 8042 */
	set32(FADT_PA + 112, 1u << 10);
	set8(FADT_PA + 116, 1); /* I/O space */
	set8(FADT_PA + 117, 8); /* bit width */
	set8(FADT_PA + 119, 1); /* byte access */
	set64(FADT_PA + 120, 0xcf9);
	set8(FADT_PA + 128, 0x06);
	set64(FADT_PA + 140, X_DSDT_PA);
	sdt_end();
}

static void
build_hpet(uint64_t addr)
{
	sdt_begin(HPET_PA, "HPET", 1);
	put32(0x8086a201);
	put8(0), put8(64), put8(0), put8(0); /* GAS: memory, 64 bits */
	put64(addr);
	put8(0);
	put16(0x80);
	put8(0);
	sdt_end();
}

static void
build_rsdt(void)
{
	sdt_begin(RSDT_PA, "RSDT", 1);
	put32(FADT_PA);
	put32(MADT_PA);
	put32(HPET_PA);
	sdt_end();
}

static void
build_xsdt(void)
{
	sdt_begin(XSDT_PA, "XSDT", 1);
	put64(FADT_PA);
	put64(MADT_PA);
	put64(HPET_PA);
	sdt_end();
}

/* An RSDP of revision @rev at @p, with both checksums set. */
static void
make_rsdp(uint8_t *p, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	uint32_t len = 36;

	memset(p, 0, 36);
	memcpy(p, "RSD PTR ", 8);
	memcpy(p + 9, "BOCHS ", 6);
	p[15] = rev;
	memcpy(p + 16, &rsdt, 4);
	memcpy(p + 20, &len, 4);
	memcpy(p + 24, &xsdt, 8);
	p[8] = (uint8_t)-sum(p, 20);
	p[32] = (uint8_t)-sum(p, 36);
}

/*
 * The standard image: RSDT and XSDT, MADT, FADT (rev 3, 244 bytes), HPET
 * and two DSDT stubs; the RSDP (revision @rev) is left in rsdp[].
 */
static void
build_image(uint8_t rev)
{
	memset(mem, 0, sizeof(mem));
	madt_begin_qemu();
	sdt_end();
	build_fadt(244, 3);
	build_hpet(0xfed00000);
	sdt_begin(DSDT_PA, "DSDT", 1);
	sdt_end();
	sdt_begin(X_DSDT_PA, "DSDT", 2);
	sdt_end();
	build_rsdt();
	build_xsdt();
	make_rsdp(rsdp, rev, RSDT_PA, rev >= 2 ? XSDT_PA : 0);
}

/* The QEMU MADT as the parser must see it. */
static void
expect_qemu_madt(void)
{
	static const struct {
		uint8_t src;
		uint32_t gsi;
		uint16_t flags;
	} ovr[] = {{0, 2, 0},
		   {5, 5, LEVEL_HIGH},
		   {9, 9, LEVEL_HIGH},
		   {10, 10, LEVEL_HIGH},
		   {11, 11, LEVEL_HIGH}};

	EXPECT_TRUE(info.has_madt);
	EXPECT_EQ(info.lapic_addr, 0xfee00000);
	EXPECT_EQ(info.lapic_addr64, 0);
	EXPECT_TRUE(info.pic_present);
	EXPECT_EQ(info.cpu_count, 1);
	ASSERT_EQ(info.ioapic_count, 1);
	EXPECT_EQ(info.ioapics[0].id, 0);
	EXPECT_EQ(info.ioapics[0].addr, 0xfec00000);
	EXPECT_EQ(info.ioapics[0].gsi_base, 0);
	ASSERT_EQ(info.override_count, 5);
	for (size_t i = 0; i < 5; i++) {
		EXPECT_EQ(info.overrides[i].source, ovr[i].src);
		EXPECT_EQ(info.overrides[i].gsi, ovr[i].gsi);
		EXPECT_EQ(info.overrides[i].flags, ovr[i].flags);
	}
	ASSERT_EQ(info.nmi_count, 1);
	EXPECT_EQ(info.nmis[0].processor, 0xff);
	EXPECT_EQ(info.nmis[0].lint, 1);
	EXPECT_EQ(info.nmis[0].flags, 0);
}

static void
expect_q35_fadt(void)
{
	EXPECT_TRUE(info.has_fadt);
	EXPECT_EQ(info.smi_cmd_port, 0xb2);
	EXPECT_EQ(info.acpi_enable_value, 0xf1);
	EXPECT_EQ(info.pm1a_cnt_port, 0x604);
	EXPECT_EQ(info.pm1b_cnt_port, 0);
	EXPECT_TRUE(info.has_boot_arch);
	EXPECT_EQ(info.boot_arch_flags, 3);
	EXPECT_TRUE(info.has_reset_reg);
	EXPECT_EQ(info.reset_reg.space, 1);
	EXPECT_EQ(info.reset_reg.bit_width, 8);
	EXPECT_EQ(info.reset_reg.bit_offset, 0);
	EXPECT_EQ(info.reset_reg.access_size, 1);
	EXPECT_EQ(info.reset_reg.address, 0xcf9);
	EXPECT_EQ(info.reset_value, 6);
	EXPECT_EQ(info.dsdt_addr, X_DSDT_PA); /* X_DSDT wins */
}

/* ---- the good cases ------------------------------------------------------ */

HTEST(acpi_qemu_rsdp_v1_rsdt)
{
	build_image(0);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_STREQ(info.oem_id, "BOCHS ");
	EXPECT_EQ(info.tables_seen, 4);
	EXPECT_EQ(info.tables_bad, 0);
	EXPECT_EQ(nlog, 0);
	expect_qemu_madt();
	expect_q35_fadt();
	EXPECT_TRUE(info.has_hpet);
	EXPECT_EQ(info.hpet_addr, 0xfed00000);
}

HTEST(acpi_rsdp_v2_xsdt_unaligned_entries)
{
	build_image(2);
	ASSERT_EQ(parse_rsdp(36), 0);
	EXPECT_EQ(info.revision, 2);
	EXPECT_EQ(info.tables_seen, 4);
	EXPECT_EQ(info.tables_bad, 0);
	expect_qemu_madt();
	expect_q35_fadt();
	EXPECT_EQ(info.hpet_addr, 0xfed00000);
	/* The XSDT alone: an RSDT that is not there changes nothing. */
	set32(RSDT_PA, 0);
	ASSERT_EQ(parse_rsdp(36), 0);
	EXPECT_EQ(info.revision, 2);
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
}

HTEST(acpi_null_log_callback)
{
	build_image(2);
	set8(MADT_PA + 9, mem[MADT_PA + 9] + 1);
	ASSERT_EQ(parse_with(rsdp, 36, NULL), 0);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_EQ(parse_with(NULL, 0, NULL), -ENOENT);
}

HTEST(acpi_v2_without_xsdt_uses_rsdt)
{
	build_image(2);
	make_rsdp(rsdp, 2, RSDT_PA, 0);
	ASSERT_EQ(parse_rsdp(36), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
}

/* GRUB's old tag holds 20 bytes even of a revision-2 RSDP. */
HTEST(acpi_v2_rsdp_in_20_bytes_uses_rsdt)
{
	build_image(2);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_EQ(info.tables_bad, 0);
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
}

HTEST(acpi_bad_xsdt_falls_back_to_rsdt)
{
	build_image(2);
	set8(XSDT_PA + 20, mem[XSDT_PA + 20] ^ 0x55);
	ASSERT_EQ(parse_rsdp(36), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("XSDT at 0x10101: bad checksum"));
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
}

HTEST(acpi_root_with_wrong_signature)
{
	build_image(0);
	memcpy(mem + RSDT_PA, "XSDT", 4);
	resum(RSDT_PA);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_FALSE(info.has_madt);
	EXPECT_TRUE(logged("wrong signature"));
}

/* ---- bad RSDPs and the scans --------------------------------------------- */

HTEST(acpi_bad_rsdp_checksum)
{
	build_image(0);
	rsdp[8]++;
	EXPECT_EQ(parse_rsdp(20), -ENOENT);
	EXPECT_TRUE(logged("bad checksum"));
	EXPECT_EQ(info.revision, 0);
	EXPECT_FALSE(info.has_madt);
	/* A good RSDP in the BIOS area is then found by the scan. */
	make_rsdp(mem + BIOS_RSDP, 0, RSDT_PA, 0);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_madt);
}

HTEST(acpi_bad_rsdp_signature_and_length)
{
	build_image(2);
	EXPECT_EQ(parse_rsdp(19), -ENOENT);
	EXPECT_TRUE(logged("too short"));
	rsdp[3] = 'x';
	EXPECT_EQ(parse_rsdp(36), -ENOENT);
	EXPECT_TRUE(logged("bad signature"));
}

HTEST(acpi_bad_extended_checksum)
{
	build_image(2);
	rsdp[33] = 1; /* reserved, covered by the extended checksum only */
	EXPECT_EQ(parse_rsdp(36), -ENOENT);
	EXPECT_TRUE(logged("bad extended checksum"));
}

/* A length below 36 is checked over 36 bytes; above, over what exists. */
HTEST(acpi_rsdp_length_is_bounded)
{
	uint32_t len;

	build_image(2);
	for (int i = 0; i < 2; i++) {
		len = i ? 0xffffffff : 0;
		memcpy(rsdp + 20, &len, 4);
		rsdp[8] = 0;
		rsdp[8] = (uint8_t)-sum(rsdp, 20);
		rsdp[32] = 0;
		rsdp[32] = (uint8_t)-sum(rsdp, 36);
		ASSERT_EQ(parse_rsdp(36), 0);
		EXPECT_EQ(info.revision, 2);
	}
}

HTEST(acpi_ebda_scan)
{
	build_image(2);
	set16(0x40e, EBDA_PA >> 4);
	/* The last slot of its first KiB: the RSDP runs past it. */
	make_rsdp(mem + EBDA_PA + 0x3f0, 2, RSDT_PA, XSDT_PA);
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_EQ(info.revision, 2);
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
	/* The EBDA wins over the BIOS area. */
	make_rsdp(mem + BIOS_RSDP, 0, 0, 0);
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_EQ(info.revision, 2);
	/* Off a 16-byte boundary it is not found. */
	memmove(mem + EBDA_PA + 0x3f8, mem + EBDA_PA + 0x3f0, 36);
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_FALSE(info.has_madt);
	/* Past the first KiB neither. */
	memset(mem + BIOS_RSDP, 0, 36);
	make_rsdp(mem + EBDA_PA + 0x400, 2, RSDT_PA, XSDT_PA);
	EXPECT_EQ(parse_scan(), -ENOENT);
}

HTEST(acpi_bios_area_scan)
{
	uint8_t r[36];

	/* In the last slots, with only 20 or 16 bytes of memory left. */
	build_image(0);
	make_rsdp(r, 0, RSDT_PA, 0);
	memcpy(mem + 0xffff0, r, 16);
	EXPECT_EQ(parse_scan(), -ENOENT);
	memcpy(mem + 0xfffe0, r, 20);
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_TRUE(info.has_madt && info.has_fadt && info.has_hpet);
	/* A corrupt candidate first is passed over. */
	make_rsdp(mem + 0xe0000, 0, RSDT_PA, 0);
	mem[0xe0000 + 16]++;
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_EQ(info.revision, 1);
	/* An EBDA pointer into the IVT is ignored. */
	set16(0x40e, 0x10);
	make_rsdp(mem + 0x100, 0, 0, 0);
	ASSERT_EQ(parse_scan(), 0);
	EXPECT_TRUE(info.has_madt);
}

HTEST(acpi_nothing_found)
{
	build_image(2);
	set16(0x40e, EBDA_PA >> 4);
	EXPECT_EQ(parse_scan(), -ENOENT);
	EXPECT_EQ(info.revision, 0);
	EXPECT_EQ(info.tables_seen, 0);
	memset(mem, 0, sizeof(mem));
	EXPECT_EQ(parse_scan(), -ENOENT);
}

/* ---- bad tables ---------------------------------------------------------- */

HTEST(acpi_rsdt_past_memory)
{
	build_image(0);
	make_rsdp(rsdp, 0, 0x200000, 0);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.revision, 1);
	EXPECT_EQ(info.tables_seen, 1);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_FALSE(info.has_madt || info.has_fadt || info.has_hpet);
	EXPECT_TRUE(logged("table at 0x200000: not readable"));
	/* Its header readable, its body not. */
	make_rsdp(rsdp, 0, MEM_SIZE - 36, 0);
	memcpy(mem + MEM_SIZE - 36, "RSDT", 4);
	set32(MEM_SIZE - 32, 40);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("RSDT at 0xfffdc: not readable"));
}

HTEST(acpi_bad_checksum_table_skipped)
{
	build_image(0);
	set8(MADT_PA + 50, mem[MADT_PA + 50] + 1);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_seen, 4);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_FALSE(info.has_madt);
	EXPECT_EQ(info.ioapic_count, 0);
	EXPECT_TRUE(logged("APIC at 0x11000: bad checksum; skipped"));
	expect_q35_fadt();
	EXPECT_TRUE(info.has_hpet);
}

HTEST(acpi_table_length_below_header)
{
	build_image(0);
	set32(HPET_PA + 4, 35);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_FALSE(info.has_hpet);
	EXPECT_TRUE(logged("HPET at 0x13000: impossible length 35"));
	EXPECT_TRUE(info.has_madt && info.has_fadt);
}

HTEST(acpi_table_length_huge)
{
	build_image(2);
	set32(MADT_PA + 4, 0xffffffff);
	set32(FADT_PA + 4, (1u << 20) + 1);
	set32(HPET_PA + 4, 0xf0000); /* plausible but past memory */
	ASSERT_EQ(parse_rsdp(36), 0);
	EXPECT_EQ(info.tables_bad, 3);
	EXPECT_FALSE(info.has_madt || info.has_fadt || info.has_hpet);
	EXPECT_TRUE(logged("impossible length 4294967295"));
	EXPECT_TRUE(logged("impossible length 1048577"));
	EXPECT_TRUE(logged("HPET at 0x13000: not readable"));
}

/* Null, unreadable and unknown entries; the good ones still count. */
HTEST(acpi_root_entries_mixed)
{
	build_image(0);
	sdt_begin(RSDT_PA, "RSDT", 1);
	put32(0);
	put32(0xfffffff0);
	put32(DSDT_PA); /* a table we do not parse */
	put32(MADT_PA);
	put8(0xaa); /* a stray byte: not an entry */
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_seen, 5);
	EXPECT_EQ(info.tables_bad, 2);
	EXPECT_TRUE(logged("table at 0x0: not readable"));
	expect_qemu_madt();
}

HTEST(acpi_root_capped_at_256_entries)
{
	build_image(0);
	sdt_begin(RSDT_PA, "RSDT", 1);
	for (int i = 0; i < 300; i++)
		put32(i == 299 ? MADT_PA : DSDT_PA);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_seen, 257);
	EXPECT_FALSE(info.has_madt);
	EXPECT_TRUE(logged("RSDT: 300 entries, only the first 256 used"));
}

HTEST(acpi_duplicate_tables_first_wins)
{
	build_image(0);
	sdt_begin(0x16000, "APIC", 1);
	put32(0xfee01000);
	put32(0);
	sdt_end();
	sdt_begin(RSDT_PA, "RSDT", 1);
	put32(MADT_PA);
	put32(0x16000);
	put32(HPET_PA);
	put32(HPET_PA);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.tables_bad, 0);
	expect_qemu_madt();
	EXPECT_TRUE(logged("second MADT ignored"));
	EXPECT_TRUE(logged("second HPET table ignored"));
}

/* ---- the MADT ------------------------------------------------------------ */

HTEST(acpi_madt_entry_length_zero)
{
	build_image(0);
	madt_begin_qemu();
	put8(1), put8(0); /* an I/O APIC with length 0 */
	madt_ioapic(1, 0xfec01000, 24);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	expect_qemu_madt(); /* the second I/O APIC is not reached */
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("MADT: entry at offset 120 broken"));
}

HTEST(acpi_madt_entry_past_the_end)
{
	build_image(0);
	madt_begin_qemu();
	put8(1), put8(12), put8(1), put8(0); /* cut short by the table */
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	expect_qemu_madt();
	EXPECT_EQ(info.tables_bad, 1);
	/* A single byte left over. */
	madt_begin_qemu();
	put8(0);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	expect_qemu_madt();
	EXPECT_EQ(info.tables_bad, 1);
}

HTEST(acpi_madt_short_and_odd_entries)
{
	build_image(0);
	madt_begin_qemu();
	put8(1), put8(8), put32(0xfec01000), put16(0); /* I/O APIC, short */
	madt_override(1, 4, 4, 0);		       /* not ISA */
	madt_nmi(0, 0, 2);			       /* no LINT2 */
	put8(0x7f), put8(3), put8(0);		       /* unknown: ignored */
	madt_lapic(1, 1, 0);			       /* disabled */
	madt_lapic(2, 2, 2);			       /* online capable */
	put8(9), put8(16), put16(0), put32(300), put32(1), put32(3);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.cpu_count, 3);
	EXPECT_EQ(info.ioapic_count, 1);
	EXPECT_EQ(info.override_count, 5);
	EXPECT_EQ(info.nmi_count, 1);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("MADT: 3 malformed entries skipped"));
}

HTEST(acpi_madt_lapic_override)
{
	build_image(0);
	madt_begin_qemu();
	put8(5), put8(12), put16(0), put64(0xfee10000);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.lapic_addr64, 0xfee10000);
	EXPECT_EQ(info.lapic_addr, 0xfee10000);
	madt_begin_qemu();
	put8(5), put8(12), put16(0), put64(0x123400000000ull);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.lapic_addr64, 0x123400000000ull);
	EXPECT_EQ(info.lapic_addr, 0xfee00000);
	EXPECT_EQ(info.tables_bad, 0);
}

HTEST(acpi_madt_too_many_entries)
{
	build_image(0);
	madt_begin_qemu();
	for (int i = 0; i < 30; i++)
		madt_override(0, (uint8_t)(i + 12), (uint32_t)(i + 12), 0);
	for (int i = 1; i < ACPI_MAX_IOAPICS + 2; i++)
		madt_ioapic((uint8_t)i, 0xfec00000 + i * 0x1000, i * 24);
	for (int i = 1; i < ACPI_MAX_NMIS + 1; i++)
		madt_nmi((uint8_t)i, 0, 1);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_EQ(info.override_count, ACPI_MAX_OVERRIDES);
	EXPECT_EQ(info.overrides[23].source, 30);
	EXPECT_EQ(info.ioapic_count, ACPI_MAX_IOAPICS);
	EXPECT_EQ(info.nmi_count, ACPI_MAX_NMIS);
	EXPECT_EQ(info.tables_bad, 0);
	EXPECT_TRUE(logged("MADT: 11 interrupt overrides beyond 24 dropped"));
	EXPECT_TRUE(logged("MADT: 2 I/O APICs beyond 8 dropped"));
	EXPECT_TRUE(logged("MADT: 1 NMI entries beyond 16 dropped"));
	EXPECT_EQ(nlog, 3);
}

HTEST(acpi_madt_too_short_for_its_header)
{
	build_image(0);
	sdt_begin(MADT_PA, "APIC", 1);
	put32(0xfee00000);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_FALSE(info.has_madt);
	EXPECT_EQ(info.lapic_addr, 0);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("APIC: too short (40 bytes)"));
}

/* ---- the FADT and the HPET table ----------------------------------------- */

HTEST(acpi_fadt_too_short_for_reset_register)
{
	build_image(0);
	build_fadt(128, 3); /* RESET_VALUE would be byte 128 */
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_fadt);
	EXPECT_FALSE(info.has_reset_reg);
	EXPECT_EQ(info.reset_reg.address, 0);
	EXPECT_EQ(info.pm1a_cnt_port, 0x604);
	EXPECT_TRUE(info.has_boot_arch);
	EXPECT_EQ(info.dsdt_addr, DSDT_PA); /* no room for X_DSDT */
	build_fadt(129, 3);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_reset_reg);
	EXPECT_EQ(info.reset_value, 6);
}

HTEST(acpi_fadt_reset_register_unsupported)
{
	build_image(0);
	set32(FADT_PA + 112, 0);
	resum(FADT_PA);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_FALSE(info.has_reset_reg);
	EXPECT_EQ(info.pm1a_cnt_port, 0x604);
}

/* ACPI 1.0: 116 bytes, and IAPC_BOOT_ARCH was still reserved. */
HTEST(acpi_fadt_revision_1)
{
	build_image(0);
	build_fadt(116, 1);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_fadt);
	EXPECT_FALSE(info.has_boot_arch);
	EXPECT_EQ(info.boot_arch_flags, 0);
	EXPECT_FALSE(info.has_reset_reg);
	EXPECT_EQ(info.smi_cmd_port, 0xb2);
	EXPECT_EQ(info.pm1a_cnt_port, 0x604);
	EXPECT_EQ(info.dsdt_addr, DSDT_PA);
}

HTEST(acpi_fadt_fields_need_room)
{
	build_image(0);
	build_fadt(66, 3); /* up to half of PM1a_CNT_BLK */
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_fadt);
	EXPECT_EQ(info.dsdt_addr, DSDT_PA);
	EXPECT_EQ(info.smi_cmd_port, 0xb2);
	EXPECT_EQ(info.acpi_enable_value, 0xf1);
	EXPECT_EQ(info.pm1a_cnt_port, 0);
	EXPECT_FALSE(info.has_boot_arch);
	build_fadt(36, 3);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_TRUE(info.has_fadt);
	EXPECT_EQ(info.dsdt_addr, 0);
	EXPECT_EQ(info.tables_bad, 0);
}

HTEST(acpi_hpet_unusable)
{
	build_image(0);
	build_hpet(0);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_FALSE(info.has_hpet);
	EXPECT_EQ(info.tables_bad, 1);
	EXPECT_TRUE(logged("HPET: unusable base address"));
	build_hpet(0xfed00000);
	set8(HPET_PA + 40, 1); /* I/O space */
	resum(HPET_PA);
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_FALSE(info.has_hpet);
	/* Too short for the address. */
	sdt_begin(HPET_PA, "HPET", 1);
	sdt_fill(51);
	sdt_end();
	ASSERT_EQ(parse_rsdp(20), 0);
	EXPECT_FALSE(info.has_hpet);
	EXPECT_TRUE(logged("HPET: too short (51 bytes)"));
}

/* ---- fuzzing ------------------------------------------------------------- */

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* One random change: a byte, or a 32-bit word (lengths, addresses). */
static void
mutate(uint8_t *base, size_t len)
{
	size_t off = rng() % len;
	uint32_t v;

	if (rng() % 3 != 0 || len - off < 4) {
		base[off] = (uint8_t)rng();
		return;
	}
	v = (uint32_t)rng();
	if (rng() % 2)
		v %= 128;
	memcpy(base + off, &v, 4);
}

/*
 * Corrupt the tables and the RSDP; usually fix the checksums afterwards,
 * so that the corruption reaches the parsers behind them.
 */
static void
corrupt(void)
{
	static const size_t tables[] = {RSDT_PA, XSDT_PA, MADT_PA, FADT_PA,
					HPET_PA};
	size_t t;

	for (uint64_t n = 1 + rng() % 6; n > 0; n--) {
		if (rng() % 5 == 0) {
			mutate(rsdp, sizeof(rsdp));
			continue;
		}
		t = tables[rng() % 5];
		mutate(mem + t, 256);
	}
	if (rng() % 4 == 0)
		return;
	for (size_t i = 0; i < 5; i++)
		resum(tables[i]);
	rsdp[8] = 0;
	rsdp[8] = (uint8_t)-sum(rsdp, 20);
	rsdp[32] = 0;
	rsdp[32] = (uint8_t)-sum(rsdp, 36);
}

static void
expect_sane(int err)
{
	EXPECT_TRUE(err == 0 || err == -ENOENT);
	EXPECT_TRUE(info.ioapic_count <= ACPI_MAX_IOAPICS);
	EXPECT_TRUE(info.override_count <= ACPI_MAX_OVERRIDES);
	EXPECT_TRUE(info.nmi_count <= ACPI_MAX_NMIS);
	EXPECT_TRUE(info.tables_bad <= info.tables_seen);
	EXPECT_TRUE(info.tables_seen <= 2 + 256);
	EXPECT_TRUE(memchr(info.oem_id, 0, sizeof(info.oem_id)) != NULL);
	if (err < 0)
		EXPECT_EQ(info.revision, 0);
}

/*
 * 20 000 random corruptions of a valid image: ASan and UBSan watch every
 * read, and each parse must return 0 or -ENOENT with sane contents.
 */
HTEST(acpi_fuzz_corrupted_tables)
{
	static uint8_t pristine[TABLES_END - RSDT_PA];
	uint8_t good_rsdp[sizeof(rsdp)];
	int err;

	build_image(2);
	madt_begin_qemu();
	madt_lapic(1, 1, 0);
	put8(9), put8(16), put16(0), put32(300), put32(1), put32(3);
	put8(5), put8(12), put16(0), put64(0xfee10000);
	sdt_end();
	set16(0x40e, EBDA_PA >> 4);
	memcpy(pristine, mem + RSDT_PA, sizeof(pristine));
	memcpy(good_rsdp, rsdp, sizeof(rsdp));
	for (int iter = 0; iter < 20000; iter++) {
		memcpy(mem + RSDT_PA, pristine, sizeof(pristine));
		memcpy(rsdp, good_rsdp, sizeof(rsdp));
		corrupt();
		if (iter % 16 == 0) { /* found by the EBDA scan */
			memcpy(mem + EBDA_PA + 0x40, rsdp, sizeof(rsdp));
			err = parse_scan();
			memset(mem + EBDA_PA + 0x40, 0, sizeof(rsdp));
		} else {
			err = parse_rsdp(rng() % 8 ? 36 : 20 + rng() % 17);
		}
		expect_sane(err);
		if (htest_failed())
			break;
	}
}
