/*
 * tests/host/memmap_test.c: memmap_build() and memmap_contains()
 * (mm/memmap.c) on crafted, hostile and realistic firmware memory maps.
 *
 * Every result is checked for the structural invariants (sorted, disjoint,
 * not touching, page-aligned, usable_bytes the sum).  The randomised test
 * compares against a byte-array model: a page is usable when each of its
 * bytes is in an AVAILABLE entry and none is in any other entry or in a
 * reservation.  Windows at 0, across 4 GiB, at 2^52 and at the very top
 * of the address space (where entries overflow) are modelled.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernel/errno.h"
#include "mm/memmap.h"
#include "tests/host/htest.h"

#define AV   BOOT_MEM_AVAILABLE
#define RS   BOOT_MEM_RESERVED
#define ACPI BOOT_MEM_ACPI_RECLAIMABLE
#define NVS  BOOT_MEM_ACPI_NVS
#define BAD  BOOT_MEM_BAD

#define PG  0x1000ull
#define MIB 0x100000ull
#define GIB 0x40000000ull
#define TOP (0ull - PG) /* where overflowing entries are clipped */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct memmap m;

/* Check the invariants every result must satisfy; 1 if they hold. */
static int
check_shape(const char *file, int line, const struct memmap *mm)
{
	uint64_t sum = 0;

	if (mm->count > MEMMAP_MAX_RANGES) {
		htest_fail(file, line, "count %zu", mm->count);
		return 0;
	}
	for (size_t i = 0; i < mm->count; i++) {
		const struct phys_range *r = &mm->usable[i];

		if (r->start >= r->end || r->start % PG || r->end % PG ||
		    (i > 0 && mm->usable[i - 1].end >= r->start)) {
			htest_fail(file, line,
				   "range %zu [%#llx, %#llx) bad or unsorted",
				   i, (unsigned long long)r->start,
				   (unsigned long long)r->end);
			return 0;
		}
		sum += r->end - r->start;
	}
	if (sum != mm->usable_bytes) {
		htest_fail(file, line, "usable_bytes %#llx, sum %#llx",
			   (unsigned long long)mm->usable_bytes,
			   (unsigned long long)sum);
		return 0;
	}
	return 1;
}

/* memmap_build() into m, checking the shape of the result. */
static int
build_at(const char *file, int line, const struct boot_mmap_entry *e, size_t n,
	 const struct phys_range *r, size_t nr)
{
	int err = memmap_build(e, n, r, nr, &m);

	if (err == 0)
		check_shape(file, line, &m);
	return err;
}
#define BUILD(e, n, r, nr) build_at(__FILE__, __LINE__, e, n, r, nr)

/* Whether m.usable is exactly @want (@n ranges). */
static int
expect_ranges(const char *file, int line, const struct phys_range *want,
	      size_t n)
{
	if (m.count != n) {
		htest_fail(file, line,
			   "%zu ranges, want %zu (first [%#llx, "
			   "%#llx))",
			   m.count, n, (unsigned long long)m.usable[0].start,
			   (unsigned long long)m.usable[0].end);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (m.usable[i].start != want[i].start ||
		    m.usable[i].end != want[i].end) {
			htest_fail(file, line,
				   "range %zu is [%#llx, %#llx), want [%#llx, "
				   "%#llx)",
				   i, (unsigned long long)m.usable[i].start,
				   (unsigned long long)m.usable[i].end,
				   (unsigned long long)want[i].start,
				   (unsigned long long)want[i].end);
			return 0;
		}
	}
	return 1;
}
#define RANGES(...) ((const struct phys_range[]){__VA_ARGS__})
#define EXPECT_RANGES(...)                                                     \
	expect_ranges(__FILE__, __LINE__, RANGES(__VA_ARGS__),                 \
		      sizeof(RANGES(__VA_ARGS__)) / sizeof(struct phys_range))

/* xorshift64*: a small reproducible generator for the randomised tests. */
static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t
rng_below(uint64_t n)
{
	return n ? rng() % n : 0;
}

