/*
 * mm/bitmap.h: a bitmap allocator of numbered units (mm/bitmap.c).
 *
 * One bit per unit: 1 = in use (allocated or reserved), 0 = free.  The
 * physical memory manager uses it for 4 KiB frames and the vmalloc area
 * for virtual pages.  Pure code: no locking (callers lock), no allocation
 * (the caller provides the storage), so it is unit-tested on the host.
 *
 * Speed: a next-free hint (no free unit below it), whole 64-bit words
 * skipped when full, runs searched word-at-a-time where possible.
 */
#pragma once
#include "kernel/types.h"

struct bitmap_alloc {
	uint64_t *bits;		/* nbits rounded up to whole words */
	size_t	  nbits;
	size_t	  nfree;	/* number of 0 bits */
	size_t	  hint;		/* every unit below it is in use */
};

/* bitmap_words - uint64_t words of storage needed for @nbits units. */
size_t	bitmap_words(size_t nbits);

/* bitmap_init - every unit starts in use; @storage has bitmap_words(@nbits). */
void	bitmap_init(struct bitmap_alloc *b, uint64_t *storage, size_t nbits);

/*
 * bitmap_set_free / bitmap_set_used - mark [@start, @start + @count) free or
 * in use, whatever it was (setting up the map: usable RAM, reservations).
 * Ranges past nbits are clipped.
 */
void	bitmap_set_free(struct bitmap_alloc *b, size_t start, size_t count);
void	bitmap_set_used(struct bitmap_alloc *b, size_t start, size_t count);

/*
 * bitmap_alloc_run - find @count free units whose first index is a
 * multiple of @align (a power of two, >= 1), the lowest such run, mark them
 * in use and store the first index in *@out.  Returns 0, or -ENOMEM when
 * no run fits (nothing changes), or -EINVAL for count 0 / a bad alignment.
 */
int	bitmap_alloc_run(struct bitmap_alloc *b, size_t count, size_t align,
			 size_t *out);

/* bitmap_alloc_one - bitmap_alloc_run(b, 1, 1, out), on the fast path. */
int	bitmap_alloc_one(struct bitmap_alloc *b, size_t *out);

/*
 * bitmap_free_run - mark [@start, @start + @count) free.  Returns 0, or
 * -EINVAL when the range runs past nbits, or -EFAULT (nothing changed)
 * when any unit in it is already free: a double free.  *@first_free, if
 * not NULL, receives the first such unit.
 */
int	bitmap_free_run(struct bitmap_alloc *b, size_t start, size_t count,
			size_t *first_free);

/* bitmap_test - whether unit @i is in use (units past nbits count as used). */
bool	bitmap_test(const struct bitmap_alloc *b, size_t i);
