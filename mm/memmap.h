/*
 * mm/memmap.h: turning the boot memory map into usable RAM (mm/memmap.c).
 *
 * Firmware memory maps come unsorted, overlapping, with holes, with
 * entries above 4 GiB, and sometimes contradictory (a range both available
 * and reserved).  memmap_build() normalises them: the usable ranges are
 * the page-aligned parts of AVAILABLE entries, minus every part that any
 * other entry marks as not available, minus the caller's reservations
 * (first MiB, kernel image, boot information, modules), sorted and
 * disjoint.  Pure code, unit-tested on the host.
 */
#pragma once
#include "kernel/bootinfo.h"
#include "kernel/types.h"

#define MEMMAP_MAX_RANGES	256

struct phys_range {
	paddr_t start;		/* first byte */
	paddr_t end;		/* one past the last byte */
};

struct memmap {
	struct phys_range usable[MEMMAP_MAX_RANGES];	/* page-aligned */
	size_t	 count;
	bool	 truncated;	/* more ranges than MEMMAP_MAX_RANGES */
	uint64_t ram_bytes;	/* union of AVAILABLE entries, before reservations */
	uint64_t usable_bytes;	/* sum of usable[] */
	paddr_t	 ram_end;	/* end of the highest AVAILABLE byte */
};

/*
 * memmap_build - compute @out from @n boot entries and @nres reserved
 * ranges (any alignment; reserved ranges are widened to whole pages).
 * Entries of zero length are ignored; every entry is clipped below the
 * top page of the address space (2^64 - PAGE_SIZE), so an overflowing
 * base + len cannot wrap.  Returns 0, or -EINVAL if an argument is NULL
 * with a non-zero count (then *@out is untouched).  Context: pure.
 */
int	memmap_build(const struct boot_mmap_entry *entries, size_t n,
		     const struct phys_range *reserved, size_t nres,
		     struct memmap *out);

/* memmap_contains - whether [@start, @end) lies wholly in one usable range. */
bool	memmap_contains(const struct memmap *m, paddr_t start, paddr_t end);