/* Shuffle @n entries in place. */
static void
shuffle(struct boot_mmap_entry *e, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(i);
		struct boot_mmap_entry t = e[i - 1];

		e[i - 1] = e[j];
		e[j] = t;
	}
}

HTEST(memmap_arguments)
{
	static const struct boot_mmap_entry e[] = {{0x100000, 0x100000, AV}};
	static const struct phys_range r[] = {{0, 0x1000}};
	struct memmap poison;

	memset(&m, 0x5a, sizeof(m));
	memcpy(&poison, &m, sizeof(m));
	EXPECT_EQ(memmap_build(NULL, 1, NULL, 0, &m), -EINVAL);
	EXPECT_EQ(memmap_build(e, 1, NULL, 1, &m), -EINVAL);
	EXPECT_EQ(memmap_build(e, 1, r, 1, NULL), -EINVAL);
	EXPECT_MEMEQ(&m, &poison, sizeof(m)); /* untouched on error */

	EXPECT_EQ(BUILD(NULL, 0, NULL, 0), 0);
	EXPECT_EQ(m.count, 0);
	EXPECT_EQ(m.ram_bytes, 0);
	EXPECT_EQ(m.ram_end, 0);
	EXPECT_FALSE(m.truncated);
	EXPECT_EQ(BUILD(e, 1, NULL, 0), 0);
	EXPECT_RANGES({0x100000, 0x200000});
	EXPECT_EQ(BUILD(e, 0, r, 1), 0);
	EXPECT_EQ(m.count, 0);
}

HTEST(memmap_unsorted_entries_come_out_sorted)
{
	static const struct boot_mmap_entry e[] = {
		{0x40000000, 0x1000000, AV},
		{0x3000, 0x2000, AV},
		{0x900000, 0x100000, AV},
		{0x100000, 0x100000, AV},
	};

	EXPECT_EQ(BUILD(e, NELEM(e), NULL, 0), 0);
	EXPECT_RANGES({0x3000, 0x5000}, {0x100000, 0x200000},
		      {0x900000, 0xa00000}, {0x40000000, 0x41000000});
	EXPECT_EQ(m.ram_bytes, 0x1000000 + 0x2000 + 2 * 0x100000);
	EXPECT_EQ(m.ram_end, 0x41000000);
	EXPECT_EQ(m.usable_bytes, m.ram_bytes);
}

HTEST(memmap_overlaps_duplicates_and_neighbours_merge)
{
	static const struct boot_mmap_entry e[] = {
		{0x200000, 0x100000, AV},
		{0x100000, 0x180000, AV}, /* overlaps the first */
		{0x200000, 0x100000, AV}, /* duplicate */
		{0x300000, 0x100000, AV}, /* touches */
		{0x120000, 0x1000, AV},	  /* inside */
		{0x500000, 0x800, AV},	  /* unaligned neighbours that */
		{0x500800, 0x1800, AV},	  /*   together cover two pages */
	};

	EXPECT_EQ(BUILD(e, NELEM(e), NULL, 0), 0);
	EXPECT_RANGES({0x100000, 0x400000}, {0x500000, 0x502000});
	EXPECT_EQ(m.ram_bytes, 0x300000 + 0x2000);
	EXPECT_EQ(m.ram_end, 0x502000);
}

HTEST(memmap_unaligned_entries_shrink_to_whole_pages)
{
	static const struct boot_mmap_entry e[] = {
		{0x1001, 0x4ffe, AV},  /* [0x1001, 0x5fff) */
		{0x10100, 0xe00, AV},  /* inside one page: nothing */
		{0x20800, 0x1000, AV}, /* two partial pages: nothing */
		{0x9fc00, 0x400, AV},
	};

	EXPECT_EQ(BUILD(e, NELEM(e), NULL, 0), 0);
	EXPECT_RANGES({0x2000, 0x5000});
	/* ram_bytes is exact, not rounded to pages. */
	EXPECT_EQ(m.ram_bytes, 0x4ffe + 0xe00 + 0x1000 + 0x400);
	EXPECT_EQ(m.ram_end, 0xa0000);
}

