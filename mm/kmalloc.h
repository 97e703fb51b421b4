/*
 * mm/kmalloc.h: the kernel heap (mm/kmalloc.c).
 *
 * Small sizes come from slab caches of power-of-two size classes
 * (16 .. 2048 bytes) carved from whole pages; larger sizes take whole
 * pages straight from the page layer (mm/page.h).  Alignment: a
 * power-of-two size up to PAGE_SIZE is naturally aligned; every other
 * allocation is aligned to 16 bytes; large ones to a page.
 *
 * Debug mode (kmalloc_set_debug(true) before the first allocation, or
 * kmalloc.debug on the command line): each object gets a red zone after
 * the requested bytes and freed objects are poisoned; kfree() checks the
 * red zone and kmalloc() checks that free memory is still poisoned, so an
 * overflow or a use-after-free panics naming the object.
 *
 * Context: may be called with interrupts on or off; never sleeps (the
 * scheduler work adds a lock).  kmalloc returns NULL when memory is
 * exhausted; callers turn that into -ENOMEM.
 */
#pragma once
#include "kernel/types.h"

/* kmalloc - NULL when out of memory, and (as in Linux) for size 0. */
void	*kmalloc(size_t size);
void	*kzalloc(size_t size);
/* krealloc - as C realloc: NULL @p allocates, size 0 frees and returns NULL. */
void	*krealloc(void *p, size_t size);
/* kfree - NULL is ignored; a pointer kmalloc did not return panics. */
void	 kfree(void *p);
/* ksize - usable size of the allocation at @p (>= what was asked). */
size_t	 ksize(const void *p);

/*
 * kmalloc_set_debug - red zones and poisoning; only before first use (or
 * once all is freed and trimmed): returns 0, or -EBUSY while pages are held.
 */
int	 kmalloc_set_debug(bool on);

struct kmalloc_stats {
	size_t	 allocs, frees;		/* calls that succeeded */
	size_t	 bytes_in_use;		/* sum of ksize() of live objects */
	size_t	 slab_pages;		/* pages held by slab caches */
	size_t	 large_pages;		/* pages held by large allocations */
};
void	 kmalloc_get_stats(struct kmalloc_stats *st);

/*
 * kmalloc_trim - give every completely free slab page back to the page
 * layer (the tests use it to check that the heap returns to its baseline).
 */
void	 kmalloc_trim(void);
