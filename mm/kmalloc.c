/*
 * mm/kmalloc.c: the kernel heap, power-of-two slab caches over mm/page.h.
 *
 * Slab layout.  Each size class (16 .. 2048 bytes) has a cache of slabs of
 * one page.  The objects fill the page from offset 0, so a power-of-two
 * object is naturally aligned and a page holds exactly PAGE_SIZE / size of
 * them: the descriptor (struct slab) is kept off the page, as an object of
 * desc_cache.  That cache's own slabs keep their descriptor in the last
 * bytes of the page (it is not a kmalloc class, so its alignment does not
 * matter), which ends the recursion.  Off-page descriptors cost about 2%
 * (80 bytes a page) for every class, where a descriptor at the end of the
 * page would cost one whole object: half the page for 2048 bytes, or, with
 * multi-page slabs to avoid that, physically contiguous runs of up to 8
 * pages and a heap that holds 32 KiB for one live object.
 *
 * Every page the heap owns carries a tag (page_set_tag()):
 *   slab page            address of its struct slab | TAG_SLAB
 *   large allocation     npages << TAG_SHIFT | TAG_LARGE   (first page)
 *                        TAG_TAIL                          (other pages)
 * so kfree() learns everything from the pointer.  Descriptors are 16-byte
 * aligned, which leaves the two kind bits free.
 *
 * A slab keeps its free objects on a LIFO list linked through the objects
 * and a bitmap of the allocated ones.  The bitmap makes a double free a
 * certain panic (not a heuristic one) and lets every free-list step be
 * checked, so a stray write to a free object panics instead of handing out
 * a wild pointer.  A cache keeps at most SLAB_EMPTY_KEEP empty slabs.
 *
 * Debug mode.  A slot of S bytes (class size, or npages * PAGE_SIZE) is
 *   [0, req)       the caller's bytes, POISON_NEW after kmalloc()
 *   [req, S - 8)   red zone of POISON_RED, at least DEBUG_REDZONE bytes
 *   [S - 8, S)     req while allocated; the free-list link while free
 * and a free slot is POISON_FREE in [0, S - 8), checked when the slot is
 * handed out again and when its slab is destroyed.  The link moves to the
 * end of the slot so that a stale write to any of the caller's bytes is
 * seen.  Size classes are chosen for req + DEBUG_EXTRA bytes.
 *
 * Locks: heap_lock (a spinlock, so interrupts are off inside) protects
 * every cache, slab and the stats; each public function takes it once.
 * Order: heap_lock before pmm_lock (the page layer).  The host unit tests
 * build this file without locks (HOST_TEST).
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#ifndef HOST_TEST
#include "kernel/spinlock.h"
static struct spinlock heap_lock = SPINLOCK_INIT("heap");
#define heap_lock_take()	spin_lock(&heap_lock)
#define heap_lock_drop()	spin_unlock(&heap_lock)
#else
#define heap_lock_take()	((void)0)
#define heap_lock_drop()	((void)0)
#endif
#include "mm/kmalloc.h"
#include "mm/page.h"

#define KMALLOC_MIN_SHIFT 4  /* 16-byte class */
#define KMALLOC_MAX_SHIFT 11 /* 2048-byte class */
#define KMALLOC_NCLASSES  (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)
#define KMALLOC_SLAB_MAX  ((size_t)1 << KMALLOC_MAX_SHIFT)
/* Beyond any memory and far below SIZE_MAX, so no size arithmetic wraps. */
#define KMALLOC_MAX_SIZE ((size_t)1 << 46)

#define SLAB_BYTES	((size_t)PAGE_SIZE)
#define SLAB_MAX_OBJS	(SLAB_BYTES >> KMALLOC_MIN_SHIFT)
#define SLAB_MAP_WORDS	(SLAB_MAX_OBJS / 64)
#define SLAB_EMPTY_KEEP 1 /* empty slabs a cache keeps for the next kmalloc */

#define TAG_KIND  3ul
#define TAG_SLAB  1ul
#define TAG_LARGE 2ul
#define TAG_TAIL  3ul
#define TAG_SHIFT 2

#define DEBUG_REDZONE 16
#define DEBUG_EXTRA   (DEBUG_REDZONE + sizeof(size_t))
#define POISON_FREE   0x6b
#define POISON_NEW    0xa5
#define POISON_RED    0xbb