HTEST(memmap_holes_and_high_memory)
{
	static const struct boot_mmap_entry e[] = {
		{0, 0x9fc00, AV},
		{0x100000000ull, 0x100000000ull, AV},
		{(1ull << 52) - GIB, GIB, AV}, /* the top of 52-bit space */
		{0x7ff00000000ull, 0x1000, AV},
	};

	EXPECT_EQ(BUILD(e, NELEM(e), NULL, 0), 0);
	EXPECT_RANGES({0, 0x9f000}, {0x100000000ull, 0x200000000ull},
		      {0x7ff00000000ull, 0x7ff00001000ull},
		      {(1ull << 52) - GIB, 1ull << 52});
	EXPECT_EQ(m.ram_end, 1ull << 52);
	EXPECT_EQ(m.ram_bytes, 0x9fc00 + 0x100000000ull + GIB + 0x1000);
	EXPECT_TRUE(memmap_contains(&m, 0x180000000ull, 0x180001000ull));
	EXPECT_FALSE(memmap_contains(&m, 0x9f000, 0x100000000ull));
}

HTEST(memmap_reserved_wins_conflicts)
{
	struct boot_mmap_entry e[] = {
		{0, 16 * MIB, AV},
		{MIB + 10, 10, RS},    /* a few bytes: one page lost */
		{4 * MIB, MIB, ACPI},  /* every other type is reserved */
		{6 * MIB - 1, 2, NVS}, /* straddles a page boundary */
		{8 * MIB, PG, BAD},
		{9 * MIB, PG, 0}, /* unknown types too */
		{10 * MIB, PG, 0xffffffff},
		{15 * MIB, 2 * MIB, RS},    /* runs past the end */
		{8 * MIB + 0x2000, PG, AV}, /* AVAILABLE again: no effect */
	};

	rng_state = 0x5eed;
	for (int round = 0; round < 20; round++) {
		EXPECT_EQ(BUILD(e, NELEM(e), NULL, 0), 0);
		EXPECT_RANGES({0, MIB}, {MIB + PG, 4 * MIB},
			      {5 * MIB, 6 * MIB - PG}, {6 * MIB + PG, 8 * MIB},
			      {8 * MIB + PG, 9 * MIB}, {9 * MIB + PG, 10 * MIB},
			      {10 * MIB + PG, 15 * MIB});
		EXPECT_EQ(m.ram_bytes, 16 * MIB);
		EXPECT_EQ(m.ram_end, 16 * MIB);
		shuffle(e, NELEM(e));
	}
}

HTEST(memmap_zero_length_entries_are_ignored)
{
	static const struct boot_mmap_entry e[] = {
		{0x100000, 0x100000, AV},
		{0x180000, 0, RS}, /* must not split the range */
		{0x400000, 0, AV}, /* must not create one */
		{0, 0, AV},
	};
	static const struct phys_range r[] = {
		{0x150000, 0x150000}, /* empty reservation */
		{0x170000, 0x160000}, /* inverted: ignored */
	};

	EXPECT_EQ(BUILD(e, NELEM(e), r, NELEM(r)), 0);
	EXPECT_RANGES({0x100000, 0x200000});
	EXPECT_EQ(m.ram_bytes, 0x100000);
	EXPECT_EQ(m.ram_end, 0x200000);
}

