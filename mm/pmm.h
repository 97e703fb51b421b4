/*
 * mm/pmm.h: the physical memory manager: 4 KiB frames (mm/pmm.c).
 *
 * A bitmap over every frame below the end of RAM (mm/bitmap.c), built from
 * the boot memory map minus the first MiB, the kernel image, the boot
 * information and the modules (mm/memmap.c).  Besides the bitmap, each
 * frame has one word of metadata: the heap's page tag (mm/page.h), and
 * later the copy-on-write reference count.
 *
 * Context: any, interrupts on or off; never sleeps (pmm_lock, a spinlock,
 * is taken inside).
 */
#pragma once
#include "kernel/bootinfo.h"
#include "kernel/types.h"

/*
 * pmm_init - build the allocator from @bi.  Returns 0, or -ENOMEM when no
 * usable RAM is left for the allocator's own tables.  Context: boot.
 */
int	pmm_init(const struct boot_info *bi);

/* pmm_alloc_page - one frame, or 0 when memory is exhausted. */
paddr_t	pmm_alloc_page(void);

/*
 * pmm_alloc_pages - @count contiguous frames whose first frame number is
 * a multiple of @align_pages (a power of two; for DMA).  0 when none fit.
 */
paddr_t	pmm_alloc_pages(size_t count, size_t align_pages);

/*
 * pmm_free_pages - give back @count frames at @pa.  Returns 0, or logs the
 * frame address and returns -EFAULT for a double free (nothing changes) or
 * -EINVAL for a reserved, unaligned or out-of-range frame.
 */
int	pmm_free_pages(paddr_t pa, size_t count);
int	pmm_free_page(paddr_t pa);

/*
 * pmm_release_boot_range - give the frames of a boot module (or of the
 * boot information) back to the allocator once its contents are no longer
 * needed.  [@start, @end) must be exactly the range of a module or the
 * boot information as pmm_init() reserved it, released at most once;
 * anything else is refused with a log line.  Only the whole pages inside
 * it that are usable RAM and in no other reservation are freed (a page
 * shared with a neighbour stays reserved).  Returns the frames freed.
 * Context: thread or boot; never sleeps.  The caller must not touch the
 * range afterwards.
 */
size_t	pmm_release_boot_range(paddr_t start, paddr_t end);

/* pmm_is_usable - whether frame @pa is RAM the allocator manages. */
bool	pmm_is_usable(paddr_t pa);

struct pmm_stats {
	uint64_t ram_bytes;	/* RAM reported by firmware */
	size_t	 total_frames;	/* frames the allocator manages */
	size_t	 free_frames;
	size_t	 used_frames;
	size_t	 reserved_frames; /* RAM frames it never hands out */
	paddr_t	 phys_end;	/* end of the highest RAM byte */
};
void	pmm_get_stats(struct pmm_stats *st);

/* pmm_free_count - free frames now (the tests' leak check). */
size_t	pmm_free_count(void);

/*
 * Reference counts of frames mapped in user space (copy-on-write):
 * pmm_set_ref starts one, pmm_ref adds a mapping, pmm_unref drops one and
 * frees the frame with the last, pmm_refcount reads it.  Context: any.
 */
void	pmm_set_ref(paddr_t pa, unsigned int n);
void	pmm_ref(paddr_t pa);
void	pmm_unref(paddr_t pa);
unsigned int pmm_refcount(paddr_t pa);

/* pmm_phys_end - end of the highest RAM byte (the direct map covers it). */
paddr_t	pmm_phys_end(void);
