/*
 * tests/host/bitmap_test.c: the bitmap allocator (mm/bitmap.c).
 *
 * Storage is always a heap block of exactly bitmap_words() words, so
 * AddressSanitizer reports any access past it.  The randomised test runs
 * every operation against a plain bool-array model and after each step
 * compares every unit, nfree and the hint invariant; the model's answer
 * for an allocation is the lowest fitting run, found by brute force.
 * The last test works a 16M-unit map (64 GiB of 4 KiB frames) and prints
 * how long the common operations take to stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernel/errno.h"
#include "mm/bitmap.h"
#include "tests/host/htest.h"

/* A bitmap over exactly-sized heap storage, all units in use. */
static void
bm_new(struct bitmap_alloc *b, size_t nbits)
{
	size_t words = bitmap_words(nbits);
	uint64_t *s = words ? malloc(words * sizeof(*s)) : NULL;

	if (words && s == NULL)
		abort();
	bitmap_init(b, s, nbits);
}

static void
bm_del(struct bitmap_alloc *b)
{
	free(b->bits);
	b->bits = NULL;
}

/* A copy of the struct and its storage, to show that nothing changed. */
struct bm_snap {
	struct bitmap_alloc b;
	uint64_t *bits;
};

static void
snap_take(struct bm_snap *s, const struct bitmap_alloc *b)
{
	size_t n = bitmap_words(b->nbits) * sizeof(uint64_t);

	s->b = *b;
	s->bits = malloc(n ? n : 1);
	if (s->bits == NULL)
		abort();
	memcpy(s->bits, b->bits, n);
}

/* Whether @b is exactly as when @s was taken; frees the snapshot. */
static int
snap_same(struct bm_snap *s, const struct bitmap_alloc *b)
{
	size_t n = bitmap_words(b->nbits) * sizeof(uint64_t);
	int same = s->b.bits == b->bits && s->b.nbits == b->nbits &&
		   s->b.nfree == b->nfree && s->b.hint == b->hint &&
		   memcmp(s->bits, b->bits, n) == 0;

	free(s->bits);
	return same;
}

/*
 * Check @b against the model @used (1 = in use): every unit, nfree, the
 * hint invariant, and that units past the end count as in use.  Reports
 * the first difference, tagged with @step; returns 1 if all agree.
 */
static int
check_model(const struct bitmap_alloc *b, const uint8_t *used, long step)
{
	size_t nfree = 0;

	for (size_t i = 0; i < b->nbits; i++) {
		if (bitmap_test(b, i) != (used[i] != 0)) {
			htest_fail(__FILE__, __LINE__,
				   "step %ld: unit %zu is %d, model %d", step,
				   i, bitmap_test(b, i), used[i]);
			return 0;
		}
		nfree += !used[i];
	}
	if (b->nfree != nfree) {
		htest_fail(__FILE__, __LINE__, "step %ld: nfree %zu, model %zu",
			   step, b->nfree, nfree);
		return 0;
	}
	if (b->hint > b->nbits) {
		htest_fail(__FILE__, __LINE__, "step %ld: hint %zu > nbits",
			   step, b->hint);
		return 0;
	}
	for (size_t i = 0; i < b->hint; i++) {
		if (!used[i]) {
			htest_fail(__FILE__, __LINE__,
				   "step %ld: unit %zu free below hint %zu",
				   step, i, b->hint);
			return 0;
		}
	}
	for (size_t i = b->nbits; i < b->nbits + 130; i++)
		if (!bitmap_test(b, i))
			return EXPECT_TRUE(bitmap_test(b, i));
	return 1;
}

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

static size_t
rng_below(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

HTEST(bitmap_words_round_up)
{
	EXPECT_EQ(bitmap_words(0), 0);
	EXPECT_EQ(bitmap_words(1), 1);
	EXPECT_EQ(bitmap_words(63), 1);
	EXPECT_EQ(bitmap_words(64), 1);
	EXPECT_EQ(bitmap_words(65), 2);
	EXPECT_EQ(bitmap_words(16u << 20), 262144);
	EXPECT_EQ(bitmap_words(SIZE_MAX), SIZE_MAX / 64 + 1);
}

HTEST(bitmap_init_leaves_everything_used)
{
	struct bitmap_alloc b;
	size_t out = 12345;

	bm_new(&b, 100);
	EXPECT_EQ(b.nbits, 100);
	EXPECT_EQ(b.nfree, 0);
	for (size_t i = 0; i < 200; i++)
		EXPECT_TRUE(bitmap_test(&b, i));
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 3, 1, &out), -ENOMEM);
	EXPECT_EQ(out, 12345);
	bm_del(&b);
}