HTEST(memmap_overflowing_entries_are_clipped)
{
	struct boot_mmap_entry e[] = {
		{0xffffffffffff0000ull, 0x20000, AV}, /* wraps past 2^64 */
	};

	EXPECT_EQ(BUILD(e, 1, NULL, 0), 0);
	EXPECT_RANGES({0xffffffffffff0000ull, TOP});
	EXPECT_EQ(m.ram_end, TOP);
	EXPECT_EQ(m.ram_bytes, TOP - 0xffffffffffff0000ull);

	e[0] = (struct boot_mmap_entry){0x1000, UINT64_MAX, AV};
	EXPECT_EQ(BUILD(e, 1, NULL, 0), 0);
	EXPECT_RANGES({0x1000, TOP});
	EXPECT_EQ(m.ram_bytes, TOP - 0x1000);

	e[0] = (struct boot_mmap_entry){TOP, PG, AV}; /* ends at exactly 2^64 */
	EXPECT_EQ(BUILD(e, 1, NULL, 0), 0);
	EXPECT_EQ(m.count, 0);
	EXPECT_EQ(m.ram_bytes, 0);
	e[0] = (struct boot_mmap_entry){UINT64_MAX, UINT64_MAX, AV};
	EXPECT_EQ(BUILD(e, 1, NULL, 0), 0);
	EXPECT_EQ(m.count, 0);

	/* Ending in the top page without wrapping: clipped all the same. */
	static const struct boot_mmap_entry g[] = {
		{TOP - 4 * PG, 5 * PG - 1, AV}, /* ends at 2^64 - 1 */
		{TOP - PG - 1, PG + 0x800, RS}, /* ends inside the top page */
	};
	EXPECT_EQ(BUILD(g, 1, NULL, 0), 0);
	EXPECT_RANGES({TOP - 4 * PG, TOP});
	EXPECT_EQ(m.ram_bytes, 4 * PG);
	EXPECT_EQ(m.ram_end, TOP);
	EXPECT_EQ(BUILD(g, 2, NULL, 0), 0);
	EXPECT_RANGES({TOP - 4 * PG, TOP - 2 * PG});

	/* An overflowing reserved entry or reservation removes all above. */
	static const struct boot_mmap_entry f[] = {
		{0, 8 * GIB, AV},
		{5 * GIB + 1, UINT64_MAX - 3, RS},
	};
	static const struct phys_range r[] = {
		{3 * GIB, UINT64_MAX},
		{UINT64_MAX - 1, UINT64_MAX}, /* the last bytes of all */
	};
	EXPECT_EQ(BUILD(f, 2, NULL, 0), 0);
	EXPECT_RANGES({0, 5 * GIB});
	EXPECT_EQ(BUILD(f, 2, r, 2), 0);
	EXPECT_RANGES({0, 3 * GIB});
	EXPECT_EQ(m.ram_bytes, 8 * GIB);
}

HTEST(memmap_reservations_split_cover_and_trim)
{
	static const struct boot_mmap_entry e[] = {
		{MIB, 15 * MIB, AV}, /* [1 MiB, 16 MiB) */
		{32 * MIB, MIB, AV},
		{64 * MIB, MIB, AV},
	};
	static const struct phys_range r[] = {
		{0, MIB + PG},		     /* at the start edge, from below */
		{4 * MIB, 5 * MIB},	     /* splits */
		{4 * MIB + PG, 4 * MIB + 9}, /* inside another reservation */
		{8 * MIB + 1, 8 * MIB + 2},  /* unaligned: one page */
		{12 * MIB - 1, 12 * MIB + 1}, /* unaligned across: two */
		{16 * MIB - 1, 17 * MIB},     /* at the end edge */
		{31 * MIB, 34 * MIB},	      /* covers a whole entry */
		{65 * MIB, 66 * MIB},	      /* only touches the end */
		{100 * MIB, 200 * MIB},	      /* where there is no RAM */
	};

	EXPECT_EQ(BUILD(e, NELEM(e), r, NELEM(r)), 0);
	EXPECT_RANGES({MIB + PG, 4 * MIB}, {5 * MIB, 8 * MIB},
		      {8 * MIB + PG, 12 * MIB - PG},
		      {12 * MIB + PG, 16 * MIB - PG}, {64 * MIB, 65 * MIB});
	EXPECT_EQ(m.ram_bytes, 17 * MIB);
	EXPECT_EQ(m.ram_end, 65 * MIB);
	EXPECT_EQ(m.usable_bytes, 17 * MIB - 2 * MIB - 5 * PG);

	static const struct phys_range all[] = {{0, 1ull << 40}};
	EXPECT_EQ(BUILD(e, NELEM(e), all, 1), 0);
	EXPECT_EQ(m.count, 0);
	EXPECT_EQ(m.usable_bytes, 0);
	EXPECT_EQ(m.ram_bytes, 17 * MIB);
}

