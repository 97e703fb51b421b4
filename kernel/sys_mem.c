/*
 * kernel/sys_mem.c: the memory family: brk, and anonymous private
 * mmap/munmap/mprotect (shared and file mappings come with the
 * signals-and-mappings work).
 */
#include "arch/arch.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "kernel/proc.h"
#include "kernel/sys.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

#define BRK_MAX		(1ul << 36)	/* 64 GiB of heap at most */

/* range_free - whether no region overlaps [@start, @end). */
static bool
range_free(struct addrspace *as, uintptr_t start, uintptr_t end)
{
	for (struct vma *v = as->vmas; v && v->start < end; v = v->next)
		if (v->end > start)
			return false;
	return true;
}

/*
 * as_room - whether @as may take @size more bytes at @addr under the
 * caller's RLIMIT_AS, counting what is there as replaced if @replace
 * (MAP_FIXED).  Returns 0 or -ENOMEM.  Context: as->lock held.
 */
static int
as_room(struct addrspace *as, uintptr_t addr, size_t size, bool replace)
{
	struct rlimit_k lim;
	uint64_t total = size;

	rlimit_get(current_proc(), RLIMIT_AS, &lim);
	if (lim.cur == RLIM_INFINITY)
		return 0;
	for (struct vma *v = as->vmas; v; v = v->next) {
		total += v->end - v->start;
		if (replace && v->end > addr && v->start < addr + size)
			total -= MIN(v->end, addr + size) - MAX(v->start, addr);
	}
	return total > lim.cur ? -ENOMEM : 0;
}

/* grow_heap - map [@old_end, @new_end) as heap, extending the region
 * that ends at @old_end if it is the heap.  Context: as->lock held. */
static int
grow_heap(struct addrspace *as, uintptr_t old_end, uintptr_t new_end)
{
	struct vma *v = old_end ? vma_find(as, old_end - 1) : NULL;

	if (!range_free(as, old_end, new_end))
		return -ENOMEM;
	if (v && (v->flags & VMA_HEAP) && v->end == old_end)
		return vma_resize(as, v, new_end);
	return vma_add(as, old_end, new_end, VM_WRITE, VMA_ANON | VMA_HEAP);
}

/*
 * sys_brk - set the program break, as Linux: the pages between the old
 * and the new break are mapped or unmapped (whatever else the program
 * mapped near it stays); returns the new break, or the old one when @addr
 * is 0, below the start, too far, or runs into another mapping.
 */
long
sys_brk(long addr, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = current_proc();
	struct addrspace *as = p->as;
	uintptr_t want = (uintptr_t)addr, new_end = ALIGN_UP(want, PAGE_SIZE);
	uintptr_t old_end = ALIGN_UP(p->brk, PAGE_SIZE);
	int err = 0;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (want < p->brk_start || want - p->brk_start > BRK_MAX)
		return (long)p->brk;
	mutex_lock(&as->lock);
	if (new_end > old_end &&
	    (err = as_room(as, old_end, new_end - old_end, false)) == 0)
		err = grow_heap(as, old_end, new_end);
	else if (new_end < old_end)
		err = vma_unmap_range(as, new_end, old_end);
	if (err == 0)
		p->brk = want;
	mutex_unlock(&as->lock);
	return (long)p->brk;
}

#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_FIXED_NOREPLACE	0x100000
#define MMAP_TOP	(USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE)

/* prot_bits - VM_* and VMA_* for PROT_*; W+X is refused (W^X). */
static int
prot_bits(long prot, unsigned int *vm, unsigned int *flags)
{
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES;		/* W^X everywhere, user space too */
	*vm = ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	      ((prot & PROT_EXEC) ? VM_EXEC : 0);
	*flags = VMA_ANON | (prot == 0 ? VMA_NOACCESS : 0);
	return 0;
}

/* place - choose where a new mapping of @len goes.  as->lock held. */
static long
place(struct addrspace *as, uintptr_t hint, size_t len, long flags)
{
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	uintptr_t at;

	if (fixed) {
		if ((hint & (PAGE_SIZE - 1)) || hint < MMAP_MIN_ADDR ||
		    hint + len < hint || hint + len > USER_TOP)
			return -EINVAL;
		for (uintptr_t a = hint; a < hint + len; a += PAGE_SIZE)
			if ((flags & MAP_FIXED_NOREPLACE) && vma_find(as, a))
				return -EEXIST;
		if (vma_unmap_range(as, hint, hint + len) < 0)
			return -ENOMEM;
		return (long)hint;
	}
	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint >= MMAP_MIN_ADDR && hint + len > hint && hint + len <= MMAP_TOP &&
	    range_free(as, hint, hint + len))
		return (long)hint;
	at = vma_find_free(as, len, MMAP_TOP);
	return at ? (long)at : -ENOMEM;
}

/*
 * fill_from_file - copy the file @f from @off into [@at, @at + @size) of
 * @as (a private file mapping: a snapshot, as private mappings may be);
 * bytes past the end of the file stay zero.  Context: as->lock held.
 */
static int
fill_from_file(struct addrspace *as, struct file *f, uint64_t off,
	       uintptr_t at, size_t size)
{
	uint8_t *buf = kmalloc(PAGE_SIZE);
	int err = buf ? 0 : -ENOMEM;

	for (size_t done = 0; !err && done < size; done += PAGE_SIZE) {
		ssize_t n = vfs_pread(f, buf, PAGE_SIZE, off + done);
		if (n < 0)
			err = (int)n;
		else if (n > 0)
			err = as_write_user(as, at + done, buf, (size_t)n);
		if (n < (ssize_t)PAGE_SIZE)
			break;			/* end of file */
	}
	kfree(buf);
	return err;
}

