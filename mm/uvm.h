/*
 * mm/uvm.h: user memory: the regions of an address space and the page
 * faults inside them (mm/uvm.c).
 *
 * A region (struct vma) is a page-aligned range with a protection; its
 * pages are made on first touch (demand paging) or copied on the first
 * write after fork (copy-on-write, with per-frame reference counts).  A
 * fault outside every region, or against its protection, is the program's
 * error (SIGSEGV).
 *
 * Locks: [a] as->lock, a mutex over the regions and the user page
 * tables of one address space.
 */
#pragma once
#include "kernel/types.h"

struct addrspace;

#define VMA_ANON	0x1	/* zero-filled pages */
#define VMA_STACK	0x2
#define VMA_HEAP	0x4	/* the program break */
#define VMA_NOACCESS	0x8	/* PROT_NONE: any access faults */
#define VMA_SHARED	0x10	/* MAP_SHARED: fork shares, never copies */

#define MMAP_MIN_ADDR	0x10000ul	/* nothing is mapped below (NULL guard) */

struct vma {
	uintptr_t	 start, end;	/* [a] page-aligned, end exclusive */
	unsigned int	 prot;		/* [a] VM_WRITE | VM_EXEC | VM_USER */
	unsigned int	 flags;		/* [a] VMA_* */
	struct vma	*next;		/* [a] sorted by address */
};

#define USER_STACK_TOP	0x00007ffffffff000ul
#define USER_STACK_SIZE	(8ul << 20)		/* RLIMIT_STACK's default */

/*
 * vma_add - add a region [@start, @end) to @as.  Returns 0, -EINVAL
 * (unaligned, outside the user half), -EEXIST (overlap), -ENOMEM.
 */
int	vma_add(struct addrspace *as, uintptr_t start, uintptr_t end,
		unsigned int prot, unsigned int flags);

/* vma_remove - unmap region @v, release its pages, forget it. */
void	vma_remove(struct addrspace *as, struct vma *v);

/*
 * vma_unmap_range / vma_protect_range - munmap and mprotect over
 * [@start, @end) (page-aligned), splitting regions at the edges.
 * vma_protect_range fails with -ENOMEM where the range is not fully
 * mapped.  Context: as->lock held.
 */
int	vma_unmap_range(struct addrspace *as, uintptr_t start, uintptr_t end);
int	vma_protect_range(struct addrspace *as, uintptr_t start, uintptr_t end,
			  unsigned int prot, unsigned int flags);

/* vma_find_free - a free range of @len bytes, as high as possible below
 * @below; 0 if none.  Context: as->lock held. */
uintptr_t vma_find_free(struct addrspace *as, size_t len, uintptr_t below);

/* vma_populate - make every page of [@start, @end) present now (shared
 * mappings, whose pages must exist before a fork shares them). */
int	vma_populate(struct addrspace *as, uintptr_t start, uintptr_t end);

/* vma_find - the region containing @addr, or NULL.  as->lock held. */
struct vma *vma_find(struct addrspace *as, uintptr_t addr);

/* vma_resize - move the end of region @v to @end (brk). */
int	vma_resize(struct addrspace *as, struct vma *v, uintptr_t end);

/*
 * vm_user_fault - resolve a fault at @addr in the current process's
 * address space: demand-zero page, copy-on-write, or a stale TLB entry.
 * Returns 0 when the access can be retried, -EFAULT when it is invalid.
 * Context: thread, from the fault handler (user or uaccess).
 */
int	vm_user_fault(uintptr_t addr, bool write, bool exec);

/*
 * as_write_user - copy @len bytes to @addr in @as (not necessarily the
 * active one), making pages as the regions allow.  0 or -EFAULT/-ENOMEM.
 * Used by exec to build the new program before it runs.
 */
int	as_write_user(struct addrspace *as, uintptr_t addr, const void *src,
		      size_t len);

/*
 * as_read_user - copy @len bytes at @addr in @as (any process's, not
 * necessarily the active one) to kernel buffer @dst: /proc/<pid>/cmdline
 * and environ.  Returns 0, or -EFAULT if part of the range is outside
 * every region (or PROT_NONE).
 */
int	as_read_user(struct addrspace *as, uintptr_t addr, void *dst,
		     size_t len);

/* as_fork - a copy-on-write duplicate of @src (regions and pages). */
struct addrspace *as_fork(struct addrspace *src);

/* as_get / as_put - address spaces shared by CLONE_VM; the last put
 * destroys it (it must not be active then). */
void	as_get(struct addrspace *as);
void	as_put(struct addrspace *as);

/* as_user_create - an empty user address space with its lock. */
struct addrspace *as_user_create(void);