HTEST(memmap_too_many_ranges_keeps_the_lowest)
{
	static struct boot_mmap_entry e[300];
	static struct phys_range r[300];

	for (size_t i = 0; i < 300; i++)
		e[i] = (struct boot_mmap_entry){(2 * i + 1) * PG, PG, AV};
	EXPECT_EQ(BUILD(e, MEMMAP_MAX_RANGES, NULL, 0), 0);
	EXPECT_EQ(m.count, MEMMAP_MAX_RANGES); /* exactly full */
	EXPECT_FALSE(m.truncated);

	rng_state = 42;
	for (int round = 0; round < 3; round++) {
		EXPECT_EQ(BUILD(e, 300, NULL, 0), 0);
		EXPECT_EQ(m.count, MEMMAP_MAX_RANGES);
		EXPECT_TRUE(m.truncated);
		EXPECT_EQ(m.usable[0].start, PG);
		EXPECT_EQ(m.usable[MEMMAP_MAX_RANGES - 1].start, 511 * PG);
		EXPECT_EQ(m.usable_bytes, MEMMAP_MAX_RANGES * PG);
		EXPECT_EQ(m.ram_bytes, 300 * PG); /* counts them all */
		EXPECT_EQ(m.ram_end, 600 * PG);
		shuffle(e, 300);
	}

	/* One entry cut into 300 pieces by reservations. */
	e[0] = (struct boot_mmap_entry){0, 600 * PG, AV};
	for (size_t i = 0; i < 300; i++)
		r[i] = (struct phys_range){2 * i * PG, 2 * i * PG + 1};
	EXPECT_EQ(BUILD(e, 1, r, 300), 0);
	EXPECT_EQ(m.count, MEMMAP_MAX_RANGES);
	EXPECT_TRUE(m.truncated);
	EXPECT_EQ(m.usable[MEMMAP_MAX_RANGES - 1].end, 512 * PG);
}

/* SeaBIOS's E820 map for `qemu-system-x86_64 -machine q35 -m 4G`. */
static const struct boot_mmap_entry qemu_q35_4g[] = {
	{0x0, 0x9fc00, AV},
	{0x9fc00, 0x400, RS},
	{0xf0000, 0x10000, RS},
	{0x100000, 0x7fedc000, AV},
	{0x7ffdc000, 0x24000, RS},
	{0xb0000000, 0x10000000, RS},
	{0xfed1c000, 0x4000, RS},
	{0xfeffc000, 0x4000, RS},
	{0xfffc0000, 0x40000, RS},
	{0x100000000, 0x80000000, AV},
	{0xfd00000000, 0x300000000, RS},
};

