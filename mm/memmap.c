/*
 * mm/memmap.c: normalise the boot memory map into usable RAM (mm/memmap.h).
 *
 * A page is usable when every byte of it lies in some AVAILABLE entry and
 * no byte of it lies in an entry of any other type ("reserved wins") or in
 * one of the caller's reserved ranges.  Sorting is avoided: the map is
 * swept upwards from address 0, each step finding with a linear pass over
 * the entries the next stretch of AVAILABLE bytes and then the next
 * reserved page inside it.  The ranges therefore come out in address
 * order, so when there are more than MEMMAP_MAX_RANGES the lowest are kept
 * by simply stopping.  This costs O((n + nres)^2) at worst (n ~ 100 at
 * boot), needs no workspace and a few words of stack.
 *
 * ram_bytes counts the union of AVAILABLE bytes exactly, not rounded to
 * pages.  An entry whose end is past 2^64 - PAGE_SIZE, or wraps past 2^64,
 * is clipped at MEMMAP_TOP: the top page is never usable, and page
 * arithmetic below it cannot overflow.
 * Context: pure, no allocation, any context.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/memmap.h"

#define MEMMAP_TOP (0ull - PAGE_SIZE) /* 2^64 - 1 page */

/* Where memmap_build() reads from. */
struct memmap_src {
	const struct boot_mmap_entry *ent;
	size_t n;
	const struct phys_range *res;
	size_t nres;
};

static inline paddr_t
memmap_page_down(paddr_t x)
{
	return x & ~(paddr_t)(PAGE_SIZE - 1);
}

/* @x <= MEMMAP_TOP, so this cannot overflow. */
static inline paddr_t
memmap_page_up(paddr_t x)
{
	return (x + PAGE_SIZE - 1) & ~(paddr_t)(PAGE_SIZE - 1);
}

/*
 * The bytes of entry @e as [*@start, *@end), clipped at MEMMAP_TOP.
 * Returns false if that is empty (zero length, or it starts at the top).
 */
static bool
memmap_entry_bytes(const struct boot_mmap_entry *e, paddr_t *start,
		   paddr_t *end)
{
	*start = e->base;
	*end = e->base + e->len;
	if (*end < *start || *end > MEMMAP_TOP)
		*end = MEMMAP_TOP;
	return *start < *end;
}

/*
 * Reserved range @i (firmware entries first, then the caller's) widened
 * to whole pages, as [*@start, *@end).  Returns false if @i is an
 * AVAILABLE entry, or empty.
 */
static bool
memmap_bad_pages(const struct memmap_src *src, size_t i, paddr_t *start,
		 paddr_t *end)
{
	if (i < src->n) {
		if (src->ent[i].type == BOOT_MEM_AVAILABLE ||
		    !memmap_entry_bytes(&src->ent[i], start, end))
			return false;
	} else {
		*start = src->res[i - src->n].start;
		*end = src->res[i - src->n].end;
		if (*end > MEMMAP_TOP)
			*end = MEMMAP_TOP;
		if (*start >= *end)
			return false;
	}
	*start = memmap_page_down(*start);
	*end = memmap_page_up(*end);
	return true;
}

/*
 * The lowest AVAILABLE byte at or above @x, in *@at.  Returns false if
 * there is none.
 */
static bool
memmap_next_avail(const struct memmap_src *src, paddr_t x, paddr_t *at)
{
	paddr_t s, e;
	bool found = false;

	*at = 0;
	for (size_t i = 0; i < src->n; i++) {
		if (src->ent[i].type != BOOT_MEM_AVAILABLE ||
		    !memmap_entry_bytes(&src->ent[i], &s, &e) || e <= x)
			continue;
		s = MAX(s, x);
		if (!found || s < *at)
			*at = s;
		found = true;
	}
	return found;
}

/*
 * The end of the stretch of AVAILABLE bytes that contains byte @x:
 * entries that overlap or touch it are chained, whatever their order.
 */
static paddr_t
memmap_avail_end(const struct memmap_src *src, paddr_t x)
{
	paddr_t s, e, end = x;
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < src->n; i++) {
			if (src->ent[i].type != BOOT_MEM_AVAILABLE ||
			    !memmap_entry_bytes(&src->ent[i], &s, &e))
				continue;
			if (s <= end && e > end) {
				end = e;
				grew = true;
			}
		}
	}
	return end;
}