/* map_file_checks - the errors Linux gives for mapping @f. */
static int
map_file_checks(struct file *f, long prot, long flags)
{
	if (!S_ISREG(f->inode->mode))
		return -ENODEV;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	if (flags & MAP_SHARED)
		return -ENODEV;	/* FIXME: shared file mappings */
	(void)prot;
	return 0;
}

/* map_region - add the region at @at and give it its contents. */
static int
map_region(struct addrspace *as, uintptr_t at, size_t size, unsigned int vm,
	   unsigned int vflags, struct file *f, uint64_t off)
{
	int err = vma_add(as, at, at + size, vm, vflags);

	if (!err && (vflags & VMA_SHARED))
		err = vma_populate(as, at, at + size);
	if (!err && f)
		err = fill_from_file(as, f, off, at, size);
	if (err)
		vma_unmap_range(as, at, at + size);
	return err;
}

/*
 * sys_mmap - anonymous mappings (private: demand-paged; shared: made at
 * once so that fork can share them) and private file mappings (a copy of
 * the file taken now).  FIXME: shared file mappings are -ENODEV.
 */
long
sys_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	struct addrspace *as = current_proc()->as;
	size_t size = ALIGN_UP((size_t)len, PAGE_SIZE);
	struct file *f = NULL;
	unsigned int vm, vflags;
	long at;
	int err;

	if (len <= 0 || size < (size_t)len || (off & (PAGE_SIZE - 1)))
		return -EINVAL;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0 ||
	    (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE))
		return -EINVAL;
	if ((err = prot_bits(prot, &vm, &vflags)) < 0)
		return err;
	if (!(flags & MAP_ANONYMOUS) && (err = fd_get(current_fdt(), (int)fd, &f)) < 0)
		return err;
	if (f && (at = map_file_checks(f, prot, flags)) < 0)
		goto out;
	if (flags & MAP_SHARED)
		vflags |= VMA_SHARED;
	mutex_lock(&as->lock);
	at = as_room(as, (uintptr_t)addr, size,
		     flags & (MAP_FIXED | MAP_FIXED_NOREPLACE));
	if (at == 0)
		at = place(as, (uintptr_t)addr, size, flags);
	if (at >= 0 && (err = map_region(as, (uintptr_t)at, size, vm, vflags, f,
					 (uint64_t)off)) < 0)
		at = err;
	mutex_unlock(&as->lock);
out:
	file_put(f);
	return at;
}

#define MADV_DONTNEED	4

/* sys_madvise - MADV_DONTNEED drops private pages (zero on next touch);
 * every other advice is accepted and ignored, as hints may be. */
long
sys_madvise(long addr, long len, long advice, long a3, long a4, long a5)
{
	struct addrspace *as = current_proc()->as;
	size_t size = ALIGN_UP((size_t)len, PAGE_SIZE);

	(void)a3, (void)a4, (void)a5;
	if ((addr & (PAGE_SIZE - 1)) || len < 0 || (uintptr_t)addr >= USER_TOP ||
	    size > USER_TOP - (uintptr_t)addr)
		return -EINVAL;
	if (advice != MADV_DONTNEED)
		return 0;
	mutex_lock(&as->lock);
	for (uintptr_t va = addr; va < (uintptr_t)addr + size; va += PAGE_SIZE) {
		struct vma *v = vma_find(as, va);
		paddr_t pa;
		if (v && !(v->flags & VMA_SHARED) &&
		    arch_pt_unmap(as->root, va, &pa) == 0) {
			pmm_unref(pa);
			as->user_pages--;
		}
	}
	mutex_unlock(&as->lock);
	return 0;
}

long
sys_munmap(long addr, long len, long a2, long a3, long a4, long a5)
{
	struct addrspace *as = current_proc()->as;
	size_t size = ALIGN_UP((size_t)len, PAGE_SIZE);
	int err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((addr & (PAGE_SIZE - 1)) || len <= 0 || (uintptr_t)addr >= USER_TOP ||
	    size > USER_TOP - (uintptr_t)addr)
		return -EINVAL;
	mutex_lock(&as->lock);
	err = vma_unmap_range(as, (uintptr_t)addr, (uintptr_t)addr + size);
	mutex_unlock(&as->lock);
	return err;
}

long
sys_mprotect(long addr, long len, long prot, long a3, long a4, long a5)
{
	struct addrspace *as = current_proc()->as;
	size_t size = ALIGN_UP((size_t)len, PAGE_SIZE);
	unsigned int vm, vflags;
	int err;

	(void)a3, (void)a4, (void)a5;
	if ((addr & (PAGE_SIZE - 1)) || len < 0 || (uintptr_t)addr >= USER_TOP ||
	    size > USER_TOP - (uintptr_t)addr)
		return -EINVAL;
	if ((err = prot_bits(prot, &vm, &vflags)) < 0)
		return err;
	if (size == 0)
		return 0;
	mutex_lock(&as->lock);
	err = vma_protect_range(as, (uintptr_t)addr, (uintptr_t)addr + size, vm,
				vflags);
	mutex_unlock(&as->lock);
	return err;
}