struct slab_list {
	struct slab_list *next, *prev;
};

struct slab {
	struct slab_list link; /* on one of cache's lists; first */
	struct kmem_cache *cache;
	uint8_t *base;	/* the page; object i at base + i * size */
	void *free;	/* first free object, NULL if none */
	uint16_t inuse; /* allocated objects */
	uint16_t nobj;	/* objects in the slab */
	uint64_t map[SLAB_MAP_WORDS]; /* bit i set: object i allocated */
};
_Static_assert(sizeof(struct slab) % 16 == 0, "descriptors 16-byte aligned");

/* Fields are fixed at build time except those kmalloc_set_debug() sets. */
struct kmem_cache {
	struct slab_list partial, full, empty;
	size_t nempty;	   /* slabs on empty */
	uint64_t recip;	   /* SLAB_RECIP(size), for slab_nr() */
	uint32_t size;	   /* bytes per object */
	uint32_t span;	   /* nobj * size */
	uint16_t nobj;	   /* objects per slab */
	bool offslab;	   /* descriptor in desc_cache, not in the page */
	bool debug;	   /* red zones and poison (kmalloc classes only) */
	uint32_t link_off; /* where a free object keeps its free-list link */
};

/* What the heap knows about a live object (obj_lookup()). */
struct kobj {
	struct slab *slab; /* NULL for a large allocation */
	size_t index;	   /* in slab */
	size_t slot;	   /* bytes: class size or npages * PAGE_SIZE */
	size_t floor;	   /* largest need that gets a smaller slot */
	size_t usable;	   /* what ksize() says */
};

/*
 * off / size as (off * SLAB_RECIP(size)) >> 32, without a divide.  Exact
 * for off < SLAB_BYTES and size <= SLAB_BYTES: rounding recip up adds less
 * than off / 2^32 < 1 / size to the quotient (as SLAB_BYTES^2 < 2^32), and
 * the fraction of off / size is at most 1 - 1 / size.
 */
#define SLAB_RECIP(sz) (((1ull << 32) + (sz)-1) / (sz))
_Static_assert(SLAB_BYTES < (1u << 16), "SLAB_RECIP exactness");

#define LIST_HEAD_INIT(h)                                                      \
	{                                                                      \
		&(h), &(h)                                                     \
	}
#define CACHE_INIT(c, sz, n, off)                                              \
	{                                                                      \
		.partial = LIST_HEAD_INIT((c).partial),                        \
		.full = LIST_HEAD_INIT((c).full),                              \
		.empty = LIST_HEAD_INIT((c).empty), .size = (sz),              \
		.recip = SLAB_RECIP(sz), .span = (n) * (sz), .nobj = (n),      \
		.offslab = (off),                                              \
	}
#define KCACHE(i)                                                              \
	CACHE_INIT(kmalloc_caches[i], 16u << (i),                              \
		   SLAB_BYTES >> ((i) + KMALLOC_MIN_SHIFT), true)

static struct kmem_cache kmalloc_caches[KMALLOC_NCLASSES] = {
	KCACHE(0), KCACHE(1), KCACHE(2), KCACHE(3),
	KCACHE(4), KCACHE(5), KCACHE(6), KCACHE(7),
};
_Static_assert(KMALLOC_NCLASSES == 8, "one KCACHE() per class");

#define DESC_NOBJ ((SLAB_BYTES - sizeof(struct slab)) / sizeof(struct slab))
static struct kmem_cache desc_cache =
	CACHE_INIT(desc_cache, sizeof(struct slab), DESC_NOBJ, false);

static bool kmalloc_debug;
static struct kmalloc_stats stats;

static void *cache_alloc(struct kmem_cache *c);
static void slab_push(struct slab *s, void *obj, size_t index);

static inline bool
list_empty(const struct slab_list *h)
{
	return h->next == h;
}

static inline void
list_del(struct slab_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
}

static inline void
list_add(struct slab_list *h, struct slab_list *n)
{
	n->next = h->next;
	n->prev = h;
	h->next->prev = n;
	h->next = n;
}

static inline struct slab *
slab_first(const struct slab_list *h)
{
	return (struct slab *)h->next; /* link is the first member */
}

static inline bool
map_test(const struct slab *s, size_t i)
{
	return (s->map[i / 64] >> (i % 64)) & 1;
}