/*
 * The lowest reserved page at or above @x (page-aligned) in *@at, and in
 * *@end the end of the longest reserved range containing it.  Returns
 * false if there is none.
 */
static bool
memmap_next_bad(const struct memmap_src *src, paddr_t x, paddr_t *at,
		paddr_t *end)
{
	paddr_t s, e;
	bool found = false;

	*at = *end = 0;
	for (size_t i = 0; i < src->n + src->nres; i++) {
		if (!memmap_bad_pages(src, i, &s, &e) || e <= x)
			continue;
		s = MAX(s, x);
		if (!found || s < *at || (s == *at && e > *end)) {
			*at = s;
			*end = e;
		}
		found = true;
	}
	return found;
}

/*
 * Append [@start, @end) to out->usable, merged with the last range if they
 * touch.  Returns false (and sets truncated) if there is no room.
 */
static bool
memmap_emit(struct memmap *out, paddr_t start, paddr_t end)
{
	struct phys_range *r;

	if (out->count > 0 && out->usable[out->count - 1].end == start) {
		out->usable[out->count - 1].end = end;
	} else if (out->count == MEMMAP_MAX_RANGES) {
		out->truncated = true;
		return false;
	} else {
		r = &out->usable[out->count++];
		r->start = start;
		r->end = end;
	}
	out->usable_bytes += end - start;
	return true;
}

/*
 * Emit the pages of [@lo, @hi) (page-aligned, all AVAILABLE) that no
 * reserved range touches.  Returns false once out->usable is full.
 */
static bool
memmap_carve(const struct memmap_src *src, paddr_t lo, paddr_t hi,
	     struct memmap *out)
{
	paddr_t bad, bad_end;

	while (lo < hi) {
		if (!memmap_next_bad(src, lo, &bad, &bad_end) || bad >= hi)
			return memmap_emit(out, lo, hi);
		if (bad > lo && !memmap_emit(out, lo, bad))
			return false;
		lo = bad_end;
	}
	return true;
}

/* Fill ram_bytes and ram_end from the AVAILABLE entries alone. */
static void
memmap_count_ram(const struct memmap_src *src, struct memmap *out)
{
	paddr_t x = 0, at, end;

	while (memmap_next_avail(src, x, &at)) {
		end = memmap_avail_end(src, at);
		out->ram_bytes += end - at;
		out->ram_end = end;
		x = end;
	}
}

/*
 * memmap_build - normalise @n boot memory-map entries into @out, minus @nres
 * reserved ranges; see mm/memmap.h and the comment at the top of this file.
 * Returns 0, or -EINVAL if @out is NULL or an array is NULL with a
 * non-zero count (then @out is untouched).  Context: pure, any context.
 */
int
memmap_build(const struct boot_mmap_entry *entries, size_t n,
	     const struct phys_range *reserved, size_t nres, struct memmap *out)
{
	struct memmap_src src = {
		.ent = entries,
		.n = n,
		.res = reserved,
		.nres = nres,
	};
	paddr_t x = 0, at, end;

	if (out == NULL || (entries == NULL && n) || (reserved == NULL && nres))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	memmap_count_ram(&src, out);
	while (memmap_next_avail(&src, x, &at)) {
		end = memmap_avail_end(&src, at);
		if (memmap_page_up(at) < memmap_page_down(end) &&
		    !memmap_carve(&src, memmap_page_up(at),
				  memmap_page_down(end), out))
			break;
		x = end;
	}
	return 0;
}

/*
 * memmap_contains - whether [@start, @end) lies wholly inside one range of
 * @m; false for an empty or inverted range.  Context: pure.
 */
bool
memmap_contains(const struct memmap *m, paddr_t start, paddr_t end)
{
	size_t lo = 0, hi = m->count, mid;

	if (start >= end)
		return false;
	/* Find the last range starting at or below @start. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (m->usable[mid].start <= start)
			lo = mid;
		else
			hi = mid;
	}
	return m->count > 0 && m->usable[lo].start <= start &&
	       end <= m->usable[lo].end;
}
