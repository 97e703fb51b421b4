/*
 * mm/pmm.c: the physical memory manager (mm/pmm.h) and the page layer the
 * kernel heap sits on (mm/page.h).
 *
 * At boot the allocator's own tables (the bitmap and the per-frame
 * metadata words) are carved from the first usable range below 4 GiB that
 * holds them, because only that much is mapped before the kernel's page
 * tables exist.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "mm/bitmap.h"
#include "mm/memmap.h"
#include "mm/page.h"
#include "mm/pmm.h"

#define FIRST_MIB	0x100000ull
#define MAX_RESERVED	(4 + BOOT_MAX_MODULES)
#define MAX_RELEASED	32	/* pieces of boot reservations given back */

extern const char __boot_start[], __kernel_end[];

static struct memmap memmap;		/* [I] after pmm_init */
static struct bitmap_alloc frames;	/* 1 bit per frame below phys_end */
static uint64_t *frame_meta;		/* 1 word per frame (heap tags) */
static paddr_t phys_end;
/* Locks: pmm_lock protects frames and frame_meta; it nests inside the
 * heap and vmalloc locks and takes no other lock. */
static struct spinlock pmm_lock = SPINLOCK_INIT("pmm");

/*
 * Boot reservations that may be given back (modules, the boot
 * information) become allocatable RAM through pmm_release_boot_range().
 * Locks: [r] release_lock, taken before pmm_lock; [I] after pmm_init;
 * [a] atomic.  released[] is append-only: an entry is written before
 * nreleased is published, so lock-free readers see only complete entries.
 */
static const struct boot_info *boot_bi;			/* [I] */
static struct phys_range boot_res[MAX_RESERVED + 1];	/* [I] */
static size_t boot_nres;				/* [I] */
static bool boot_res_gone[MAX_RESERVED + 1];		/* [r] released */
static struct phys_range released[MAX_RELEASED];	/* [r] written once */
static size_t nreleased;				/* [a] */
static uint64_t released_bytes;				/* [pmm_lock] */
static struct memmap release_scratch;			/* [r] */
static struct spinlock release_lock = SPINLOCK_INIT("pmm_release");

/* boot_reservations - what the allocator must never hand out. */
static size_t
boot_reservations(const struct boot_info *bi, struct phys_range *r)
{
	size_t n = 0;

	r[n++] = (struct phys_range){ 0, FIRST_MIB };
	r[n++] = (struct phys_range){ (paddr_t)(uintptr_t)__boot_start,
				      kernel_image_to_phys(__kernel_end) };
	if (bi->mbi_end > bi->mbi_start)
		r[n++] = (struct phys_range){ bi->mbi_start, bi->mbi_end };
	for (size_t i = 0; i < bi->module_count; i++)
		r[n++] = (struct phys_range){ bi->modules[i].start,
					      bi->modules[i].end };
	return n;
}

/* find_table_space - a usable, direct-mapped range of @bytes; 0 if none. */
static paddr_t
find_table_space(uint64_t bytes)
{
	for (size_t i = 0; i < memmap.count; i++) {
		const struct phys_range *u = &memmap.usable[i];
		if (u->end <= EARLY_DIRECT_MAP_SIZE &&
		    u->end - u->start >= bytes)
			return u->start;
	}
	return 0;
}

