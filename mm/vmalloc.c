/*
 * mm/vmalloc.c: guarded kernel virtual allocations (mm/vmalloc.h).
 *
 * The area's pages are tracked with the same bitmap allocator as frames.
 * An allocation of n pages takes a run of n + 1: the first page of the run
 * stays unmapped (the guard below it); the guard above it is the next
 * run's first page, or the end of the area.  A small list remembers each
 * allocation's size for vfree() and the fault handler.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "mm/bitmap.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/vmalloc.h"
#include "mm/vmm.h"

#define AREA_PAGES	(VMALLOC_SIZE / PAGE_SIZE)

struct vm_area {
	uintptr_t start;	/* first mapped page */
	size_t	  pages;	/* mapped pages (the guard not included) */
	struct vm_area *next;
};

/* Locks: vmalloc_lock protects the area bitmap, the list and the kernel
 * page tables of the area.  Order: before heap_lock and pmm_lock. */
static struct spinlock vmalloc_lock = SPINLOCK_INIT("vmalloc");
static struct bitmap_alloc area;
static struct vm_area *areas;
static size_t pages_in_use;

/* vmalloc_init - see vmalloc.h.  Context: boot. */
int
vmalloc_init(void)
{
	uint64_t *bits = kmalloc(bitmap_words(AREA_PAGES) * 8);

	if (!bits)
		return -ENOMEM;
	bitmap_init(&area, bits, AREA_PAGES);
	bitmap_set_free(&area, 0, AREA_PAGES);
	return 0;
}

/* map_fresh_pages - back [@va, +@pages) with zeroed frames; all or nothing. */
static int
map_fresh_pages(uintptr_t va, size_t pages)
{
	for (size_t i = 0; i < pages; i++) {
		paddr_t pa = pmm_alloc_page();
		if (!pa || vmm_map(&kernel_as, va + i * PAGE_SIZE, pa,
				   PAGE_SIZE, VM_WRITE) < 0) {
			if (pa)
				pmm_free_page(pa);
			vmm_unmap(&kernel_as, va, i * PAGE_SIZE, true);
			return -ENOMEM;
		}
		memset((void *)(va + i * PAGE_SIZE), 0, PAGE_SIZE);
	}
	return 0;
}

/* vmalloc - see vmalloc.h.  Context: any; never sleeps. */
void *
vmalloc(size_t size)
{
	size_t pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE, first;
	struct vm_area *a;

	if (pages == 0 || pages >= AREA_PAGES || !(a = kmalloc(sizeof(*a))))
		return NULL;
	spin_lock(&vmalloc_lock);
	if (bitmap_alloc_run(&area, pages + 1, 1, &first) < 0)
		goto out_free_area;
	a->start = VMALLOC_BASE + (first + 1) * PAGE_SIZE;
	a->pages = pages;
	if (map_fresh_pages(a->start, pages) < 0)
		goto out_free_run;
	a->next = areas;
	areas = a;
	pages_in_use += pages;
	spin_unlock(&vmalloc_lock);
	return (void *)a->start;

out_free_run:
	bitmap_free_run(&area, first, pages + 1, NULL);
out_free_area:
	spin_unlock(&vmalloc_lock);
	kfree(a);
	return NULL;
}

/* vfree - see vmalloc.h.  Context: any; never sleeps. */
void
vfree(void *p)
{
	struct vm_area **link, *a;

	if (!p)
		return;
	spin_lock(&vmalloc_lock);
	for (link = &areas; (a = *link) != NULL; link = &a->next)
		if (a->start == (uintptr_t)p)
			break;
	if (!a)
		panic("vfree: %p was not returned by vmalloc", p);
	*link = a->next;
	vmm_unmap(&kernel_as, a->start, a->pages * PAGE_SIZE, true);
	bitmap_free_run(&area, (a->start - VMALLOC_BASE) / PAGE_SIZE - 1,
			a->pages + 1, NULL);
	pages_in_use -= a->pages;
	spin_unlock(&vmalloc_lock);
	kfree(a);
}

/* vmalloc_guard_of - see vmalloc.h.  Context: any (fault handler). */
bool
vmalloc_guard_of(uintptr_t addr, uintptr_t *start)
{
	uintptr_t page = ALIGN_DOWN(addr, PAGE_SIZE);

	for (struct vm_area *a = areas; a; a = a->next)
		if (page + PAGE_SIZE == a->start) {
			*start = a->start;
			return true;
		}
	return false;
}

size_t
vmalloc_pages_in_use(void)
{
	return pages_in_use;
}