HTEST(bitmap_empty_map)
{
	struct bitmap_alloc b;
	size_t out, ff;

	bitmap_init(&b, NULL, 0);
	EXPECT_EQ(b.nfree, 0);
	bitmap_set_free(&b, 0, 10);
	bitmap_set_used(&b, 0, 10);
	EXPECT_EQ(b.nfree, 0);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 2, 2, &out), -ENOMEM);
	EXPECT_EQ(bitmap_free_run(&b, 0, 1, &ff), -EINVAL);
	EXPECT_TRUE(bitmap_test(&b, 0));
}

HTEST(bitmap_set_free_and_used_keep_nfree_exact)
{
	struct bitmap_alloc b;

	bm_new(&b, 300);
	bitmap_set_free(&b, 10, 100);
	EXPECT_EQ(b.nfree, 100);
	EXPECT_EQ(b.hint, 10);
	bitmap_set_free(&b, 50, 100); /* overlaps: only 40 new */
	EXPECT_EQ(b.nfree, 140);
	bitmap_set_used(&b, 0, 20); /* 10 of them were free */
	EXPECT_EQ(b.nfree, 130);
	EXPECT_EQ(b.hint, 20);
	bitmap_set_used(&b, 0, 20); /* again: no change */
	EXPECT_EQ(b.nfree, 130);
	bitmap_set_free(&b, 290, 1000); /* clipped at nbits */
	EXPECT_EQ(b.nfree, 140);
	bitmap_set_free(&b, 300, 5); /* entirely past the end */
	bitmap_set_free(&b, SIZE_MAX, SIZE_MAX);
	bitmap_set_used(&b, SIZE_MAX - 1, 10);
	EXPECT_EQ(b.nfree, 140);
	bitmap_set_free(&b, 5, 0); /* empty */
	EXPECT_EQ(b.nfree, 140);
	EXPECT_EQ(b.hint, 20);
	for (size_t i = 0; i < 300; i++)
		EXPECT_EQ(bitmap_test(&b, i), i < 20 || (i >= 150 && i < 290));
	bitmap_set_used(&b, 100, SIZE_MAX); /* count overflows start + count */
	EXPECT_EQ(b.nfree, 80);
	bm_del(&b);
}

HTEST(bitmap_alloc_one_lowest_first)
{
	struct bitmap_alloc b;
	size_t out;

	bm_new(&b, 200);
	bitmap_set_free(&b, 5, 3);
	bitmap_set_free(&b, 70, 1);
	bitmap_set_free(&b, 199, 1);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 5);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 6);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 7);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 70);
	EXPECT_EQ(bitmap_free_run(&b, 6, 1, NULL), 0);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 6); /* a free below the hint is found again */
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 199);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	EXPECT_EQ(b.nfree, 0);
	bm_del(&b);
}

HTEST(bitmap_runs_cross_word_boundaries)
{
	struct bitmap_alloc b;
	size_t out;

	bm_new(&b, 1024);
	bitmap_set_free(&b, 60, 80); /* [60, 140): words 0, 1 and 2 */
	ASSERT_EQ(bitmap_alloc_run(&b, 80, 1, &out), 0);
	EXPECT_EQ(out, 60);
	EXPECT_EQ(b.nfree, 0);
	EXPECT_EQ(bitmap_free_run(&b, 60, 80, NULL), 0);
	ASSERT_EQ(bitmap_alloc_run(&b, 5, 1, &out), 0);
	EXPECT_EQ(out, 60);
	ASSERT_EQ(bitmap_alloc_run(&b, 70, 1, &out), 0);
	EXPECT_EQ(out, 65);
	EXPECT_EQ(bitmap_alloc_run(&b, 6, 1, &out), -ENOMEM);
	ASSERT_EQ(bitmap_alloc_run(&b, 5, 1, &out), 0);
	EXPECT_EQ(out, 135);

	/* A long run over whole free words, after a gap too short for it. */
	bitmap_set_free(&b, 200, 10);
	bitmap_set_free(&b, 211, 600);
	ASSERT_EQ(bitmap_alloc_run(&b, 600, 1, &out), 0);
	EXPECT_EQ(out, 211);
	ASSERT_EQ(bitmap_alloc_run(&b, 10, 1, &out), 0);
	EXPECT_EQ(out, 200);
	EXPECT_EQ(b.nfree, 0);
	bm_del(&b);
}

