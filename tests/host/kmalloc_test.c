/*
 * tests/host/kmalloc_test.c: mm/kmalloc.c over a simulated page layer.
 *
 * This file provides what the kernel links kmalloc.c against: page_alloc(),
 * page_free(), page_tag() and page_set_tag() over a private 256 MiB arena
 * (a bitmap of used pages and a tag per page), and panic(), which records
 * its message and longjmp()s back into the test that expects it.  No other
 * host test may define these.  The arena checks the heap's side of the
 * contract: pages come back whole, only after their tags were cleared, and
 * under AddressSanitizer a page given back is poisoned, so a heap that
 * touches it afterwards fails loudly.  New pages are filled with junk, as
 * real ones would be.  page_alloc() fails on demand (arena_fail_in,
 * arena_limit) for the exhaustion tests.
 *
 * Every test starts and ends with an empty heap (heap_begin/heap_end), so
 * used arena pages must come back to the baseline: no leaks, anywhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "tests/host/htest.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define ARENA_POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_POISON(p, n)   ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define PG	    ((size_t)PAGE_SIZE)
#define ARENA_PAGES ((size_t)65536) /* 256 MiB */

/* The debug-mode constants of mm/kmalloc.c, as its comment states them. */
#define POISON_FREE 0x6b
#define POISON_NEW  0xa5

static uint8_t *arena;
static uint64_t arena_map[ARENA_PAGES / 64];
static uintptr_t arena_tags[ARENA_PAGES];
static size_t arena_used;		 /* pages allocated */
static size_t arena_limit = ARENA_PAGES; /* page_alloc fails beyond it */
static long arena_fail_in = -1;		 /* calls until one fails; -1 never */
static size_t arena_next;		 /* next-fit search start */

static void
arena_init(void)
{
	if (arena != NULL)
		return;
	arena = mmap(NULL, ARENA_PAGES * PG, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (arena == MAP_FAILED) {
		perror("kmalloc_test: mmap");
		exit(2);
	}
	ARENA_POISON(arena, ARENA_PAGES * PG);
}

static bool
arena_bit(size_t i)
{
	return (arena_map[i / 64] >> (i % 64)) & 1;
}

static void
arena_mark(size_t first, size_t n, bool used)
{
	for (size_t i = first; i < first + n; i++) {
		if (used)
			arena_map[i / 64] |= 1ull << (i % 64);
		else
			arena_map[i / 64] &= ~(1ull << (i % 64));
	}
}

/* First index of a run of @n free pages at or after @from, or SIZE_MAX. */
static size_t
arena_find(size_t from, size_t n)
{
	size_t run = 0;

	for (size_t i = from; i < ARENA_PAGES; i++) {
		if (i % 64 == 0 && run == 0 && arena_map[i / 64] == ~0ull) {
			i += 63;
			continue;
		}
		run = arena_bit(i) ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return SIZE_MAX;
}

/* page_alloc - see mm/page.h; here over the arena, failing on demand. */
void *
page_alloc(size_t npages)
{
	size_t first;
	uint8_t *p;

	arena_init();
	if (arena_fail_in >= 0 && arena_fail_in-- == 0)
		return NULL;
	if (npages == 0 || npages > arena_limit - arena_used)
		return NULL;
	first = arena_find(arena_next, npages);
	if (first == SIZE_MAX)
		first = arena_find(0, npages);
	if (first == SIZE_MAX)
		return NULL;
	for (size_t i = first; i < first + npages; i++)
		if (arena_tags[i] != 0)
			htest_fail(__FILE__, __LINE__,
				   "free page %zu has a tag", i);
	arena_mark(first, npages, true);
	arena_used += npages;
	arena_next = first + npages;
	p = arena + first * PG;
	ARENA_UNPOISON(p, npages * PG);
	memset(p, 0xdb, npages * PG); /* undefined contents */
	return p;
}

/* page_free - see mm/page.h; checks it gets back whole, untagged runs. */
void
page_free(void *p, size_t npages)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)arena;
	size_t first = off / PG;

	if (off % PG != 0 || first >= ARENA_PAGES ||
	    npages > ARENA_PAGES - first) {
		htest_fail(__FILE__, __LINE__, "page_free(%p, %zu): bad range",
			   p, npages);
		return;
	}
	for (size_t i = first; i < first + npages; i++) {
		if (!arena_bit(i) || arena_tags[i] != 0) {
			htest_fail(__FILE__, __LINE__,
				   "page_free(%p, %zu): page %zu is %s", p,
				   npages, i,
				   arena_bit(i) ? "still tagged" : "free");
			return;
		}
	}
	arena_mark(first, npages, false);
	arena_used -= npages;
	ARENA_POISON(p, npages * PG);
}