static inline void
map_flip(struct slab *s, size_t i)
{
	s->map[i / 64] ^= 1ull << (i % 64);
}

static inline void **
obj_link(const struct kmem_cache *c, void *obj)
{
	return (void **)((uint8_t *)obj + c->link_off);
}

/* Number of the object of @c that holds byte @off of a slab. */
static inline size_t
slab_nr(const struct kmem_cache *c, uintptr_t off)
{
	return (off * c->recip) >> 32;
}

/* Number of the object starting at byte @off of a slab of @c, or -1. */
static inline long
slab_index(const struct kmem_cache *c, uintptr_t off)
{
	size_t i;

	if (off >= c->span)
		return -1;
	i = slab_nr(c, off);
	return i * c->size == off ? (long)i : -1;
}

/* The smallest class that holds @need (1 .. KMALLOC_SLAB_MAX) bytes. */
static inline struct kmem_cache *
kmalloc_cache(size_t need)
{
	unsigned int i = 0;

	if (need > (1u << KMALLOC_MIN_SHIFT))
		i = 64 - __builtin_clzl(need - 1) - KMALLOC_MIN_SHIFT;
	return &kmalloc_caches[i];
}

/* Offset of the first byte in [@p, @p + @n) that is not @c, or @n. */
static size_t
mem_scan(const void *p, int c, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != (uint8_t)c)
			break;
	return i;
}

/* Panic if the free object @obj of @c was written since it was freed. */
static __attribute__((noinline, cold)) void
debug_check_free(const struct kmem_cache *c, const void *obj, const char *who)
{
	size_t n = c->size - sizeof(void *);
	size_t off = mem_scan(obj, POISON_FREE, n);

	if (off != n)
		panic("%s: %p (%u bytes) modified after free at offset %zu",
		      who, obj, c->size, off);
}

/* Every object of the slab @s is free: check that none was written. */
static void
debug_check_slab(const struct slab *s)
{
	for (size_t i = 0; i < s->nobj; i++)
		debug_check_free(s->cache, s->base + i * s->cache->size,
				 "slab_destroy");
}

/* The slab @s of @c has just come from the page layer: link its objects. */
static void
slab_init_objects(struct slab *s)
{
	struct kmem_cache *c = s->cache;
	uint8_t *obj = s->base;

	if (c->debug)
		memset(s->base, POISON_FREE, c->span);
	for (size_t i = 0; i + 1 < s->nobj; i++, obj += c->size)
		*obj_link(c, obj) = obj + c->size;
	*obj_link(c, obj) = NULL;
	s->free = s->base;
}

