/*
 * mm/bitmap.c: the bitmap allocator of numbered units (see mm/bitmap.h).
 *
 * Unit i is bit i % 64 of word i / 64; 1 = in use.  The bits of the last
 * word that lie past nbits are set at init and never cleared, so a search
 * needs no clipping against nbits to stay among real units.
 *
 * Invariants after every call: nfree is exactly the number of 0 bits below
 * nbits, and every unit below hint is in use (hint <= nbits).
 * Context: pure; no locking (callers serialise use of one bitmap), no
 * allocation, any context.
 */
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/bitmap.h"

#define BM_BITS 64
#define BM_FULL (~0ull)

/* Bits [@lo, @hi) of a word, 0 <= lo < hi <= 64. */
static inline uint64_t
bm_mask(unsigned int lo, unsigned int hi)
{
	uint64_t upto = hi == BM_BITS ? BM_FULL : (1ull << hi) - 1;

	return upto & (BM_FULL << lo);
}

/*
 * The number of 1 bits in @w.  Open-coded because __builtin_popcountll
 * becomes a call to libgcc's __popcountdi2 without -mpopcnt, and the
 * kernel links no libgcc.
 */
static inline unsigned int
bm_popcount(uint64_t w)
{
	w -= (w >> 1) & 0x5555555555555555ull;
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned int)((w * 0x0101010101010101ull) >> 56);
}

/* @x rounded up to a multiple of @align (a power of 2); SIZE_MAX if too big. */
static inline size_t
bm_align_up(size_t x, size_t align)
{
	size_t up = (x + align - 1) & ~(align - 1);

	return up < x ? SIZE_MAX : up;
}

/* The first free unit in [@pos, @limit), or @limit; @limit <= nbits. */
static size_t
bm_next_free(const struct bitmap_alloc *b, size_t pos, size_t limit)
{
	size_t w, last;
	uint64_t word;

	if (pos >= limit)
		return limit;
	w = pos / BM_BITS;
	last = (limit - 1) / BM_BITS;
	word = b->bits[w] | ~bm_mask(pos % BM_BITS, BM_BITS);
	while (word == BM_FULL) {
		if (++w > last)
			return limit;
		word = b->bits[w];
	}
	pos = w * BM_BITS + (size_t)__builtin_ctzll(~word);
	return pos < limit ? pos : limit;
}

/*
 * The starts of the runs of @count free units (1 <= count <= 64) lying
 * wholly inside a word whose units in use are @used.
 */
static inline uint64_t
bm_run_starts(uint64_t used, size_t count)
{
	uint64_t starts = ~used; /* runs of "have" units start here */
	size_t have = 1, step;

	while (have < count && starts) {
		step = have < count - have ? have : count - have;
		starts &= starts >> step;
		have += step;
	}
	return starts;
}

/*
 * The units of a word at which an @align-aligned run may start, for a word
 * whose first unit is a multiple of @align (every word if align <= 64).
 */
static inline uint64_t
bm_align_bits(size_t align)
{
	uint64_t bits = 0;

	for (size_t i = 0; i < BM_BITS; i += align)
		bits |= 1ull << i;
	return bits;
}

/*
 * The lowest @align-aligned run of @count free units, or SIZE_MAX if there
 * is none; every unit below @pos is in use.  One step per word and never
 * back: the free stretch reaching into word w began at @run (run = w * 64
 * if it is empty) and ends at the word's lowest unit in use; the runs that
 * lie inside one word come from bm_run_starts().
 */
static size_t
bm_find_run(const struct bitmap_alloc *b, size_t pos, size_t count,
	    size_t align)
{
	size_t w = pos / BM_BITS, run = w * BM_BITS, end, c;
	size_t wmask = align > BM_BITS ? align / BM_BITS - 1 : 0;
	uint64_t used, fit, abits = bm_align_bits(align);

	for (; w < bitmap_words(b->nbits); w++) {
		used = b->bits[w];
		if (used == 0)
			end = (w + 1) * BM_BITS;
		else
			end = w * BM_BITS + (size_t)__builtin_ctzll(used);
		c = bm_align_up(run, align);
		if (c <= end && end - c >= count)
			return c;
		if (used == 0)
			continue;
		/* A word that starts unaligned holds no start (align > 64). */
		if (count < BM_BITS && used != BM_FULL && (w & wmask) == 0) {
			fit = bm_run_starts(used, count) & abits;
			if (fit)
				return w * BM_BITS +
				       (size_t)__builtin_ctzll(fit);
		}
		run = (w + 1) * BM_BITS - (size_t)__builtin_clzll(used);
	}
	return SIZE_MAX;
}

/*
 * Mark [@start, @end) in use (@used) or free, @end <= nbits; returns how
 * many units changed state.
 */
static size_t
bm_fill(struct bitmap_alloc *b, size_t start, size_t end, bool used)
{
	size_t changed = 0, w, left;
	unsigned int lo, hi;
	uint64_t mask, old;

	while (start < end) {
		w = start / BM_BITS;
		lo = start % BM_BITS;
		left = end - w * BM_BITS;
		hi = left < BM_BITS ? (unsigned int)left : BM_BITS;
		mask = bm_mask(lo, hi);
		old = b->bits[w];
		if (used) {
			changed += bm_popcount(~old & mask);
			b->bits[w] = old | mask;
		} else {
			changed += bm_popcount(old & mask);
			b->bits[w] = old & ~mask;
		}
		start = w * BM_BITS + hi;
	}
	return changed;
}