/* Arena page index of @p, or SIZE_MAX if @p is outside the arena. */
static size_t
arena_index(const void *p)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)arena;

	if (arena == NULL || off >= ARENA_PAGES * PG)
		return SIZE_MAX;
	return off / PG;
}

/* page_tag - see mm/page.h; 0 for pages outside the arena. */
uintptr_t
page_tag(const void *p)
{
	size_t i = arena_index(p);

	return i == SIZE_MAX ? 0 : arena_tags[i];
}

/* page_set_tag - see mm/page.h; only pages the heap holds may be tagged. */
void
page_set_tag(const void *p, uintptr_t tag)
{
	size_t i = arena_index(p);

	if (i == SIZE_MAX || !arena_bit(i)) {
		htest_fail(__FILE__, __LINE__, "page_set_tag(%p): not held", p);
		return;
	}
	arena_tags[i] = tag;
}

/* ---- panic() as a test hook ---------------------------------------------- */

static jmp_buf *panic_jmp;   /* set while a test expects a panic */
static jmp_buf *panic_guard; /* set while a KM_TEST runs */
static char panic_msg[256];

/*
 * panic - the kernel's panic() for the host tests: record the message and
 * longjmp() to the EXPECT_PANIC that expects it, or else fail the running
 * KM_TEST; outside both, abort the run, as a panic stops the kernel.
 */
void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	if (panic_jmp != NULL)
		longjmp(*panic_jmp, 1);
	if (panic_guard != NULL)
		longjmp(*panic_guard, 1);
	fprintf(stderr, "kmalloc_test: unexpected panic: %s\n", panic_msg);
	abort();
}

/* Run the test body @fn; a panic it did not expect fails the test. */
static void
km_run(void (*fn)(void))
{
	jmp_buf jb;

	panic_guard = &jb;
	if (setjmp(jb) == 0)
		fn();
	else
		htest_fail(__FILE__, __LINE__, "unexpected panic: %s",
			   panic_msg);
	panic_guard = NULL;
	panic_jmp = NULL;
}

