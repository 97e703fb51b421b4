/*
 * mm/vmm.h: address spaces and the virtual-memory interface (mm/vmm.c).
 *
 * An address space is a page-table root plus bookkeeping.  The kernel
 * half (everything from DIRECT_MAP_BASE up) is shared by all of them; the
 * user half (below USER_TOP) is private.  Protections are the VM_* bits of
 * arch/arch.h; a mapping is always readable.
 *
 * Locks: as->lock (a mutex) serialises the user half of an address space
 * (regions and pages, mm/uvm.c); the kernel half is changed only under
 * vmalloc_lock.  Nothing here sleeps.
 */
#pragma once
#include "kernel/sync.h"
#include "kernel/types.h"

struct vma;

struct addrspace {
	paddr_t	root;		/* [I] top-level page table */
	size_t	user_pages;	/* pages mapped in the user half */
	struct mutex lock;	/* user regions and pages (mm/uvm.c) */
	struct vma *vmas;	/* [lock] sorted regions */
	uint32_t refs;		/* [atomic] CLONE_VM sharers */
};

/* The kernel's own address space (its user half is empty). */
extern struct addrspace kernel_as;

/* mm_init - frames, kernel page tables, heap, vmalloc.  Context: boot. */
void	mm_init(void);

/*
 * vmm_map - map [@va, @va + @len) to [@pa, ...) with @prot; page-aligned.
 * On failure nothing stays mapped.  Returns 0, -EINVAL, -EEXIST, -ENOMEM.
 */
int	vmm_map(struct addrspace *as, vaddr_t va, paddr_t pa, size_t len,
		unsigned int prot);

/*
 * vmm_unmap - remove [@va, @va + @len); frees the frames too if
 * @free_frames.  Pages that were not mapped are skipped.  Returns the
 * number of pages unmapped, or -EINVAL if unaligned.
 */
long	vmm_unmap(struct addrspace *as, vaddr_t va, size_t len,
		  bool free_frames);

/* vmm_protect - change [@va, @va + @len)'s protection.  0, -EINVAL, -ENOENT. */
int	vmm_protect(struct addrspace *as, vaddr_t va, size_t len,
		    unsigned int prot);

/* vmm_translate - frame address (with the page offset) and protection. */
int	vmm_translate(struct addrspace *as, vaddr_t va, paddr_t *pa,
		      unsigned int *prot);

/* as_create - an empty user half; NULL when out of memory. */
struct addrspace *as_create(void);

/* as_destroy - free every user frame, every table page and @as itself. */
void	as_destroy(struct addrspace *as);

/*
 * as_clone - a copy of @src's user half (a plain copy of every page; the
 * process work turns this into copy-on-write).  NULL when out of memory,
 * with nothing leaked.
 */
struct addrspace *as_clone(struct addrspace *src);

/* as_switch - make @as the active address space. */
void	as_switch(struct addrspace *as);