HTEST(bitmap_runs_honour_alignment)
{
	struct bitmap_alloc b;
	size_t out;

	bm_new(&b, 4096);
	bitmap_set_free(&b, 1, 4095);
	ASSERT_EQ(bitmap_alloc_run(&b, 8, 64, &out), 0);
	EXPECT_EQ(out, 64);
	ASSERT_EQ(bitmap_alloc_run(&b, 1, 256, &out), 0);
	EXPECT_EQ(out, 256);
	ASSERT_EQ(bitmap_alloc_run(&b, 3, 4, &out), 0);
	EXPECT_EQ(out, 4);
	ASSERT_EQ(bitmap_alloc_run(&b, 512, 512, &out), 0);
	EXPECT_EQ(out, 512);
	ASSERT_EQ(bitmap_alloc_run(&b, 1, 1, &out), 0);
	EXPECT_EQ(out, 1);
	/* The only multiple of 2^40 is 0, which is in use. */
	EXPECT_EQ(bitmap_alloc_run(&b, 1, 1ull << 40, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, (size_t)1 << 63, &out), -ENOMEM);
	EXPECT_EQ(bitmap_free_run(&b, 1, 1, NULL), 0);
	bitmap_set_free(&b, 0, 1);
	ASSERT_EQ(bitmap_alloc_run(&b, 2, (size_t)1 << 63, &out), 0);
	EXPECT_EQ(out, 0);
	ASSERT_EQ(bitmap_alloc_run(&b, 2048, 2048, &out), 0);
	EXPECT_EQ(out, 2048);
	EXPECT_EQ(bitmap_alloc_run(&b, 2048, 2048, &out), -ENOMEM);
	ASSERT_EQ(bitmap_alloc_run(&b, 512, 512, &out), 0);
	EXPECT_EQ(out, 1024);
	ASSERT_EQ(bitmap_alloc_run(&b, 256, 256, &out), 0);
	EXPECT_EQ(out, 1536);
	ASSERT_EQ(bitmap_alloc_run(&b, 2, 2, &out), 0);
	EXPECT_EQ(out, 2); /* 2 and 3 were left between 0-1 and 4-6 */
	bm_del(&b);
}

HTEST(bitmap_bad_arguments)
{
	struct bitmap_alloc b;
	struct bm_snap s;
	size_t out = 7, ff = 7;

	bm_new(&b, 100);
	bitmap_set_free(&b, 0, 100);
	snap_take(&s, &b);
	EXPECT_EQ(bitmap_alloc_run(&b, 0, 1, &out), -EINVAL);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, 0, &out), -EINVAL);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, 3, &out), -EINVAL);
	EXPECT_EQ(bitmap_alloc_run(&b, 4, 96, &out), -EINVAL);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, SIZE_MAX, &out), -EINVAL);
	EXPECT_EQ(bitmap_alloc_run(&b, 101, 1, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, SIZE_MAX, 1, &out), -ENOMEM);
	EXPECT_EQ(bitmap_free_run(&b, 0, 0, &ff), -EINVAL);
	EXPECT_EQ(bitmap_free_run(&b, 99, 2, &ff), -EINVAL);
	EXPECT_EQ(bitmap_free_run(&b, 100, 1, &ff), -EINVAL);
	EXPECT_EQ(bitmap_free_run(&b, 101, 1, &ff), -EINVAL);
	EXPECT_EQ(bitmap_free_run(&b, 5, SIZE_MAX, &ff), -EINVAL);
	EXPECT_EQ(bitmap_free_run(&b, SIZE_MAX, 2, &ff), -EINVAL);
	EXPECT_EQ(out, 7);
	EXPECT_EQ(ff, 7);
	EXPECT_TRUE(snap_same(&s, &b));
	bm_del(&b);
}