/* KM_TEST(name) - HTEST(name) run under km_run(). */
#define KM_TEST(name)                                                          \
	static void km_##name(void);                                           \
	HTEST(name)                                                            \
	{                                                                      \
		km_run(km_##name);                                             \
	}                                                                      \
	static void km_##name(void)

/*
 * EXPECT_PANIC(stmt, text) - @stmt must panic with a message containing
 * @text.  Yields whether it did.  kmalloc.c checks before it changes any
 * state, so the heap is still consistent after the longjmp.
 */
#define EXPECT_PANIC(stmt, text)                                               \
	({                                                                     \
		jmp_buf jb_;                                                   \
		volatile int got_ = 0;                                         \
		panic_msg[0] = '\0';                                           \
		panic_jmp = &jb_;                                              \
		if (setjmp(jb_) == 0) {                                        \
			stmt;                                                  \
		} else {                                                       \
			got_ = 1;                                              \
		}                                                              \
		panic_jmp = NULL;                                              \
		if (!got_)                                                     \
			htest_fail(__FILE__, __LINE__, "%s did not panic",     \
				   #stmt);                                     \
		else if (strstr(panic_msg, (text)) == NULL)                    \
			htest_fail(__FILE__, __LINE__,                         \
				   "%s: panic \"%s\" lacks \"%s\"", #stmt,     \
				   panic_msg, (text));                         \
		(got_ && strstr(panic_msg, (text)) != NULL);                   \
	})

/* ---- helpers ------------------------------------------------------------- */

static size_t heap_base_pages;	       /* arena_used when the test began */
static struct kmalloc_stats heap_base; /* stats when the test began */

/* Start a test on an empty heap in the given mode. */
static void
heap_begin(bool debug)
{
	arena_init();
	kmalloc_trim();
	EXPECT_EQ(kmalloc_set_debug(debug), 0);
	heap_base_pages = arena_used;
	kmalloc_get_stats(&heap_base);
	EXPECT_EQ(heap_base.slab_pages + heap_base.large_pages, 0);
	EXPECT_EQ(heap_base.bytes_in_use, 0);
	arena_fail_in = -1;
	arena_limit = ARENA_PAGES;
}

/* Pages the heap holds must be exactly those it took from the arena. */
static void
heap_check_pages(void)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	EXPECT_EQ(st.slab_pages + st.large_pages, arena_used - heap_base_pages);
}

/* End a test: everything was freed; after a trim no page may remain. */
static void
heap_end(void)
{
	struct kmalloc_stats st;

	arena_fail_in = -1;
	arena_limit = ARENA_PAGES;
	heap_check_pages();
	kmalloc_trim();
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.allocs - heap_base.allocs, st.frees - heap_base.frees);
	EXPECT_EQ(st.bytes_in_use, 0);
	EXPECT_EQ(st.slab_pages, 0);
	EXPECT_EQ(st.large_pages, 0);
	EXPECT_EQ(arena_used, heap_base_pages);
	EXPECT_EQ(kmalloc_set_debug(false), 0);
}

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Byte @i of the pattern for an object that lived at @addr. */
static inline uint8_t
pattern(uintptr_t addr, size_t i)
{
	uint64_t h = (addr >> 4) * 0x9e3779b97f4a7c15ull;

	return (uint8_t)((h >> 32) + i * 131 + (i >> 8));
}

static void
fill(uint8_t *p, size_t n, uintptr_t addr)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(addr, i);
}

/* Offset of the first byte of @p that breaks @addr's pattern, or @n. */
static size_t
check(const uint8_t *p, size_t n, uintptr_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(addr, i))
			return i;
	return n;
}

static bool
all_bytes(const uint8_t *p, int c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)c)
			return false;
	return true;
}

/* The class kmalloc.c must pick for @size bytes outside debug mode. */
static size_t
class_of(size_t size)
{
	size_t c = 16;

	if (size > 2048)
		return (size + PG - 1) / PG * PG;
	while (c < size)
		c *= 2;
	return c;
}

/* ---- tests --------------------------------------------------------------- */

KM_TEST(kmalloc_every_class_is_aligned)
{
	static const size_t sizes[] = {
		1,    8,    15,	  16,	17,   24,   32,	  33,	48,   64,
		65,   100,  128,  129,	200,  256,  300,  512,	513,  1000,
		1024, 1500, 2048, 2049, 4095, 4096, 4097, 8192, 12288};
	void *p[ARRAY_SIZE(sizes)][3];

	heap_begin(false);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i], align = class_of(n);

		if (align > PG)
			align = PG;
		for (int k = 0; k < 3; k++) {
			p[i][k] = kmalloc(n);
			ASSERT_TRUE(p[i][k] != NULL);
			EXPECT_EQ((uintptr_t)p[i][k] % align, 0);
			EXPECT_EQ(ksize(p[i][k]), class_of(n));
			memset(p[i][k], 0x11, ksize(p[i][k]));
		}
	}
	heap_check_pages();
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		for (int k = 0; k < 3; k++)
			kfree(p[i][k]);
	heap_end();
}