HTEST(memmap_qemu_q35_4g)
{
	struct boot_mmap_entry e[NELEM(qemu_q35_4g)];
	/* First MiB, kernel image, boot information, one module. */
	static const struct phys_range r[] = {
		{0, 0x100000},
		{0x100000, 0x1a3456},
		{0x1a5018, 0x1a5f40},
		{0x1b7000, 0x2c0123},
	};

	EXPECT_EQ(BUILD(qemu_q35_4g, NELEM(qemu_q35_4g), NULL, 0), 0);
	EXPECT_RANGES({0, 0x9f000}, {0x100000, 0x7ffdc000},
		      {0x100000000, 0x180000000});
	EXPECT_EQ(m.ram_bytes, 0x9fc00 + 0x7fedc000 + 0x80000000ull);
	EXPECT_EQ(m.ram_end, 0x180000000);

	memcpy(e, qemu_q35_4g, sizeof(e));
	rng_state = 0x35;
	for (int round = 0; round < 10; round++) {
		EXPECT_EQ(BUILD(e, NELEM(e), r, NELEM(r)), 0);
		EXPECT_RANGES({0x1a4000, 0x1a5000}, {0x1a6000, 0x1b7000},
			      {0x2c1000, 0x7ffdc000},
			      {0x100000000, 0x180000000});
		EXPECT_EQ(m.usable_bytes, 0x1000 + 0x11000 +
						  (0x7ffdc000 - 0x2c1000) +
						  0x80000000ull);
		EXPECT_EQ(m.ram_end, 0x180000000);
		EXPECT_FALSE(m.truncated);
		shuffle(e, NELEM(e));
	}
	EXPECT_TRUE(memmap_contains(&m, 0x300000, 0x400000));
	EXPECT_TRUE(memmap_contains(&m, 0x2c1000, 0x7ffdc000));
	EXPECT_FALSE(memmap_contains(&m, 0x2c0000, 0x2c2000));
	EXPECT_FALSE(memmap_contains(&m, 0x7ffdb000, 0x7ffdd000));
	EXPECT_FALSE(memmap_contains(&m, 0x1a4000, 0x1a7000)); /* a gap */
	EXPECT_TRUE(memmap_contains(&m, 0x17ffff000, 0x180000000));
	EXPECT_FALSE(memmap_contains(&m, 0x17ffff000, 0x180000001));
	EXPECT_FALSE(memmap_contains(&m, 0x180000000, 0x180001000));
	EXPECT_FALSE(memmap_contains(&m, 0x0, 0x1000));
	EXPECT_FALSE(memmap_contains(&m, 0x300000, 0x300000)); /* empty */
	EXPECT_FALSE(memmap_contains(&m, 0x400000, 0x300000));
}

/*
 * The map GRUB passes on for OVMF (q35, 512 MiB), entry by entry as the
 * UEFI memory map has them: boot-services and loader memory is AVAILABLE
 * and lies next to conventional memory; ACPI tables, NVS and runtime
 * services memory are scattered through it.
 */
static const struct boot_mmap_entry ovmf_q35_512m[] = {
	{0x0, 0x1000, AV},     /* boot services data */
	{0x1000, 0x9f000, AV}, /* conventional */
	{0x100000, 0x700000, AV},
	{0x800000, 0x8000, NVS},
	{0x808000, 0x3000, AV},
	{0x80b000, 0x1000, NVS},
	{0x80c000, 0x5000, AV},
	{0x811000, 0xef000, NVS},
	{0x900000, 0x100000, AV},    /* boot services data */
	{0xa00000, 0x1d4a6000, AV},  /* conventional */
	{0x1dea6000, 0x20000, AV},   /* loader code */
	{0x1dec6000, 0x3b0000, AV},  /* boot services code */
	{0x1e276000, 0x100000, RS},  /* runtime services data */
	{0x1e376000, 0x80000, RS},   /* runtime services code */
	{0x1e3f6000, 0x1785000, AV}, /* boot services data */
	{0x1fb7b000, 0x4000, ACPI},
	{0x1fb7f000, 0x80000, NVS},
	{0x1fbff000, 0x3d5000, AV},
	{0x1ffd4000, 0x2c000, RS},
	{0xb0000000, 0x10000000, RS}, /* PCIe MMCONFIG */
	{0xffc00000, 0x400000, RS},   /* firmware flash */
	{0xfd00000000, 0x300000000, RS},
};