HTEST(bitmap_exhaustion_then_recovery)
{
	struct bitmap_alloc b;
	struct bm_snap s;
	size_t out, i;

	bm_new(&b, 1000);
	bitmap_set_free(&b, 0, 1000);
	for (i = 0; i < 1000; i++) {
		ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
		ASSERT_EQ(out, i);
	}
	EXPECT_EQ(b.nfree, 0);
	snap_take(&s, &b);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 2, 1, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, 8, &out), -ENOMEM);
	EXPECT_TRUE(snap_same(&s, &b));

	EXPECT_EQ(bitmap_free_run(&b, 700, 3, NULL), 0);
	EXPECT_EQ(bitmap_free_run(&b, 10, 1, NULL), 0);
	EXPECT_EQ(bitmap_free_run(&b, 999, 1, NULL), 0);
	EXPECT_EQ(b.nfree, 5);
	ASSERT_EQ(bitmap_alloc_run(&b, 3, 1, &out), 0);
	EXPECT_EQ(out, 700);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 10);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 999);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	bm_del(&b);
}

HTEST(bitmap_run_that_fits_nowhere_changes_nothing)
{
	struct bitmap_alloc b;
	struct bm_snap s;
	size_t out = 99;

	bm_new(&b, 1000);
	for (size_t i = 0; i < 1000; i += 10)
		bitmap_set_free(&b, i + 1, 9); /* 900 free, runs of 9 */
	snap_take(&s, &b);
	EXPECT_EQ(bitmap_alloc_run(&b, 10, 1, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 9, 2, &out), -ENOMEM);
	EXPECT_EQ(bitmap_alloc_run(&b, 1, 1024, &out), -ENOMEM);
	EXPECT_EQ(out, 99);
	EXPECT_TRUE(snap_same(&s, &b));
	ASSERT_EQ(bitmap_alloc_run(&b, 4, 16, &out), 0);
	EXPECT_EQ(out, 16); /* 0 is in use; 16..19 is free */
	ASSERT_EQ(bitmap_alloc_run(&b, 8, 8, &out), 0);
	EXPECT_EQ(out, 32); /* 8 and 16 are taken; 32..39 is free */
	snap_take(&s, &b);
	EXPECT_EQ(bitmap_alloc_run(&b, 9, 1, &out), 0);
	EXPECT_EQ(out, 1);
	EXPECT_EQ(bitmap_free_run(&b, 1, 9, NULL), 0);
	EXPECT_TRUE(snap_same(&s, &b));
	bm_del(&b);
}

HTEST(bitmap_double_free_is_refused)
{
	struct bitmap_alloc b;
	struct bm_snap s;
	size_t out, ff = 0;

	bm_new(&b, 256);
	bitmap_set_free(&b, 0, 256);
	ASSERT_EQ(bitmap_alloc_run(&b, 100, 1, &out), 0);
	EXPECT_EQ(bitmap_free_run(&b, 70, 1, NULL), 0);

	snap_take(&s, &b);
	EXPECT_EQ(bitmap_free_run(&b, 70, 1, &ff), -EFAULT);
	EXPECT_EQ(ff, 70);
	EXPECT_EQ(bitmap_free_run(&b, 60, 20, &ff), -EFAULT);
	EXPECT_EQ(ff, 70); /* partly free: the first free unit is named */
	EXPECT_EQ(bitmap_free_run(&b, 90, 20, &ff), -EFAULT);
	EXPECT_EQ(ff, 100); /* runs into the never-allocated part */
	EXPECT_EQ(bitmap_free_run(&b, 200, 56, &ff), -EFAULT);
	EXPECT_EQ(ff, 200);
	EXPECT_EQ(bitmap_free_run(&b, 0, 100, NULL), -EFAULT);
	EXPECT_TRUE(snap_same(&s, &b));

	EXPECT_EQ(bitmap_free_run(&b, 0, 70, &ff), 0);
	EXPECT_EQ(bitmap_free_run(&b, 71, 29, &ff), 0);
	EXPECT_EQ(b.nfree, 256);
	EXPECT_EQ(b.hint, 0);
	bm_del(&b);
}