KM_TEST(kmalloc_zero_and_huge_sizes)
{
	struct kmalloc_stats st;
	uint8_t *p;

	heap_begin(false);
	EXPECT_TRUE(kmalloc(0) == NULL);
	EXPECT_TRUE(kzalloc(0) == NULL);
	EXPECT_TRUE(kmalloc(SIZE_MAX) == NULL);
	EXPECT_TRUE(kmalloc(SIZE_MAX - PG + 2) == NULL);
	EXPECT_TRUE(kmalloc(SIZE_MAX / 2 + 1) == NULL);
	EXPECT_TRUE(kmalloc((size_t)1 << 47) == NULL);
	EXPECT_TRUE(kmalloc(ARENA_PAGES * PG + 1) == NULL); /* arena full */
	kfree(NULL);
	EXPECT_EQ(ksize(NULL), 0);
	EXPECT_TRUE((p = krealloc(NULL, 40)) != NULL);
	EXPECT_EQ(ksize(p), 64);
	EXPECT_TRUE(krealloc(p, SIZE_MAX) == NULL); /* p untouched */
	EXPECT_TRUE(krealloc(p, 0) == NULL);	    /* frees p */
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.allocs - heap_base.allocs, 1);
	EXPECT_EQ(st.frees - heap_base.frees, 1);
	heap_end();
}

KM_TEST(kzalloc_zeroes_a_dirty_slot)
{
	uint8_t *p, *q;

	heap_begin(false);
	p = kmalloc(200);
	ASSERT_TRUE(p != NULL);
	memset(p, 0xff, ksize(p));
	kfree(p);
	q = kzalloc(200);
	EXPECT_TRUE(q == p); /* LIFO: the same slot comes back */
	EXPECT_TRUE(all_bytes(q, 0, ksize(q)));
	kfree(q);
	p = kzalloc(3 * PG);
	ASSERT_TRUE(p != NULL);
	EXPECT_TRUE(all_bytes(p, 0, 3 * PG));
	kfree(p);
	heap_end();
}

KM_TEST(kmalloc_stats_follow_allocations)
{
	struct kmalloc_stats st;
	void *a, *b, *c;

	heap_begin(false);
	a = kmalloc(10);
	b = kmalloc(1000);
	c = kmalloc(2 * PG + 1);
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.allocs - heap_base.allocs, 3);
	EXPECT_EQ(st.bytes_in_use, 16 + 1024 + 3 * PG);
	EXPECT_EQ(st.large_pages, 3);
	EXPECT_EQ(st.slab_pages, 3); /* two classes + one descriptor page */
	heap_check_pages();
	kfree(c);
	kfree(b);
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.frees - heap_base.frees, 2);
	EXPECT_EQ(st.bytes_in_use, 16);
	EXPECT_EQ(st.large_pages, 0);
	EXPECT_EQ(st.slab_pages, 3); /* the 1024 slab is kept, empty */
	kfree(a);
	heap_end();
}

KM_TEST(kmalloc_keeps_one_empty_slab_per_cache)
{
	void *p[16 * 4];
	struct kmalloc_stats st;

	heap_begin(false);
	for (size_t i = 0; i < ARRAY_SIZE(p); i++)
		ASSERT_TRUE((p[i] = kmalloc(256)) != NULL);
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.slab_pages, 4 + 1); /* 16 a page, + descriptors */
	for (size_t i = 0; i < ARRAY_SIZE(p); i++)
		kfree(p[i]);
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.slab_pages, 1 + 1);
	heap_check_pages();
	/* The kept slab serves the next allocation without the page layer. */
	arena_fail_in = 0;
	p[0] = kmalloc(256);
	EXPECT_TRUE(p[0] != NULL);
	arena_fail_in = -1;
	kfree(p[0]);
	heap_end();
}

