/*
 * mm/uvm.c: regions, demand paging and copy-on-write (mm/uvm.h).
 *
 * Frames mapped in user space carry a reference count (mm/pmm.c): fork
 * shares every page read-only with the software COW bit set and counts
 * one more reference; the first write copies the page unless the writer
 * holds the only reference, in which case it simply becomes writable.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

static bool
aligned_user_range(uintptr_t start, uintptr_t end)
{
	return start < end && end <= USER_TOP && !(start & (PAGE_SIZE - 1)) &&
	       !(end & (PAGE_SIZE - 1)) && start >= PAGE_SIZE;  /* page 0 stays */
}

/* vma_add - see uvm.h.  Context: as->lock held, or @as not yet shared. */
int
vma_add(struct addrspace *as, uintptr_t start, uintptr_t end,
	unsigned int prot, unsigned int flags)
{
	struct vma **link = &as->vmas, *v;

	if (!aligned_user_range(start, end))
		return -EINVAL;
	while (*link && (*link)->end <= start)
		link = &(*link)->next;
	if (*link && (*link)->start < end)
		return -EEXIST;
	if (!(v = kmalloc(sizeof(*v))))
		return -ENOMEM;
	*v = (struct vma){ .start = start, .end = end, .prot = prot | VM_USER,
			   .flags = flags, .next = *link };
	*link = v;
	return 0;
}