HTEST(memmap_ovmf_q35_512m)
{
	static const struct phys_range r[] = {
		{0, MIB},
		{0x200000, 0x5b3210}, /* kernel */
		{0x5c0000, 0x5c1234}, /* boot information */
	};
	uint64_t ram = 0xa0000 + 0x700000 + 0x3000 + 0x5000 +
		       (0x1e276000 - 0x900000) + (0x1fb7b000 - 0x1e3f6000) +
		       (0x1ffd4000 - 0x1fbff000);

	EXPECT_EQ(BUILD(ovmf_q35_512m, NELEM(ovmf_q35_512m), r, NELEM(r)), 0);
	EXPECT_RANGES({MIB, 0x200000}, {0x5b4000, 0x5c0000},
		      {0x5c2000, 0x800000}, {0x808000, 0x80b000},
		      {0x80c000, 0x811000}, {0x900000, 0x1e276000},
		      {0x1e3f6000, 0x1fb7b000}, {0x1fbff000, 0x1ffd4000});
	EXPECT_EQ(m.ram_bytes, ram);
	EXPECT_EQ(m.ram_end, 0x1ffd4000);
	EXPECT_EQ(m.usable_bytes,
		  ram - 0xa0000 - (0x5b4000 - 0x200000) - 0x2000);
	EXPECT_TRUE(memmap_contains(&m, 0x900000, 0x1e276000));
	EXPECT_FALSE(memmap_contains(&m, 0x80a000, 0x80d000));
}

/* ---- randomised comparison with a byte-array model ---------------------- */

#define WIN (32 * PG) /* the modelled window of the address space */

struct model {
	uint64_t base;	    /* window start */
	uint8_t avail[WIN]; /* byte in an AVAILABLE entry */
	uint8_t bad[WIN];   /* byte in another entry or a reservation */
	uint8_t page_ok[WIN / PG];
};

static struct model md;

/* Mark [@start, @end) (absolute; @end as 128-bit, may pass 2^64) in @map. */
static void
model_mark(uint8_t *map, uint64_t start, unsigned __int128 end, uint64_t top)
{
	if (end > top)
		end = top;
	for (unsigned __int128 a = start; a < end; a++)
		map[a - md.base] = 1;
}

/* A random entry inside the window; at the top one, it may overflow. */
static struct boot_mmap_entry
random_entry(bool at_top)
{
	static const uint32_t types[] = {AV,   AV,  AV,	 AV, RS,
					 ACPI, NVS, BAD, 0,  7};
	uint64_t off =
		rng_below(4) ? rng_below(WIN / 256) * 256 : rng_below(WIN);
	uint64_t room = WIN - off, len;

	if (rng_below(6) == 0)
		len = 0;
	else if (rng_below(3) == 0)
		len = rng_below(room + 1);
	else
		len = rng_below(8) * PG / 2 + rng_below(3) * 0x80;
	if (len > room)
		len = room;
	if (at_top && rng_below(4) == 0)
		len = UINT64_MAX - rng_below(2 * WIN); /* wraps */
	return (struct boot_mmap_entry){md.base + off, len,
					types[rng_below(NELEM(types))]};
}

static struct phys_range
random_reservation(bool at_top)
{
	uint64_t s = md.base + rng_below(WIN), len = rng_below(3 * PG);

	if (rng_below(10) == 0)
		return (struct phys_range){s,
					   s - rng_below(100)}; /* inverted */
	if (at_top && rng_below(3) == 0)
		return (struct phys_range){s, UINT64_MAX};
	if (len > md.base + WIN - s)
		len = md.base + WIN - s;
	return (struct phys_range){s, s + len};
}

/* Fill the model from the entries and reservations. */
static void
model_build(const struct boot_mmap_entry *e, size_t n,
	    const struct phys_range *r, size_t nr, uint64_t top)
{
	memset(md.avail, 0, sizeof(md.avail));
	memset(md.bad, 0, sizeof(md.bad));
	for (size_t i = 0; i < n; i++)
		model_mark(e[i].type == AV ? md.avail : md.bad, e[i].base,
			   (unsigned __int128)e[i].base + e[i].len, top);
	for (size_t i = 0; i < nr; i++)
		if (r[i].start < r[i].end)
			model_mark(md.bad, r[i].start, r[i].end, top);
	for (size_t p = 0; p < WIN / PG; p++) {
		md.page_ok[p] = md.base + (p + 1) * PG <= top;
		for (size_t i = p * PG; i < (p + 1) * PG; i++)
			if (!md.avail[i] || md.bad[i])
				md.page_ok[p] = 0;
	}
}