/* A slot of the random test: an object and the size it was asked for. */
struct live {
	uint8_t *p;
	size_t size;
};

static size_t
random_size(void)
{
	uint64_t r = rng();

	if (r % 8 < 4)
		return 1 + (r >> 8) % 256;
	if (r % 8 < 6)
		return 257 + (r >> 8) % (2048 - 256);
	return 1 + (r >> 8) % (3 * PG);
}

/* The random steps return false (after recording why) to stop the run. */
static bool
random_alloc(struct live *e, bool debug)
{
	size_t n = random_size();
	size_t align = (n & (n - 1)) == 0 && n <= PG ? n : 16;

	e->p = kmalloc(n);
	if (!EXPECT_TRUE(e->p != NULL))
		return false;
	e->size = n;
	if (!EXPECT_EQ((uintptr_t)e->p % MAX(align, 16), 0))
		return false;
	if (!EXPECT_EQ(ksize(e->p), debug ? n : class_of(n)))
		return false;
	if (debug && !EXPECT_TRUE(all_bytes(e->p, POISON_NEW, n)))
		return false;
	fill(e->p, n, (uintptr_t)e->p);
	return true;
}

static bool
random_realloc(struct live *e)
{
	size_t n = random_size(), keep = MIN(n, e->size);
	uintptr_t old = (uintptr_t)e->p;
	uint8_t *q;

	if (!EXPECT_EQ(check(e->p, e->size, old), e->size))
		return false;
	q = krealloc(e->p, n);
	if (!EXPECT_TRUE(q != NULL))
		return false;
	if (!EXPECT_EQ(check(q, keep, old), keep))
		return false;
	e->p = q;
	e->size = n;
	fill(q, n, (uintptr_t)q);
	return true;
}

static bool
random_free(struct live *e)
{
	if (!EXPECT_EQ(check(e->p, e->size, (uintptr_t)e->p), e->size))
		return false;
	kfree(e->p);
	e->p = NULL;
	return true;
}

/* The heap's bytes_in_use must be the sum of ksize() over @live. */
static void
random_check_stats(const struct live *live, size_t n)
{
	struct kmalloc_stats st;
	size_t sum = 0, count = 0;

	for (size_t i = 0; i < n; i++) {
		if (live[i].p != NULL) {
			sum += ksize(live[i].p);
			count++;
		}
	}
	kmalloc_get_stats(&st);
	EXPECT_EQ(st.bytes_in_use, sum);
	EXPECT_EQ((st.allocs - heap_base.allocs) - (st.frees - heap_base.frees),
		  count);
	heap_check_pages();
}

static void
random_run(unsigned long ops, uint64_t seed, bool debug)
{
	static struct live live[1024];
	bool ok = true;

	heap_begin(debug);
	rng_state = seed;
	memset(live, 0, sizeof(live));
	for (unsigned long op = 0; op < ops && ok; op++) {
		struct live *e = &live[rng() % ARRAY_SIZE(live)];

		if (e->p == NULL)
			ok = random_alloc(e, debug);
		else if (rng() % 4 == 0)
			ok = random_realloc(e);
		else
			ok = random_free(e);
		if (op % 10000 == 0)
			random_check_stats(live, ARRAY_SIZE(live));
	}
	random_check_stats(live, ARRAY_SIZE(live));
	for (size_t i = 0; i < ARRAY_SIZE(live); i++)
		if (live[i].p != NULL)
			random_free(&live[i]);
	heap_end();
}

KM_TEST(kmalloc_random_100k_no_corruption_no_leak)
{
	random_run(100000, 0x2545f4914f6cdd1dull, false);
}

KM_TEST(kmalloc_random_debug_mode_no_false_alarm)
{
	random_run(30000, 0x9e3779b97f4a7c15ull, true);
}