HTEST(bitmap_size_not_a_multiple_of_64)
{
	struct bitmap_alloc b;
	size_t out;

	bm_new(&b, 130);
	bitmap_set_free(&b, 0, 1000);
	EXPECT_EQ(b.nfree, 130);
	for (size_t i = 130; i < 256; i++)
		EXPECT_TRUE(bitmap_test(&b, i));
	bitmap_set_used(&b, 0, 127);
	EXPECT_EQ(bitmap_alloc_run(&b, 4, 1, &out), -ENOMEM);
	ASSERT_EQ(bitmap_alloc_run(&b, 3, 1, &out), 0);
	EXPECT_EQ(out, 127); /* ends exactly at nbits */
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	EXPECT_EQ(bitmap_free_run(&b, 129, 1, NULL), 0);
	EXPECT_EQ(bitmap_free_run(&b, 129, 2, NULL), -EINVAL);
	ASSERT_EQ(bitmap_alloc_one(&b, &out), 0);
	EXPECT_EQ(out, 129);
	EXPECT_EQ(b.nfree, 0);
	bm_del(&b);

	bm_new(&b, 1); /* a single unit */
	bitmap_set_free(&b, 0, 1);
	EXPECT_EQ(bitmap_alloc_run(&b, 2, 1, &out), -ENOMEM);
	ASSERT_EQ(bitmap_alloc_run(&b, 1, 64, &out), 0);
	EXPECT_EQ(out, 0);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	bm_del(&b);
}

/* The model's answer: the lowest aligned run of @count free units, or -1. */
static long
model_lowest_run(const uint8_t *used, size_t nbits, size_t count, size_t align)
{
	size_t run = 0; /* free units starting at i */
	long best = -1;

	for (size_t i = nbits; i-- > 0;) {
		run = used[i] ? 0 : run + 1;
		if (i % align == 0 && run >= count)
			best = (long)i;
	}
	return best;
}

/* The model's answer to bitmap_free_run(): 0, -EINVAL or -EFAULT. */
static int
model_free(uint8_t *used, size_t nbits, size_t start, size_t count,
	   size_t *first_free)
{
	if (count == 0 || start > nbits || count > nbits - start)
		return -EINVAL;
	for (size_t i = start; i < start + count; i++) {
		if (!used[i]) {
			*first_free = i;
			return -EFAULT;
		}
	}
	memset(used + start, 0, count);
	return 0;
}

struct run {
	size_t start, count;
};

/* One random allocation, checked against the model; 1 if it agreed. */
static int
random_alloc(struct bitmap_alloc *b, uint8_t *used, struct run *runs,
	     size_t *nruns, long step)
{
	static const size_t edgy[] = {31, 32, 33,  62,	63,
				      64, 65, 127, 128, 129};
	size_t count = rng_below(8) ? 1 + rng_below(20) : 1 + rng_below(200);
	size_t align = (size_t)1 << rng_below(11), out = SIZE_MAX;
	long want;
	int err;

	if (rng_below(3) == 0)
		count = align = 1;
	else if (rng_below(6) == 0)
		count = edgy[rng_below(sizeof(edgy) / sizeof(edgy[0]))];
	want = model_lowest_run(used, b->nbits, count, align);
	if (count == 1 && align == 1 && rng_below(2))
		err = bitmap_alloc_one(b, &out);
	else
		err = bitmap_alloc_run(b, count, align, &out);
	if (want < 0) {
		if (err != -ENOMEM)
			htest_fail(__FILE__, __LINE__,
				   "step %ld: run %zu/%zu: %d, want -ENOMEM",
				   step, count, align, err);
		return err == -ENOMEM;
	}
	if (err != 0 || out != (size_t)want) {
		htest_fail(__FILE__, __LINE__,
			   "step %ld: run %zu/%zu: %d at %zu, want %ld", step,
			   count, align, err, out, want);
		return 0;
	}
	memset(used + out, 1, count);
	if (*nruns < 4096)
		runs[(*nruns)++] = (struct run){out, count};
	return 1;
}