/* A new empty slab for @c, on its empty list; NULL if out of memory. */
static struct slab *
slab_create(struct kmem_cache *c)
{
	uint8_t *page = page_alloc(1);
	struct slab *s;

	if (page == NULL)
		return NULL;
	if (!c->offslab) {
		s = (struct slab *)(page + SLAB_BYTES - sizeof(*s));
	} else if ((s = cache_alloc(&desc_cache)) == NULL) {
		page_free(page, 1);
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	s->cache = c;
	s->base = page;
	s->nobj = c->nobj;
	slab_init_objects(s);
	page_set_tag(page, (uintptr_t)s | TAG_SLAB);
	list_add(&c->empty, &s->link);
	c->nempty++;
	stats.slab_pages++;
	return s;
}

/* Give the empty slab @s back to the page layer (and its descriptor). */
static void
slab_destroy(struct slab *s)
{
	struct kmem_cache *c = s->cache;
	uint8_t *page = s->base;
	struct slab *ds;

	if (c->debug)
		debug_check_slab(s);
	list_del(&s->link);
	c->nempty--;
	page_set_tag(page, 0);
	stats.slab_pages--;
	if (c->offslab) {
		ds = (struct slab *)(page_tag(s) & ~TAG_KIND);
		slab_push(ds, s, ((uint8_t *)s - ds->base) / sizeof(*s));
	}
	page_free(page, 1);
}

/* The list of @s's cache where a slab with @inuse objects in use belongs. */
static struct slab_list *
slab_list_for(struct slab *s, unsigned int inuse)
{
	if (inuse == 0)
		return &s->cache->empty;
	if (inuse == s->nobj)
		return &s->cache->full;
	return &s->cache->partial;
}

/* Move @s to the list its inuse count calls for; it had @old in use. */
static void
slab_relist(struct slab *s, unsigned int old)
{
	struct kmem_cache *c = s->cache;
	struct slab_list *from = slab_list_for(s, old);
	struct slab_list *to = slab_list_for(s, s->inuse);

	if (from == to)
		return;
	list_del(&s->link);
	list_add(to, &s->link);
	c->nempty += (to == &c->empty) - (from == &c->empty);
}

/*
 * Take the first free object of @s.  The next one must be a free object of
 * @s: it was checked when it was freed, so a mismatch means a stray write.
 */
static void *
slab_pop(struct slab *s)
{
	struct kmem_cache *c = s->cache;
	uint8_t *obj = s->free;
	size_t off = (size_t)(obj - s->base);
	uint8_t *next;
	long ni;

	if (c->debug)
		debug_check_free(c, obj, "kmalloc");
	next = *obj_link(c, obj);
	if (next != NULL) {
		ni = slab_index(c, (uintptr_t)next - (uintptr_t)s->base);
		if (ni < 0 || map_test(s, ni))
			panic("kmalloc: free list of slab %p corrupt: %p "
			      "links to %p",
			      (void *)s, (void *)obj, (void *)next);
	}
	map_flip(s, slab_nr(c, off));
	s->free = next;
	if (++s->inuse == 1 || s->inuse == s->nobj)
		slab_relist(s, s->inuse - 1);
	return obj;
}

/* Put the allocated object @index of @s, at @obj, back on the free list. */
static void
slab_push(struct slab *s, void *obj, size_t index)
{
	struct kmem_cache *c = s->cache;

	map_flip(s, index);
	if (c->debug)
		memset(obj, POISON_FREE, c->size - sizeof(void *));
	*obj_link(c, obj) = s->free;
	s->free = obj;
	if (--s->inuse == 0 || s->inuse + 1 == s->nobj)
		slab_relist(s, s->inuse + 1);
	if (s->inuse == 0 && c->nempty > SLAB_EMPTY_KEEP)
		slab_destroy(s);
}

/* An object of @c from a partial, then an empty, then a new slab; or NULL. */
static void *
cache_alloc(struct kmem_cache *c)
{
	struct slab *s;

	if (!list_empty(&c->partial))
		s = slab_first(&c->partial);
	else if (!list_empty(&c->empty))
		s = slab_first(&c->empty);
	else if ((s = slab_create(c)) == NULL)
		return NULL;
	return slab_pop(s);
}

/* @npages pages tagged as one large allocation, or NULL. */
static void *
large_alloc(size_t npages)
{
	uint8_t *p = page_alloc(npages);

	if (p == NULL)
		return NULL;
	page_set_tag(p, npages << TAG_SHIFT | TAG_LARGE);
	for (size_t i = 1; i < npages; i++)
		page_set_tag(p + i * PAGE_SIZE, TAG_TAIL);
	stats.large_pages += npages;
	return p;
}

/* Untag and give back the @npages pages of the large allocation @p. */
static void
large_free(void *p, size_t npages)
{
	for (size_t i = 0; i < npages; i++)
		page_set_tag((uint8_t *)p + i * PAGE_SIZE, 0);
	stats.large_pages -= npages;
	page_free(p, npages);
}

/* Debug mode: fill the new @slot-byte object @p of @req bytes. */
static __attribute__((noinline, cold)) void
debug_arm(uint8_t *p, size_t req, size_t slot)
{
	memset(p, POISON_NEW, req);
	memset(p + req, POISON_RED, slot - sizeof(size_t) - req);
	*(size_t *)(p + slot - sizeof(size_t)) = req;
}

/* Debug mode: the size @p was asked for, checked against its slot. */
static __attribute__((noinline, cold)) size_t
debug_requested(const uint8_t *p, const struct kobj *o, const char *who)
{
	size_t req = *(const size_t *)(p + o->slot - sizeof(size_t));

	if (req == 0 || req > o->slot - DEBUG_EXTRA ||
	    req + DEBUG_EXTRA <= o->floor)
		panic("%s: %p: size word %#zx overwritten (slot %zu bytes)",
		      who, (const void *)p, req, o->slot);
	return req;
}

/* Debug mode: panic if the red zone after the live object @p is broken. */
static __attribute__((noinline, cold)) void
debug_check_redzone(const uint8_t *p, const struct kobj *o, const char *who)
{
	size_t n = o->slot - sizeof(size_t) - o->usable;
	size_t off = mem_scan(p + o->usable, POISON_RED, n);

	if (off != n)
		panic("%s: %p: red zone overwritten at offset %zu "
		      "(object of %zu bytes)",
		      who, (const void *)p, o->usable + off, o->usable);
}

/* Fill @o for @p, from a slab @s; panics unless @p is a live object. */
static void
slab_lookup(const void *p, struct slab *s, struct kobj *o, const char *who)
{
	struct kmem_cache *c = s->cache;
	long i;

	if (c == &desc_cache)
		panic("%s: %p is heap metadata, not a kmalloc object", who, p);
	i = slab_index(c, (uintptr_t)p - (uintptr_t)s->base);
	if (i < 0)
		panic("%s: %p is not the start of a %u-byte object", who, p,
		      c->size);
	if (!map_test(s, i))
		panic("%s: %p is not allocated (double free?)", who, p);
	o->slab = s;
	o->index = i;
	o->slot = c->size;
	o->floor = c->size == (1u << KMALLOC_MIN_SHIFT) ? 0 : c->size / 2;
}

/*
 * Describe the live object @p in @o; panics naming @who if it is not one,
 * or in debug mode if its size word or red zone was overwritten.
 */
static void
obj_lookup(const void *p, struct kobj *o, const char *who)
{
	uintptr_t tag = page_tag(p);

	switch (tag & TAG_KIND) {
	case TAG_SLAB:
		slab_lookup(p, (struct slab *)(tag & ~TAG_KIND), o, who);
		break;
	case TAG_LARGE:
		if ((uintptr_t)p % PAGE_SIZE != 0)
			panic("%s: %p is inside a large allocation", who, p);
		o->slab = NULL;
		o->slot = (tag >> TAG_SHIFT) * PAGE_SIZE;
		o->floor = MAX(o->slot - PAGE_SIZE, KMALLOC_SLAB_MAX);
		break;
	case TAG_TAIL:
		panic("%s: %p is inside a large allocation", who, p);
	default:
		panic("%s: %p was not allocated by kmalloc", who, p);
	}
	o->usable = o->slot;
	if (kmalloc_debug) {
		o->usable = debug_requested(p, o, who);
		debug_check_redzone(p, o, who);
	}
}

/* Free the live object @p that @o describes. */
static void
obj_free(void *p, const struct kobj *o)
{
	stats.frees++;
	stats.bytes_in_use -= o->usable;
	if (o->slab != NULL) {
		slab_push(o->slab, p, o->index);
	} else {
		if (kmalloc_debug)
			memset(p, POISON_FREE, o->slot);
		large_free(p, o->slot / PAGE_SIZE);
	}
}

/* kmalloc() for all but a slab object outside debug mode. */
static __attribute__((noinline)) void *
kmalloc_slow(size_t size)
{
	size_t need, slot;
	uint8_t *p;

	if (size == 0 || size > KMALLOC_MAX_SIZE)
		return NULL;
	need = kmalloc_debug ? size + DEBUG_EXTRA : size;
	if (need <= KMALLOC_SLAB_MAX) {
		struct kmem_cache *c = kmalloc_cache(need);

		slot = c->size;
		p = cache_alloc(c);
	} else {
		slot = ALIGN_UP(need, (size_t)PAGE_SIZE);
		p = large_alloc(slot / PAGE_SIZE);
	}
	if (p == NULL)
		return NULL;
	if (kmalloc_debug)
		debug_arm(p, size, slot);
	stats.allocs++;
	stats.bytes_in_use += kmalloc_debug ? size : slot;
	return p;
}

/*
 * kmalloc - @size bytes, aligned as mm/kmalloc.h says, contents undefined
 * (POISON_NEW in debug mode).  Returns NULL if memory is exhausted, and
 * also for @size 0 (as Linux returns no usable memory; kfree(NULL) is a
 * no-op, so callers need not special-case it) and for sizes beyond any
 * memory.  Context: any, never sleeps; see Locks above.
 */
static void *
kmalloc_unlocked(size_t size)
{
	struct kmem_cache *c;
	void *p;

	if (kmalloc_debug || size - 1 >= KMALLOC_SLAB_MAX) /* 0 wraps */
		return kmalloc_slow(size);
	c = kmalloc_cache(size);
	if ((p = cache_alloc(c)) == NULL)
		return NULL;
	stats.allocs++;
	stats.bytes_in_use += c->size;
	return p;
}

void *
kmalloc(size_t size)
{
	void *p;

	heap_lock_take();
	p = kmalloc_unlocked(size);
	heap_lock_drop();
	return p;
}

/*
 * kzalloc - kmalloc(@size) with all ksize() bytes zeroed.  Returns NULL as
 * kmalloc() does.  Context: as kmalloc().
 */
void *
kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p != NULL)
		memset(p, 0, ksize(p));
	return p;
}