KM_TEST(kmalloc_exhaustion_returns_null_and_recovers)
{
	static void *p[4096];
	size_t n = 0;

	heap_begin(false);
	arena_limit = arena_used + 20;
	while (n < ARRAY_SIZE(p) && (p[n] = kmalloc(2048)) != NULL)
		n++;
	/* 2 a page; one of the 20 pages holds the descriptors. */
	EXPECT_EQ(n, 2 * 19);
	EXPECT_TRUE(kmalloc(2048) == NULL);
	EXPECT_TRUE(kmalloc(3 * PG) == NULL);
	EXPECT_TRUE(kmalloc(16) == NULL); /* a new class needs a page */
	heap_check_pages();
	kfree(p[--n]);
	EXPECT_TRUE((p[n] = kmalloc(2048)) != NULL); /* the freed slot */
	n++;
	while (n > 0)
		kfree(p[--n]);
	arena_limit = ARENA_PAGES;
	EXPECT_TRUE((p[0] = kmalloc(3 * PG)) != NULL);
	kfree(p[0]);
	heap_end();
}

/* A page_alloc() failing at any point of a slab's creation leaks nothing. */
KM_TEST(kmalloc_page_failure_at_each_step_leaks_nothing)
{
	for (long k = 0; k < 3; k++) {
		void *p;

		heap_begin(false);
		arena_fail_in = k; /* 0: slab page, 1: descriptor page */
		p = kmalloc(64);
		if (k < 2)
			EXPECT_TRUE(p == NULL);
		else
			EXPECT_TRUE(p != NULL);
		arena_fail_in = -1;
		heap_check_pages();
		kfree(p);
		heap_end();
	}
}

KM_TEST(kfree_double_free_panics)
{
	void *p, *q, *big;

	heap_begin(false);
	p = kmalloc(32);
	q = kmalloc(32); /* keeps the slab alive */
	big = kmalloc(2 * PG);
	kfree(p);
	EXPECT_PANIC(kfree(p), "kfree: ");
	EXPECT_PANIC(kfree(p), "double free");
	EXPECT_PANIC(ksize(p), "ksize: ");
	EXPECT_PANIC(krealloc(p, 10), "krealloc: ");
	kfree(big);
	EXPECT_PANIC(kfree(big), "not allocated by kmalloc");
	kfree(q);
	heap_check_pages();
	heap_end();
}

KM_TEST(kfree_foreign_pointer_panics)
{
	int on_stack;
	void *page;
	char msg[64];

	heap_begin(false);
	EXPECT_PANIC(kfree(&on_stack), "kfree: ");
	snprintf(msg, sizeof(msg), "%p was not allocated", (void *)&on_stack);
	EXPECT_PANIC(kfree(&on_stack), msg);
	page = page_alloc(1); /* the arena's, but not the heap's */
	EXPECT_PANIC(kfree(page), "not allocated by kmalloc");
	EXPECT_PANIC(kfree((uint8_t *)page + 48), "not allocated by kmalloc");
	page_free(page, 1);
	heap_end();
}

KM_TEST(kfree_interior_pointer_panics)
{
	uint8_t *p, *big;

	heap_begin(false);
	p = kmalloc(64);
	big = kmalloc(3 * PG);
	EXPECT_PANIC(kfree(p + 8), "not the start of a 64-byte object");
	EXPECT_PANIC(kfree(p + 64), "not allocated"); /* next, free slot */
	EXPECT_PANIC(kfree(p + 63), "kfree: ");
	EXPECT_PANIC(kfree(big + 16), "inside a large allocation");
	EXPECT_PANIC(kfree(big + PG), "inside a large allocation");
	EXPECT_PANIC(ksize(big + 2 * PG + 5), "ksize: ");
	/* Slab descriptors live in heap pages but are not kmalloc objects. */
	EXPECT_PANIC(kfree((void *)(page_tag(p) & ~(uintptr_t)3)),
		     "heap metadata");
	kfree(big);
	kfree(p);
	heap_end();
}