/*
 * bitmap_words - the uint64_t words of storage that @nbits units need.
 * Context: pure.
 */
size_t
bitmap_words(size_t nbits)
{
	return nbits / BM_BITS + (nbits % BM_BITS != 0);
}

/*
 * bitmap_init - set @b up over @storage (bitmap_words(@nbits) words) with
 * every unit in use; bitmap_set_free() then opens up what may be handed out.
 * Context: pure.
 */
void
bitmap_init(struct bitmap_alloc *b, uint64_t *storage, size_t nbits)
{
	b->bits = storage;
	b->nbits = nbits;
	b->nfree = 0;
	b->hint = nbits;
	if (nbits)
		memset(storage, 0xff, bitmap_words(nbits) * sizeof(uint64_t));
}

/*
 * bitmap_set_free - mark [@start, @start + @count) free whatever it was;
 * the part past nbits is ignored.  Context: pure, caller holds b's lock.
 */
void
bitmap_set_free(struct bitmap_alloc *b, size_t start, size_t count)
{
	if (start >= b->nbits || count == 0)
		return;
	if (count > b->nbits - start)
		count = b->nbits - start;
	b->nfree += bm_fill(b, start, start + count, false);
	if (start < b->hint)
		b->hint = start;
}

/*
 * bitmap_set_used - mark [@start, @start + @count) in use whatever it was;
 * the part past nbits is ignored.  Context: pure, caller holds b's lock.
 */
void
bitmap_set_used(struct bitmap_alloc *b, size_t start, size_t count)
{
	size_t end;

	if (start >= b->nbits || count == 0)
		return;
	if (count > b->nbits - start)
		count = b->nbits - start;
	end = start + count;
	b->nfree -= bm_fill(b, start, end, true);
	if (b->hint >= start && b->hint < end)
		b->hint = end;
}

/*
 * bitmap_alloc_one - take the lowest free unit and store it in *@out.
 * Returns 0, or -ENOMEM when none is free.  Context: pure, caller holds
 * b's lock.
 */
int
bitmap_alloc_one(struct bitmap_alloc *b, size_t *out)
{
	size_t w, nwords, unit;

	if (b->nfree == 0)
		return -ENOMEM;
	nwords = bitmap_words(b->nbits);
	for (w = b->hint / BM_BITS; w < nwords; w++) {
		if (b->bits[w] == BM_FULL)
			continue;
		/* Units below the hint are in use: this finds one >= hint. */
		unit = w * BM_BITS + (size_t)__builtin_ctzll(~b->bits[w]);
		b->bits[w] |= 1ull << (unit % BM_BITS);
		b->nfree--;
		b->hint = unit + 1;
		*out = unit;
		return 0;
	}
	return -ENOMEM; /* unreachable while nfree is exact */
}

/*
 * bitmap_alloc_run - take the lowest run of @count free units starting at
 * a multiple of @align; see mm/bitmap.h.  The search is one pass over the
 * words from the hint (bm_find_run()), so a failure costs at most a scan
 * of the whole map at a few ns per word.
 * Context: pure, caller holds b's lock.
 */
int
bitmap_alloc_run(struct bitmap_alloc *b, size_t count, size_t align,
		 size_t *out)
{
	size_t first, pos;

	if (count == 0 || align == 0 || (align & (align - 1)) != 0)
		return -EINVAL;
	if (count == 1 && align == 1)
		return bitmap_alloc_one(b, out);
	if (count > b->nfree)
		return -ENOMEM;
	first = bm_next_free(b, b->hint, b->nbits);
	pos = bm_find_run(b, first, count, align);
	if (pos == SIZE_MAX)
		return -ENOMEM;
	bm_fill(b, pos, pos + count, true);
	b->nfree -= count;
	b->hint = pos == first ? pos + count : first;
	*out = pos;
	return 0;
}

/*
 * bitmap_free_run - give back [@start, @start + @count); see mm/bitmap.h.
 * A zero @count is -EINVAL too, like bitmap_alloc_run().
 * Context: pure, caller holds b's lock.
 */
int
bitmap_free_run(struct bitmap_alloc *b, size_t start, size_t count,
		size_t *first_free)
{
	size_t end, unit;

	if (count == 0 || start > b->nbits || count > b->nbits - start)
		return -EINVAL;
	end = start + count;
	unit = bm_next_free(b, start, end);
	if (unit < end) {
		if (first_free)
			*first_free = unit;
		return -EFAULT;
	}
	bm_fill(b, start, end, false);
	b->nfree += count;
	if (start < b->hint)
		b->hint = start;
	return 0;
}

/*
 * bitmap_test - whether unit @i is in use; units past nbits count as used.
 * Context: pure, caller holds b's lock for a stable answer.
 */
bool
bitmap_test(const struct bitmap_alloc *b, size_t i)
{
	if (i >= b->nbits)
		return true;
	return (b->bits[i / BM_BITS] >> (i % BM_BITS)) & 1;
}