struct vma *
vma_find(struct addrspace *as, uintptr_t addr)
{
	for (struct vma *v = as->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

/* unmap_range - unmap [@start, @end) of @as, releasing the frames. */
static void
unmap_range(struct addrspace *as, uintptr_t start, uintptr_t end)
{
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		paddr_t pa;
		if (arch_pt_unmap(as->root, va, &pa) == 0) {
			pmm_unref(pa);
			as->user_pages--;
		}
	}
}

/* vma_resize - see uvm.h; shrinking unmaps and releases the pages. */
int
vma_resize(struct addrspace *as, struct vma *v, uintptr_t end)
{
	if (end <= v->start || end > USER_TOP || (end & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (end > v->end && v->next && v->next->start < end)
		return -ENOMEM;			/* would run into a neighbour */
	unmap_range(as, end, v->end);
	v->end = end;
	return 0;
}

/* vma_remove - see uvm.h.  Context: as->lock held. */
void
vma_remove(struct addrspace *as, struct vma *v)
{
	struct vma **link = &as->vmas;

	unmap_range(as, v->start, v->end);
	while (*link != v)
		link = &(*link)->next;
	*link = v->next;
	kfree(v);
}

/* map_new_page - a zeroed frame at @va with the region's protection. */
static int
map_new_page(struct addrspace *as, uintptr_t va, unsigned int prot)
{
	paddr_t pa = pmm_alloc_page();
	int err;

	if (!pa)
		return -ENOMEM;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	pmm_set_ref(pa, 1);
	if ((err = arch_pt_map(as->root, va, pa, prot)) < 0) {
		pmm_unref(pa);
		return err;
	}
	as->user_pages++;
	return 0;
}

/* break_cow - give @va its own writable frame. */
static int
break_cow(struct addrspace *as, uintptr_t va, paddr_t pa, unsigned int prot)
{
	paddr_t copy;

	prot = (prot & ~VM_COW) | VM_WRITE;
	if (pmm_refcount(pa) == 1)		/* the last sharer: keep it */
		return arch_pt_protect(as->root, va, prot);
	if (!(copy = pmm_alloc_page()))
		return -ENOMEM;
	memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
	pmm_set_ref(copy, 1);
	arch_pt_replace(as->root, va, copy, prot);	/* present: cannot fail */
	pmm_unref(pa);
	return 0;
}

/*
 * page_prot - the page-table protection for a page of @v.  A PROT_NONE
 * page keeps its frame (mprotect back must find the data) but every
 * access to it faults, the kernel's included.
 */
static unsigned int
page_prot(const struct vma *v)
{
	return (v->flags & VMA_NOACCESS) ? VM_NONE : v->prot;
}

/* fault_in - make @va present (and writable if @write) in @as. */
static int
fault_in(struct addrspace *as, struct vma *v, uintptr_t va, bool write)
{
	paddr_t pa;
	unsigned int prot;

	if (arch_pt_translate(as->root, va, &pa, &prot) < 0)
		return map_new_page(as, va, page_prot(v));
	pa &= ~(PAGE_SIZE - 1);
	if (write && (prot & VM_COW))
		return break_cow(as, va, pa, v->prot);
	return 0;				/* present: a stale TLB entry */
}

/* vm_user_fault - see uvm.h.  Context: thread. */
int
vm_user_fault(uintptr_t addr, bool write, bool exec)
{
	struct proc *p = current_proc();
	struct addrspace *as;
	struct vma *v;
	int err = -EFAULT;

	if (!p || !(as = p->as) || addr >= USER_TOP)
		return -EFAULT;
	mutex_lock(&as->lock);
	v = vma_find(as, addr);
	if (v && !(v->flags & VMA_NOACCESS) &&
	    (!write || (v->prot & VM_WRITE)) && (!exec || (v->prot & VM_EXEC)))
		err = fault_in(as, v, ALIGN_DOWN(addr, PAGE_SIZE), write);
	mutex_unlock(&as->lock);
	return err < 0 ? -EFAULT : 0;
}

/* vma_populate - see uvm.h.  Context: as->lock held. */
int
vma_populate(struct addrspace *as, uintptr_t start, uintptr_t end)
{
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		struct vma *v = vma_find(as, va);
		int err = v ? fault_in(as, v, va, false) : -EFAULT;
		if (err < 0)
			return err;
	}
	return 0;
}

/* as_write_user - see uvm.h.  Context: thread; @as not shared yet. */
int
as_write_user(struct addrspace *as, uintptr_t addr, const void *src,
	      size_t len)
{
	const uint8_t *s = src;

	while (len > 0) {
		uintptr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
		size_t off = addr - page, n = MIN(len, (size_t)PAGE_SIZE - off);
		struct vma *v = vma_find(as, addr);
		paddr_t pa;
		int err;

		if (!v)
			return -EFAULT;
		if ((err = fault_in(as, v, page, true)) < 0)
			return err;
		arch_pt_translate(as->root, page, &pa, NULL);
		memcpy((uint8_t *)phys_to_virt(pa & ~(PAGE_SIZE - 1)) + off, s, n);
		s += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/*
 * as_read_user - see uvm.h.  A page of a region that was never touched
 * reads as zeros (what the program would see) without being made.
 * Context: thread; takes as->lock; does not fault.
 */
int
as_read_user(struct addrspace *as, uintptr_t addr, void *dst, size_t len)
{
	uint8_t *d = dst;
	int err = 0;

	if (addr >= USER_TOP || len > USER_TOP - addr)
		return -EFAULT;
	mutex_lock(&as->lock);
	while (len > 0 && err == 0) {
		uintptr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
		size_t off = addr - page, n = MIN(len, (size_t)PAGE_SIZE - off);
		struct vma *v = vma_find(as, addr);
		paddr_t pa;

		if (!v || (v->flags & VMA_NOACCESS))
			err = -EFAULT;
		else if (arch_pt_translate(as->root, page, &pa, NULL) < 0)
			memset(d, 0, n);
		else
			memcpy(d, (uint8_t *)phys_to_virt(pa & ~(PAGE_SIZE - 1)) +
				      off, n);
		d += n;
		addr += n;
		len -= n;
	}
	mutex_unlock(&as->lock);
	return err;
}

struct addrspace *
as_user_create(void)
{
	struct addrspace *as = as_create();

	if (!as)
		return NULL;
	mutex_init(&as->lock, "address space");
	as->refs = 1;
	return as;
}

/*
 * share_page - as_fork's step: map @pa in the child.  Every page of a
 * private region becomes COW in both, read-only ones too: a later
 * mprotect(PROT_WRITE) must still copy before the first write.
 */
static int
share_page(vaddr_t va, paddr_t pa, unsigned int prot, void *arg)
{
	struct addrspace **both = arg;
	struct vma *v = vma_find(both[0], va);
	int err;

	if (v && (v->flags & VMA_SHARED)) {
		/* the same frame in both: writes are seen by both */
	} else {
		prot = (prot & ~VM_WRITE) | VM_COW;
		arch_pt_protect(both[0]->root, va, prot);
	}
	if ((err = arch_pt_map(both[1]->root, va, pa, prot)) < 0)
		return err;
	pmm_ref(pa);
	both[1]->user_pages++;
	return 0;
}

/* copy_vmas - the child's region list, a copy of @src's. */
static int
copy_vmas(struct addrspace *dst, struct addrspace *src)
{
	for (struct vma *v = src->vmas; v; v = v->next) {
		int err = vma_add(dst, v->start, v->end, v->prot, v->flags);
		if (err < 0)
			return err;
	}
	return 0;
}

/* as_fork - see uvm.h.  Context: thread; takes src->lock. */
struct addrspace *
as_fork(struct addrspace *src)
{
	struct addrspace *both[2] = { src, as_user_create() };
	int err;

	if (!both[1])
		return NULL;
	mutex_lock(&src->lock);
	err = copy_vmas(both[1], src);
	if (err == 0)
		err = arch_pt_walk_user(src->root, share_page, both);
	mutex_unlock(&src->lock);
	if (err != 0) {
		as_put(both[1]);
		return NULL;
	}
	return both[1];
}

void
as_get(struct addrspace *as)
{
	__atomic_add_fetch(&as->refs, 1, __ATOMIC_RELAXED);
}

/* as_put - see uvm.h: frees regions, pages (by reference) and tables. */
void
as_put(struct addrspace *as)
{
	if (__atomic_sub_fetch(&as->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	while (as->vmas) {
		struct vma *v = as->vmas;
		as->vmas = v->next;
		kfree(v);
	}
	as_destroy(as);
}

/* ---- mappings: splitting regions for munmap and mprotect ---------------- */

static void reprotect_page(struct addrspace *as, uintptr_t va,
			   const struct vma *v);

/* split - cut region @v at @addr (inside it); the upper half follows it. */
static int
split(struct vma *v, uintptr_t addr)
{
	struct vma *hi;

	if (addr <= v->start || addr >= v->end)
		return 0;
	if (!(hi = kmalloc(sizeof(*hi))))
		return -ENOMEM;
	*hi = *v;
	hi->start = addr;
	v->end = addr;
	v->next = hi;
	return 0;
}

/* split_around - make [@start, @end) a union of whole regions. */
static int
split_around(struct addrspace *as, uintptr_t start, uintptr_t end)
{
	for (struct vma *v = as->vmas; v && v->start < end; v = v->next) {
		int err = split(v, start);
		if (!err)
			err = split(v, end);
		if (err)
			return err;
	}
	return 0;
}

/* vma_unmap_range - see uvm.h.  Context: as->lock held. */
int
vma_unmap_range(struct addrspace *as, uintptr_t start, uintptr_t end)
{
	struct vma **link = &as->vmas;
	int err = split_around(as, start, end);

	if (err)
		return err;
	while (*link) {
		struct vma *v = *link;
		if (v->start >= start && v->end <= end) {
			unmap_range(as, v->start, v->end);
			*link = v->next;
			kfree(v);
		} else {
			link = &v->next;
		}
	}
	return 0;
}

/* vma_protect_range - see uvm.h.  Context: as->lock held. */
int
vma_protect_range(struct addrspace *as, uintptr_t start, uintptr_t end,
		  unsigned int prot, unsigned int flags)
{
	uintptr_t covered = start;
	int err;

	for (struct vma *v = vma_find(as, start); v && v->start < end; v = v->next) {
		if (v->start > covered)
			return -ENOMEM;		/* a hole: Linux says ENOMEM */
		covered = v->end;
	}
	if (covered < end)
		return -ENOMEM;
	if ((err = split_around(as, start, end)) < 0)
		return err;
	for (struct vma *v = vma_find(as, start); v && v->start < end; v = v->next) {
		v->prot = prot | VM_USER;
		v->flags = (v->flags & ~VMA_NOACCESS) | (flags & VMA_NOACCESS);
		for (uintptr_t va = v->start; va < v->end; va += PAGE_SIZE)
			reprotect_page(as, va, v);
	}
	return 0;
}

/* reprotect_page - bring one present page in line with its region. */
static void
reprotect_page(struct addrspace *as, uintptr_t va, const struct vma *v)
{
	unsigned int old;

	if (arch_pt_translate(as->root, va, NULL, &old) < 0)
		return;
	/* A shared (COW) page stays read-only until its first write. */
	if (old & VM_COW)
		arch_pt_protect(as->root, va, (page_prot(v) & ~VM_WRITE) | VM_COW);
	else
		arch_pt_protect(as->root, va, page_prot(v));
}

/*
 * vma_find_free - the highest free range of @len bytes below @below with
 * an unmapped guard page on each side (so that running off one mapping
 * faults instead of landing in its neighbour).  0 when there is none.
 */
uintptr_t
vma_find_free(struct addrspace *as, size_t len, uintptr_t below)
{
	uintptr_t top = below;

	/* Walk down from @below: try just under each clashing region. */
	for (;;) {
		uintptr_t start = top - len - PAGE_SIZE;  /* guard above */
		struct vma *clash = NULL;
		if (len + 2 * PAGE_SIZE > top ||
		    start - PAGE_SIZE < MMAP_MIN_ADDR)
			return 0;
		for (struct vma *v = as->vmas; v; v = v->next)
			if (v->start < top && v->end > start - PAGE_SIZE)
				clash = v;	/* the highest overlap wins */
		if (!clash)
			return start;
		top = clash->start;
	}
}