KM_TEST(kmalloc_debug_fills_and_reports_requested_size)
{
	uint8_t *p, *big;

	heap_begin(true);
	EXPECT_EQ(kmalloc_set_debug(true), 0);
	p = kmalloc(40);
	big = kmalloc(5000);
	ASSERT_TRUE(p != NULL && big != NULL);
	EXPECT_EQ(kmalloc_set_debug(false), -EBUSY); /* heap in use */
	EXPECT_EQ(ksize(p), 40);
	EXPECT_EQ(ksize(big), 5000);
	EXPECT_TRUE(all_bytes(p, POISON_NEW, 40));
	EXPECT_TRUE(all_bytes(big, POISON_NEW, 5000));
	EXPECT_EQ((uintptr_t)p % 16, 0);
	kfree(big);
	kfree(p);
	/* Freed and still untouched: poisoned. */
	EXPECT_TRUE(all_bytes(p, POISON_FREE, 40));
	p = kmalloc(64); /* natural alignment survives the red zone */
	EXPECT_EQ((uintptr_t)p % 64, 0);
	kfree(p);
	heap_end();
}

KM_TEST(kmalloc_debug_catches_one_byte_overflow)
{
	uint8_t *p, *big, saved;

	heap_begin(true);
	p = kmalloc(13);
	saved = p[13];
	p[13] = 0;
	EXPECT_PANIC(kfree(p), "red zone overwritten at offset 13");
	EXPECT_PANIC(krealloc(p, 100), "krealloc: ");
	p[13] = saved;
	kfree(p);

	big = kmalloc(2 * PG);
	saved = big[2 * PG];
	big[2 * PG] = 'x';
	EXPECT_PANIC(kfree(big), "red zone overwritten at offset 8192");
	big[2 * PG] = saved;
	kfree(big);

	/* Past the red zone, into the size word: still caught. */
	p = kmalloc(13); /* 64-byte slot; size word at 56 */
	saved = p[57];
	p[57] ^= 0x40;
	EXPECT_PANIC(kfree(p), "size word");
	p[57] = saved;
	kfree(p);
	heap_end();
}

KM_TEST(kmalloc_debug_catches_write_after_free)
{
	uint8_t *p, *q, *keep;

	heap_begin(true);
	keep = kmalloc(64); /* keeps the slab alive */
	p = kmalloc(64);
	kfree(p);
	p[10] = 1;
	EXPECT_PANIC(kmalloc(64), "modified after free at offset 10");
	p[10] = POISON_FREE;
	q = kmalloc(64);
	EXPECT_TRUE(q == p);
	kfree(q);

	/* Never reused before the slab goes: kmalloc_trim() sees it. */
	kfree(keep);
	keep[0] = 0;
	EXPECT_PANIC(kmalloc_trim(), "modified after free at offset 0");
	keep[0] = POISON_FREE;
	heap_end();
}

KM_TEST(kmalloc_debug_double_free_and_bad_pointer_still_panic)
{
	uint8_t *p, *q;

	heap_begin(true);
	p = kmalloc(100);
	q = kmalloc(100);
	kfree(p);
	EXPECT_PANIC(kfree(p), "double free");
	EXPECT_PANIC(kfree(q + 1), "not the start");
	kfree(q);
	heap_end();
}

/* A stale write to a free object's link, outside debug mode, still panics. */
KM_TEST(kmalloc_corrupt_free_list_panics)
{
	void *p, *q, *keep;

	heap_begin(false);
	keep = kmalloc(128);
	p = kmalloc(128);
	kfree(p);
	*(void **)p = keep; /* a live object */
	EXPECT_PANIC(kmalloc(128), "free list");
	EXPECT_PANIC(kmalloc(128), "free list");
	*(void **)p = (uint8_t *)keep + 1; /* not an object boundary */
	EXPECT_PANIC(kmalloc(128), "free list");
	*(void **)p = (uint8_t *)p + 128; /* repair: next free object */
	q = kmalloc(128);
	EXPECT_TRUE(q == p);
	kfree(q);
	kfree(keep);
	heap_end();
}