/*
 * kfree - free @p, which kmalloc() returned and nobody has freed yet; NULL
 * is ignored.  Panics ("kfree: ...") on any other pointer, a double free,
 * and in debug mode on a broken red zone.  Context: as kmalloc().
 */
void
kfree(void *p)
{
	struct kobj o;

	if (p == NULL)
		return;
	heap_lock_take();
	obj_lookup(p, &o, "kfree");
	obj_free(p, &o);
	heap_lock_drop();
}

/*
 * krealloc - resize @p to @size bytes, keeping the first min(old, new)
 * bytes.  Returns @p itself when the new size needs the same slot (never in
 * debug mode, where the object always moves so stale pointers show), else
 * a new object; NULL if out of memory, and then @p is untouched.  NULL @p
 * is kmalloc(@size); @size 0 frees @p and returns NULL.  Panics as kfree()
 * on a bad @p.  Context: as kmalloc().
 */
void *
krealloc(void *p, size_t size)
{
	struct kobj o;
	void *q;

	if (p == NULL)
		return kmalloc(size);
	if (size == 0) {
		kfree(p);
		return NULL;
	}
	heap_lock_take();
	obj_lookup(p, &o, "krealloc");
	if (!kmalloc_debug && size <= o.slot && size > o.floor) {
		heap_lock_drop();
		return p;
	}
	if ((q = kmalloc_unlocked(size)) != NULL) {
		memcpy(q, p, MIN(o.usable, size));
		obj_free(p, &o);
	}
	heap_lock_drop();
	return q;
}

