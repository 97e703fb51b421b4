/*
 * mm/vmalloc.h: kernel virtual allocations with guard pages (mm/vmalloc.c).
 *
 * Kernel stacks and other large kernel buffers are mapped page by page in
 * the vmalloc area [VMALLOC_BASE, VMALLOC_BASE + VMALLOC_SIZE).  Every
 * allocation has an unmapped guard page below it and, because the next
 * allocation starts with its own guard, one above it: running off either
 * end faults instead of corrupting a neighbour, and a stack overflow
 * panics with "kernel stack overflow" (the #DF handler runs on its own IST
 * stack, so it survives a blown stack).
 *
 * Context: any thread or boot; never sleeps (a spinlock inside).
 */
#pragma once
#include "kernel/types.h"

/* vmalloc_init - set up the area's page bitmap.  Context: boot, after the heap. */
int	vmalloc_init(void);

/* vmalloc - @size bytes (rounded up to pages), zeroed; NULL when out of memory. */
void	*vmalloc(size_t size);

/* vfree - unmap and free an allocation vmalloc returned; NULL is ignored. */
void	 vfree(void *p);

/*
 * vmalloc_guard_of - if @addr lies in the guard page below an allocation,
 * store the allocation's start in *@start and return true.
 */
bool	 vmalloc_guard_of(uintptr_t addr, uintptr_t *start);

/* vmalloc_pages_in_use - pages mapped in the area (tests' leak check). */
size_t	 vmalloc_pages_in_use(void);