KM_TEST(krealloc_keeps_contents_across_slab_and_large)
{
	static const size_t steps[] = {100,  120,  3000, 5000, 8000, 10000,
				       2049, 2048, 60,	 1,    64,   3 * 4096};
	uint8_t *p;
	size_t size = steps[0];
	uintptr_t addr;

	heap_begin(false);
	p = kmalloc(size);
	fill(p, size, addr = (uintptr_t)p);
	for (size_t i = 1; i < ARRAY_SIZE(steps); i++) {
		size_t n = steps[i], keep = MIN(n, size);
		uint8_t *q = krealloc(p, n);

		ASSERT_TRUE(q != NULL);
		EXPECT_EQ(check(q, keep, addr), keep);
		EXPECT_EQ(ksize(q), class_of(n));
		/* Same slot needed: stays in place; else it moves. */
		EXPECT_EQ(q == p, class_of(n) == class_of(size));
		fill(q, n, addr = (uintptr_t)q);
		p = q;
		size = n;
	}
	kfree(p);
	heap_end();
}

KM_TEST(krealloc_failure_leaves_the_object)
{
	uint8_t *p;

	heap_begin(false);
	p = kmalloc(500);
	fill(p, 500, (uintptr_t)p);
	arena_fail_in = 0;
	EXPECT_TRUE(krealloc(p, 3 * PG) == NULL);
	arena_fail_in = -1;
	EXPECT_EQ(check(p, 500, (uintptr_t)p), 500);
	EXPECT_EQ(ksize(p), 512);
	kfree(p);
	heap_end();
}

KM_TEST(krealloc_debug_always_moves)
{
	uint8_t *p, *q;

	heap_begin(true);
	p = kmalloc(100);
	fill(p, 100, 1);
	q = krealloc(p, 101);
	ASSERT_TRUE(q != NULL);
	EXPECT_TRUE(q != p);
	EXPECT_EQ(check(q, 100, 1), 100);
	EXPECT_EQ(q[100], POISON_NEW);
	EXPECT_EQ(ksize(q), 101);
	kfree(q);
	heap_end();
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Nanoseconds per kmalloc(64) + kfree() pair, @pairs pairs, as @how says. */
static double
bench_pairs(unsigned long pairs, int how)
{
	static void *batch[1000];
	double t0 = now_ns();

	for (unsigned long r = 0; how == 2 && r < pairs / 1000; r++) {
		for (size_t i = 0; i < ARRAY_SIZE(batch); i++)
			batch[i] = kmalloc(64);
		for (size_t i = 0; i < ARRAY_SIZE(batch); i++)
			kfree(batch[i]);
	}
	for (unsigned long i = 0; how < 2 && i < pairs; i++)
		kfree(kmalloc(64));
	return (now_ns() - t0) / pairs;
}

/*
 * Cost of kmalloc(64) + kfree(): back to back in a slab that another object
 * keeps partial (the common case), back to back in a slab that goes empty
 * and partial each time (two list moves), and in batches of 1000 (16 slabs
 * made and given back each round).  The timing goes to stderr only when
 * KMALLOC_BENCH is set in the environment.
 */
KM_TEST(kmalloc_bench_64_bytes)
{
	const unsigned long pairs = 1000000;
	double t[3];
	void *keep;

	heap_begin(false);
	keep = kmalloc(64);
	t[0] = bench_pairs(pairs, 0);
	kfree(keep);
	t[1] = bench_pairs(pairs, 1);
	t[2] = bench_pairs(pairs, 2);
	if (getenv("KMALLOC_BENCH"))
		fprintf(stderr,
			"# kmalloc(64)+kfree: %.1f ns (partial slab), %.1f ns "
			"(slab goes empty), %.1f ns (batches of 1000)\n",
			t[0], t[1], t[2]);
	heap_end();
}
