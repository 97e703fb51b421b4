/*
 * mm/vmm.c: address spaces over the arch page tables (mm/vmm.h).
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

struct addrspace kernel_as;

static bool
range_ok(vaddr_t va, size_t len)
{
	return ((va | len) & (PAGE_SIZE - 1)) == 0 && va + len >= va;
}

static void
count_pages(struct addrspace *as, vaddr_t va, long delta)
{
	if (va < USER_TOP)
		as->user_pages += delta;
}

/* vmm_map - see vmm.h.  Context: any; never sleeps. */
int
vmm_map(struct addrspace *as, vaddr_t va, paddr_t pa, size_t len,
	unsigned int prot)
{
	int err;

	if (!range_ok(va, len) || (pa & (PAGE_SIZE - 1)))
		return -EINVAL;
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		err = arch_pt_map(as->root, va + off, pa + off, prot);
		if (err < 0) {
			vmm_unmap(as, va, off, false);	/* undo what we did */
			return err;
		}
		count_pages(as, va + off, 1);
	}
	return 0;
}

/* vmm_unmap - see vmm.h.  Context: any; never sleeps. */
long
vmm_unmap(struct addrspace *as, vaddr_t va, size_t len, bool free_frames)
{
	long n = 0;
	paddr_t pa;

	if (!range_ok(va, len))
		return -EINVAL;
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		if (arch_pt_unmap(as->root, va + off, &pa) < 0)
			continue;
		count_pages(as, va + off, -1);
		if (free_frames)
			pmm_free_page(pa);
		n++;
	}
	return n;
}

/* vmm_protect - see vmm.h.  Context: any; never sleeps. */
int
vmm_protect(struct addrspace *as, vaddr_t va, size_t len, unsigned int prot)
{
	int err;

	if (!range_ok(va, len))
		return -EINVAL;
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		if ((err = arch_pt_protect(as->root, va + off, prot)) < 0)
			return err;
	return 0;
}

/* vmm_translate - see vmm.h.  Context: any. */
int
vmm_translate(struct addrspace *as, vaddr_t va, paddr_t *pa,
	      unsigned int *prot)
{
	return arch_pt_translate(as->root, va, pa, prot);
}

/* as_create - see vmm.h.  Context: any; never sleeps. */
struct addrspace *
as_create(void)
{
	struct addrspace *as = kzalloc(sizeof(*as));

	if (!as)
		return NULL;
	if (!(as->root = arch_pt_create())) {
		kfree(as);
		return NULL;
	}
	return as;
}

static int
free_user_frame(vaddr_t va, paddr_t pa, unsigned int prot, void *arg)
{
	(void)va, (void)prot, (void)arg;
	pmm_unref(pa);			/* frees it with the last mapping */
	return 0;
}

/* as_destroy - see vmm.h.  @as must not be active.  Context: any. */
void
as_destroy(struct addrspace *as)
{
	KASSERT(as != &kernel_as);
	arch_pt_walk_user(as->root, free_user_frame, NULL);
	arch_pt_destroy(as->root);
	kfree(as);
}

/* copy_page_into - as_clone's step: a fresh copy of one mapped page. */
static int
copy_page_into(vaddr_t va, paddr_t pa, unsigned int prot, void *arg)
{
	struct addrspace *dst = arg;
	paddr_t copy = pmm_alloc_page();
	int err;

	if (!copy)
		return -ENOMEM;
	memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
	if ((err = arch_pt_map(dst->root, va, copy, prot)) < 0) {
		pmm_free_page(copy);
		return err;
	}
	dst->user_pages++;
	return 0;
}

/* as_clone - see vmm.h.  Context: any; never sleeps. */
struct addrspace *
as_clone(struct addrspace *src)
{
	struct addrspace *dst = as_create();

	if (!dst)
		return NULL;
	if (arch_pt_walk_user(src->root, copy_page_into, dst) != 0) {
		as_destroy(dst);
		return NULL;
	}
	return dst;
}

/* as_switch - see vmm.h.  Context: any. */
void
as_switch(struct addrspace *as)
{
	arch_pt_switch(as->root);
}