/* One random free (of a recorded run, a part of one, or anything). */
static int
random_free(struct bitmap_alloc *b, uint8_t *used, struct run *runs,
	    size_t *nruns, long step)
{
	size_t start, count, ff = SIZE_MAX, want_ff = SIZE_MAX, k;
	int err, want;

	if (*nruns > 0 && rng_below(8)) {
		k = rng_below(*nruns);
		start = runs[k].start;
		count = runs[k].count;
		runs[k] = runs[--*nruns];
		if (count > 1 && rng_below(4) == 0) {
			start += rng_below(count);
			count = 1;
		}
	} else {
		start = rng_below(b->nbits + 10);
		count = rng_below(70);
	}
	want = model_free(used, b->nbits, start, count, &want_ff);
	err = bitmap_free_run(b, start, count, &ff);
	if (err != want || ff != want_ff) {
		htest_fail(__FILE__, __LINE__,
			   "step %ld: free %zu+%zu: %d (first free %zu), want "
			   "%d (%zu)",
			   step, start, count, err, ff, want, want_ff);
		return 0;
	}
	return 1;
}

/* One random bitmap_set_free() or bitmap_set_used(), applied to the model. */
static void
random_set(struct bitmap_alloc *b, uint8_t *used)
{
	size_t start = rng_below(b->nbits + 5), count = rng_below(150);
	bool to_used = rng_below(2);

	if (to_used)
		bitmap_set_used(b, start, count);
	else
		bitmap_set_free(b, start, count);
	for (size_t i = start; i < start + count && i < b->nbits; i++)
		used[i] = to_used;
}

/* @steps random operations on an @nbits map, checked after each one. */
static void
random_session(size_t nbits, long steps, uint64_t seed)
{
	struct bitmap_alloc b;
	struct run *runs = calloc(4096, sizeof(*runs));
	uint8_t *used = malloc(nbits);
	size_t nruns = 0, r;
	int ok = 1;

	if (runs == NULL || used == NULL)
		abort();
	rng_state = seed;
	bm_new(&b, nbits);
	memset(used, 1, nbits);
	bitmap_set_free(&b, 0, nbits);
	memset(used, 0, nbits);
	if (seed & 1) { /* start fragmented: about 1 unit in 4 in use */
		for (size_t i = 0; i < nbits; i++) {
			if (rng_below(4) == 0) {
				bitmap_set_used(&b, i, 1);
				used[i] = 1;
			}
		}
	}
	for (long step = 0; ok && step < steps; step++) {
		r = rng_below(100);
		if (r < 50)
			ok = random_alloc(&b, used, runs, &nruns, step);
		else if (r < 94)
			ok = random_free(&b, used, runs, &nruns, step);
		else
			random_set(&b, used);
		ok = ok && check_model(&b, used, step);
	}
	if (!ok)
		htest_fail(__FILE__, __LINE__, "nbits %zu, seed %#llx", nbits,
			   (unsigned long long)seed);
	bm_del(&b);
	free(used);
	free(runs);
}

HTEST(bitmap_random_operations_match_model)
{
	static const size_t sizes[] = {1,   2,	 63,  64,   65,	 127,
				       128, 129, 200, 1000, 4099};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (uint64_t seed = 1; seed <= 2; seed++)
			random_session(sizes[i], 3000,
				       0x9e3779b97f4a7c15ull * (i + 1) + seed);
	random_session(700, 40000, 0x1234567887654321ull);
	random_session(1500, 40000, 0x1234567887654322ull);
}

/* Fill a random half of @b (all free before); returns how many were taken. */
static size_t
fill_random_half(struct bitmap_alloc *b)
{
	size_t taken = 0;

	for (size_t w = 0; w < b->nbits / 64; w++) {
		uint64_t r = rng();

		for (unsigned int i = 0; i < 64; i++) {
			if (r >> i & 1) {
				bitmap_set_used(b, w * 64 + i, 1);
				taken++;
			}
		}
	}
	return taken;
}

/* All units below the hint in use, and nfree agreeing with the bits. */
static void
check_big(const struct bitmap_alloc *b)
{
	size_t nfree = 0, bad_hint = 0;

	for (size_t i = 0; i < b->nbits; i++) {
		bool u = bitmap_test(b, i);

		nfree += !u;
		bad_hint += !u && i < b->hint;
	}
	EXPECT_EQ(nfree, b->nfree);
	EXPECT_EQ(bad_hint, 0);
}

