/*
 * mm/page.h: whole pages for the kernel heap, and a tag word per page.
 *
 * In the kernel these are implemented by mm/pmm.c over the direct map;
 * the host unit tests of mm/kmalloc.c implement them over a private arena.
 */
#pragma once
#include "kernel/types.h"

/*
 * page_alloc - @npages physically contiguous, page-aligned pages with
 * undefined contents, as a kernel virtual address; NULL when out of memory.
 */
void	*page_alloc(size_t npages);

/* page_free - give back @npages pages at @p, as page_alloc() returned them. */
void	 page_free(void *p, size_t npages);

/*
 * page_tag / page_set_tag - one word the heap keeps per page that it owns
 * (kind of page, size of a large allocation, pointer to the slab).  The tag
 * of a page the heap does not own is 0.  @p may point anywhere in the page.
 */
uintptr_t page_tag(const void *p);
void	 page_set_tag(const void *p, uintptr_t tag);