/*
 * ksize - bytes usable at @p: the class size or the pages of a large
 * allocation, or in debug mode exactly what was asked for.  0 for NULL;
 * panics as kfree() on a pointer that is not a live object.
 * Context: as kmalloc().
 */
size_t
ksize(const void *p)
{
	struct kobj o;

	if (p == NULL)
		return 0;
	heap_lock_take();
	obj_lookup(p, &o, "ksize");
	heap_lock_drop();
	return o.usable;
}

/*
 * kmalloc_set_debug - turn debug mode (red zones, poisoning) on or off.
 * Returns 0, or -EBUSY if that would change the mode while the heap holds
 * any page (the layout of live and free objects depends on it): before the
 * first kmalloc(), or after everything was freed and kmalloc_trim() ran.
 * Context: boot or tests, no heap user running.
 */
int
kmalloc_set_debug(bool on)
{
	if (on == kmalloc_debug)
		return 0;
	if (stats.slab_pages != 0 || stats.large_pages != 0)
		return -EBUSY;
	kmalloc_debug = on;
	for (size_t i = 0; i < KMALLOC_NCLASSES; i++) {
		struct kmem_cache *c = &kmalloc_caches[i];

		c->debug = on;
		c->link_off = on ? c->size - sizeof(void *) : 0;
	}
	return 0;
}

/* kmalloc_get_stats - copy the heap's counters to @st.  Context: any. */
void
kmalloc_get_stats(struct kmalloc_stats *st)
{
	heap_lock_take();
	*st = stats;
	heap_lock_drop();
}

/*
 * kmalloc_trim - return every empty slab of every cache to the page layer.
 * In debug mode, panics if a free object of those slabs was written since
 * it was freed.  Context: as kmalloc().
 */
void
kmalloc_trim(void)
{
	heap_lock_take();
	for (size_t i = 0; i < KMALLOC_NCLASSES; i++)
		while (!list_empty(&kmalloc_caches[i].empty))
			slab_destroy(slab_first(&kmalloc_caches[i].empty));
	/* Last: the loop above freed descriptors. */
	while (!list_empty(&desc_cache.empty))
		slab_destroy(slab_first(&desc_cache.empty));
	heap_lock_drop();
}