/* setup_tables - place the bitmap and metadata, mark usable RAM free. */
static int
setup_tables(const struct boot_info *bi, struct phys_range *res, size_t nres)
{
	size_t nframes = (size_t)(memmap.ram_end + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t bitmap_bytes = bitmap_words(nframes) * 8;
	uint64_t bytes = ALIGN_UP(bitmap_bytes + nframes * 8, PAGE_SIZE);
	paddr_t at = find_table_space(bytes);

	if (at == 0)
		return -ENOMEM;
	res[nres++] = (struct phys_range){ at, at + bytes };
	memmap_build(bi->mmap, bi->mmap_count, res, nres, &memmap);
	bitmap_init(&frames, phys_to_virt(at), nframes);
	frame_meta = phys_to_virt(at + bitmap_bytes);
	memset(frame_meta, 0, nframes * 8);
	for (size_t i = 0; i < memmap.count; i++)
		bitmap_set_free(&frames, memmap.usable[i].start / PAGE_SIZE,
				(memmap.usable[i].end - memmap.usable[i].start) /
					PAGE_SIZE);
	return 0;
}

/* pmm_init - see pmm.h.  Context: boot, before paging_init. */
int
pmm_init(const struct boot_info *bi)
{
	struct phys_range res[MAX_RESERVED + 1];
	size_t nres = boot_reservations(bi, res);
	int err;

	memmap_build(bi->mmap, bi->mmap_count, res, nres, &memmap);
	if (memmap.truncated)
		pr_warn("pmm: memory map has too many ranges; the highest are "
			"ignored\n");
	if ((err = setup_tables(bi, res, nres)) < 0) {
		pr_err("pmm: no room below 4 GiB for the frame bitmap\n");
		return err;
	}
	phys_end = memmap.ram_end;
	boot_bi = bi;
	boot_nres = nres + 1;		/* setup_tables appended its own */
	memcpy(boot_res, res, boot_nres * sizeof(res[0]));
	return 0;
}

/* pmm_alloc_page - see pmm.h.  Context: any; never sleeps. */
paddr_t
pmm_alloc_page(void)
{
	size_t frame;
	int err;

	spin_lock(&pmm_lock);
	err = bitmap_alloc_one(&frames, &frame);
	spin_unlock(&pmm_lock);
	return err < 0 ? 0 : (paddr_t)frame * PAGE_SIZE;
}

/* pmm_alloc_pages - see pmm.h.  Context: any; never sleeps. */
paddr_t
pmm_alloc_pages(size_t count, size_t align_pages)
{
	size_t frame;
	int err;

	spin_lock(&pmm_lock);
	err = bitmap_alloc_run(&frames, count, align_pages, &frame);
	spin_unlock(&pmm_lock);
	return err < 0 ? 0 : (paddr_t)frame * PAGE_SIZE;
}

/* usable_end - end of the usable or released range holding @pa, or 0. */
static paddr_t
usable_end(paddr_t pa)
{
	size_t n = __atomic_load_n(&nreleased, __ATOMIC_ACQUIRE);

	for (size_t i = 0; i < memmap.count; i++)
		if (memmap.usable[i].start <= pa && pa < memmap.usable[i].end)
			return memmap.usable[i].end;
	for (size_t i = 0; i < n; i++)
		if (released[i].start <= pa && pa < released[i].end)
			return released[i].end;
	return 0;
}

/*
 * range_usable - whether every frame of [@start, @end) is managed RAM:
 * usable at boot or released since (a run may span both).
 */
static bool
range_usable(paddr_t start, paddr_t end)
{
	paddr_t next;

	if (start >= end)
		return false;
	if (memmap_contains(&memmap, start, end))
		return true;
	while (start < end) {
		if ((next = usable_end(start)) == 0)
			return false;
		start = next;
	}
	return true;
}

/* pmm_is_usable - see pmm.h.  Context: any. */
bool
pmm_is_usable(paddr_t pa)
{
	return range_usable(pa, pa + PAGE_SIZE);
}

/* pmm_free_pages - see pmm.h.  Context: any; never sleeps. */
int
pmm_free_pages(paddr_t pa, size_t count)
{
	size_t bad;

	if ((pa & (PAGE_SIZE - 1)) || count == 0 ||
	    count > (UINT64_MAX - pa) / PAGE_SIZE ||
	    !range_usable(pa, pa + count * PAGE_SIZE)) {
		pr_err("pmm: refusing to free %zu frame(s) at 0x%lx: not "
		       "allocatable RAM\n", count, (unsigned long)pa);
		return -EINVAL;
	}
	spin_lock(&pmm_lock);
	if (bitmap_free_run(&frames, pa / PAGE_SIZE, count, &bad) < 0) {
		spin_unlock(&pmm_lock);
		pr_err("pmm: double free of frame 0x%lx\n",
		       (unsigned long)bad * PAGE_SIZE);
		return -EFAULT;
	}
	for (size_t i = 0; i < count; i++)
		frame_meta[pa / PAGE_SIZE + i] = 0;
	spin_unlock(&pmm_lock);
	return 0;
}

int
pmm_free_page(paddr_t pa)
{
	return pmm_free_pages(pa, 1);
}

/*
 * find_releasable - the index of the boot reservation that is exactly
 * [@start, @end) and may be released (boot information or a module, not
 * released yet), or -1.  Context: release_lock held.
 */
static int
find_releasable(paddr_t start, paddr_t end)
{
	/* 0: first MiB, 1: kernel image, last: the allocator's tables */
	for (size_t i = 2; i + 1 < boot_nres; i++)
		if (boot_res[i].start == start && boot_res[i].end == end &&
		    !boot_res_gone[i])
			return (int)i;
	return -1;
}

/*
 * release_piece - publish [@start, @end) as managed RAM, then mark its
 * frames free.  Returns the frames freed (0 if the table is full).
 * Context: release_lock held.
 */
static size_t
release_piece(paddr_t start, paddr_t end)
{
	size_t n = nreleased, count = (end - start) / PAGE_SIZE;

	if (n == MAX_RELEASED) {
		pr_warn("pmm: too many released ranges; 0x%lx-0x%lx stays "
			"reserved\n", (unsigned long)start, (unsigned long)end);
		return 0;
	}
	released[n] = (struct phys_range){ start, end };
	__atomic_store_n(&nreleased, n + 1, __ATOMIC_RELEASE);
	spin_lock(&pmm_lock);
	bitmap_set_free(&frames, start / PAGE_SIZE, count);
	released_bytes += end - start;
	spin_unlock(&pmm_lock);
	return count;
}

/* pmm_release_boot_range - see pmm.h.  Context: thread; never sleeps. */
size_t
pmm_release_boot_range(paddr_t start, paddr_t end)
{
	struct phys_range res[MAX_RESERVED + 1];
	paddr_t lo = ALIGN_UP(start, PAGE_SIZE);
	paddr_t hi = ALIGN_DOWN(end, PAGE_SIZE);
	size_t nres = 0, freed = 0;
	const struct phys_range *u;
	int idx;

	spin_lock(&release_lock);
	if ((idx = find_releasable(start, end)) < 0) {
		spin_unlock(&release_lock);
		pr_warn("pmm: 0x%lx-0x%lx is not a releasable boot range\n",
			(unsigned long)start, (unsigned long)end);
		return 0;
	}
	boot_res_gone[idx] = true;
	/* What would be usable without this one reservation (the others,
	 * released or not, stay excluded: their pages are accounted for). */
	for (size_t i = 0; i < boot_nres; i++)
		if (i != (size_t)idx)
			res[nres++] = boot_res[i];
	memmap_build(boot_bi->mmap, boot_bi->mmap_count, res, nres,
		     &release_scratch);
	for (size_t i = 0; i < release_scratch.count; i++) {
		u = &release_scratch.usable[i];
		if (MAX(u->start, lo) < MIN(u->end, hi))
			freed += release_piece(MAX(u->start, lo),
					       MIN(u->end, hi));
	}
	spin_unlock(&release_lock);
	return freed;
}

/* pmm_get_stats - see pmm.h.  Context: any. */
void
pmm_get_stats(struct pmm_stats *st)
{
	size_t managed = (memmap.usable_bytes + released_bytes) / PAGE_SIZE;

	st->ram_bytes = memmap.ram_bytes;
	st->total_frames = managed;
	st->free_frames = frames.nfree;
	st->used_frames = managed - frames.nfree;
	st->reserved_frames = memmap.ram_bytes / PAGE_SIZE - managed;
	st->phys_end = phys_end;
}

size_t
pmm_free_count(void)
{
	return frames.nfree;
}

paddr_t
pmm_phys_end(void)
{
	return phys_end;
}

/* ---- the page layer of the kernel heap (mm/page.h) ---------------------- */

/* virt_frame - the frame number of direct-map address @p. */
static size_t
virt_frame(const void *p)
{
	uintptr_t va = (uintptr_t)p;

	KASSERT(va >= DIRECT_MAP_BASE && va - DIRECT_MAP_BASE < phys_end);
	return (va - DIRECT_MAP_BASE) / PAGE_SIZE;
}

void *
page_alloc(size_t npages)
{
	paddr_t pa = npages == 1 ? pmm_alloc_page() :
				   pmm_alloc_pages(npages, 1);

	return pa ? phys_to_virt(pa) : NULL;
}

void
page_free(void *p, size_t npages)
{
	if (pmm_free_pages((uintptr_t)p - DIRECT_MAP_BASE, npages) < 0)
		panic("page_free: bad free of %zu page(s) at %p", npages, p);
}

uintptr_t
page_tag(const void *p)
{
	uintptr_t va = (uintptr_t)p;

	if (va < DIRECT_MAP_BASE || va - DIRECT_MAP_BASE >= phys_end)
		return 0;
	return frame_meta[virt_frame(p)];
}

void
page_set_tag(const void *p, uintptr_t tag)
{
	frame_meta[virt_frame(p)] = tag;
}

/* ---- reference counts of frames mapped in user space ------------------- */
/*
 * A user frame's metadata word is its reference count (the heap's tags
 * live only on heap pages, so the two never meet).  0 counts as 1: a frame
 * someone mapped without counting has one owner.
 */

/* pmm_set_ref - start @pa's count at @n.  Context: any. */
void
pmm_set_ref(paddr_t pa, unsigned int n)
{
	__atomic_store_n(&frame_meta[pa / PAGE_SIZE], n, __ATOMIC_RELAXED);
}

/* pmm_ref - one more mapping of @pa (fork). */
void
pmm_ref(paddr_t pa)
{
	uint64_t *m = &frame_meta[pa / PAGE_SIZE];

	if (__atomic_load_n(m, __ATOMIC_RELAXED) == 0)
		__atomic_store_n(m, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(m, 1, __ATOMIC_RELAXED);
}

/* pmm_refcount - how many mappings share @pa (at least 1). */
unsigned int
pmm_refcount(paddr_t pa)
{
	uint64_t n = __atomic_load_n(&frame_meta[pa / PAGE_SIZE],
				     __ATOMIC_RELAXED);

	return n ? (unsigned int)n : 1;
}

/* pmm_unref - one mapping fewer; the last one frees the frame. */
void
pmm_unref(paddr_t pa)
{
	uint64_t *m = &frame_meta[pa / PAGE_SIZE];

	if (__atomic_load_n(m, __ATOMIC_RELAXED) <= 1 ||
	    __atomic_sub_fetch(m, 1, __ATOMIC_ACQ_REL) == 0)
		pmm_free_page(pa);
}