/* Compare m with the model; 1 if they agree. */
static int
model_compare(void)
{
	uint64_t ram = 0, ram_end = 0, a;
	size_t k = 0, p = 0;

	for (size_t i = 0; i < WIN; i++) {
		ram += md.avail[i];
		ram_end = md.avail[i] ? md.base + i + 1 : ram_end;
	}
	while (p < WIN / PG) {
		if (!md.page_ok[p]) {
			p++;
			continue;
		}
		a = md.base + p * PG;
		while (p < WIN / PG && md.page_ok[p])
			p++;
		if (k >= m.count || m.usable[k].start != a ||
		    m.usable[k].end != md.base + p * PG)
			return EXPECT_EQ(m.usable[k].start, a) &&
			       EXPECT_EQ(m.usable[k].end, md.base + p * PG);
		k++;
	}
	return EXPECT_EQ(m.count, k) && EXPECT_EQ(m.ram_bytes, ram) &&
	       EXPECT_EQ(m.ram_end, ram_end) && EXPECT_FALSE(m.truncated);
}

/* Random memmap_contains() queries against the model; 1 if all agree. */
static int
model_contains(void)
{
	for (int q = 0; q < 20; q++) {
		uint64_t s = rng_below(WIN / 512) * 512, e = s + rng_below(WIN);
		bool want = s < e && e <= WIN;

		for (uint64_t p = s / PG; want && p <= (e - 1) / PG; p++)
			want = md.page_ok[p];
		if (memmap_contains(&m, md.base + s, md.base + e) != want)
			return EXPECT_EQ(
				memmap_contains(&m, md.base + s, md.base + e),
				want);
	}
	return 1;
}

HTEST(memmap_random_maps_match_model)
{
	static const uint64_t bases[] = {0, 4 * GIB - WIN / 2,
					 (1ull << 52) - WIN / 2, 0 - WIN};
	struct boot_mmap_entry e[16];
	struct phys_range r[6];
	int ok = 1;

	rng_state = 0xc0ffee;
	for (int iter = 0; ok && iter < 1200; iter++) {
		bool at_top = iter % 4 == 3;
		size_t n = rng_below(NELEM(e) + 1), nr = rng_below(NELEM(r));

		md.base = bases[iter % 4];
		for (size_t i = 0; i < n; i++)
			e[i] = random_entry(at_top);
		for (size_t i = 0; i < nr; i++)
			r[i] = random_reservation(at_top);
		model_build(e, n, r, nr, at_top ? TOP : md.base + WIN);
		ok = EXPECT_EQ(BUILD(e, n, r, nr), 0) && model_compare() &&
		     model_contains();
		if (!ok)
			htest_fail(__FILE__, __LINE__, "iteration %d", iter);
	}
}

HTEST(memmap_worst_case_is_quick)
{
	static struct boot_mmap_entry e[BOOT_MAX_MMAP];
	static struct phys_range r[BOOT_MAX_MODULES + 4];
	struct timespec t0, t1;
	const int rounds = 200;
	double us;

	/* Each entry touches the next and they come in reverse order. */
	for (size_t i = 0; i < NELEM(e); i++) {
		size_t k = NELEM(e) - 1 - i;

		e[i] = (struct boot_mmap_entry){k * MIB + 5, MIB,
						k % 5 ? AV : ACPI};
	}
	for (size_t i = 0; i < NELEM(r); i++)
		r[i] = (struct phys_range){i * 7 * MIB + 3, i * 7 * MIB + PG};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < rounds; i++)
		EXPECT_EQ(memmap_build(e, NELEM(e), r, NELEM(r), &m), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check_shape(__FILE__, __LINE__, &m);
	EXPECT_FALSE(m.truncated);
	us = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 /
	     rounds;
	fprintf(stderr,
		"# memmap_build, %zu chained entries + %zu "
		"reservations: %.1f us\n",
		NELEM(e), NELEM(r), us);
	/* Printed only: no assertion may depend on timing. */
}