/* Alloc/free churn at 50% fill: @n pairs; returns ns per pair. */
static double
churn(struct bitmap_alloc *b, size_t n)
{
	size_t ring[1024], out;
	double t0 = now_ns();

	for (size_t i = 0; i < n; i++) {
		if (bitmap_alloc_one(b, &out) != 0) {
			htest_fail(__FILE__, __LINE__, "churn: alloc failed");
			return 0;
		}
		if (i >= 1024) {
			size_t k = rng_below(1024);

			if (bitmap_free_run(b, ring[k], 1, NULL) != 0) {
				htest_fail(__FILE__, __LINE__,
					   "churn: free failed");
				return 0;
			}
			ring[k] = out;
		} else {
			ring[i] = out;
		}
	}
	for (size_t i = 0; i < 1024 && i < n; i++)
		EXPECT_EQ(bitmap_free_run(b, ring[i], 1, NULL), 0);
	return (now_ns() - t0) / n;
}

HTEST(bitmap_64g_of_frames_is_fast)
{
	const size_t n = (size_t)16 << 20, m = 1 << 20;
	struct bitmap_alloc b;
	size_t out = 0, half, *got = malloc(m * sizeof(*got));
	double t0, t_one, t_free, t_one50, t_free50, t_pair, t_run;
	int err;

	ASSERT_TRUE(got != NULL);
	rng_state = 0xfeedfacecafebeefull;
	bm_new(&b, n);
	bitmap_set_free(&b, 0, n);
	EXPECT_EQ(b.nfree, n);
	t0 = now_ns();
	for (size_t i = 0; i < n; i++)
		if (bitmap_alloc_one(&b, &out) != 0 || out != i)
			break;
	t_one = (now_ns() - t0) / n;
	EXPECT_EQ(out, n - 1);
	EXPECT_EQ(bitmap_alloc_one(&b, &out), -ENOMEM);
	t0 = now_ns();
	for (size_t i = 0; i < n; i += 2)
		if (bitmap_free_run(&b, i, 1, NULL) != 0)
			break;
	t_free = (now_ns() - t0) / (n / 2);
	EXPECT_EQ(b.nfree, n / 2);

	/* A random half in use; then take and give back 1M single frames. */
	bitmap_set_free(&b, 0, n);
	half = fill_random_half(&b);
	EXPECT_EQ(b.nfree, n - half);
	t0 = now_ns();
	for (size_t i = 0; i < m; i++)
		if ((err = bitmap_alloc_one(&b, &got[i])) != 0)
			break;
	t_one50 = (now_ns() - t0) / m;
	t0 = now_ns();
	for (size_t i = 0; i < m; i++)
		if ((err = bitmap_free_run(&b, got[m - 1 - i], 1, NULL)) != 0)
			break;
	t_free50 = (now_ns() - t0) / m;
	EXPECT_EQ(b.nfree, n - half);
	t_pair = churn(&b, 4 * m);
	EXPECT_EQ(b.nfree, n - half);

	/* 2 MiB runs: none fits in a random half, so this scans everything. */
	t0 = now_ns();
	EXPECT_EQ(bitmap_alloc_run(&b, 512, 512, &out), -ENOMEM);
	t_run = now_ns() - t0;
	ASSERT_EQ(bitmap_alloc_run(&b, 8, 8, &out), 0);
	EXPECT_EQ(bitmap_free_run(&b, out, 8, NULL), 0);
	check_big(&b);

	bitmap_set_free(&b, 0, n);
	bitmap_set_used(&b, 0, 1);
	ASSERT_EQ(bitmap_alloc_run(&b, n / 2, n / 2, &out), 0);
	EXPECT_EQ(out, n / 2);
	ASSERT_EQ(bitmap_alloc_run(&b, n / 2 - 1, 1, &out), 0);
	EXPECT_EQ(out, 1);
	EXPECT_EQ(b.nfree, 0);
	check_big(&b);

	fprintf(stderr,
		"# bitmap 16M units: alloc_one %.1f ns (empty), free %.1f ns; "
		"at 50%% fill: alloc_one %.1f ns, free %.1f ns, "
		"alloc+free pair %.1f ns; failed 512/512 run scan %.0f us\n",
		t_one, t_free, t_one50, t_free50, t_pair, t_run / 1000);
	/* Printed, never asserted: wall-clock time depends on the machine's
	 * load (make test runs QEMU beside this), and tests must not. */
	bm_del(&b);
	free(got);
}
