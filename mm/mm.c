/*
 * mm/mm.c: bringing up memory management in order (mm_init).
 *
 * frames (pmm) -> the kernel's page tables with the direct map -> the heap
 * (ready as soon as frames are) -> the vmalloc area.
 */
#include "arch/arch.h"
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/pmm.h"
#include "mm/vmalloc.h"
#include "mm/vmm.h"

/* direct_map_end - the direct map covers RAM, the low 4 GiB and the screen. */
static paddr_t
direct_map_end(void)
{
	paddr_t end = MAX(pmm_phys_end(), (paddr_t)EARLY_DIRECT_MAP_SIZE);
	const struct boot_framebuffer *fb = &boot_info.fb;

	if (boot_info.has_fb)
		end = MAX(end, fb->addr + (paddr_t)fb->pitch * fb->height);
	return end;
}

/* log_memory - the one boot line with total and usable memory and the time. */
static void
log_memory(uint64_t cycles)
{
	struct pmm_stats st;
	uint64_t mhz = arch_cycles_per_us();

	pmm_get_stats(&st);
	pr_info("mm: %lu MiB RAM, %lu MiB usable (%zu frames free, %zu KiB "
		"reserved), initialised in %lu %s\n",
		(unsigned long)(st.ram_bytes >> 20),
		(unsigned long)((uint64_t)st.total_frames * PAGE_SIZE >> 20),
		st.free_frames, st.reserved_frames * (size_t)(PAGE_SIZE / 1024),
		(unsigned long)(mhz ? cycles / mhz : cycles / 1000),
		mhz ? "us" : "kcycles (TSC rate not known yet)");
}

/* mm_init - see vmm.h.  Context: boot, interrupts off. */
void
mm_init(void)
{
	uint64_t start = arch_cycles();

	if (pmm_init(&boot_info) < 0)
		panic("mm_init: no usable memory for the frame allocator "
		      "(memory map has %zu entries)", boot_info.mmap_count);
	kernel_as.root = arch_paging_init(direct_map_end());
	if (vmalloc_init() < 0)
		panic("mm_init: out of memory for the vmalloc bitmap");
	log_memory(arch_cycles() - start);
}
