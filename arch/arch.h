/*
 * arch/arch.h: the contract between generic code and the CPU port.
 *
 * This is the only header from arch/ that kernel/, mm/, fs/ and drivers/
 * may include (shared/STYLE.md R1; `make check-layering` enforces it).
 * Dispatch is static: each function below is implemented once, in
 * arch/x86_64/.
 */
#pragma once
#include "kernel/types.h"

/* The memory map (docs/ARCHITECTURE.md). */
#define KERNEL_VMA		0xffffffff80000000ull	/* kernel image base */
#define DIRECT_MAP_BASE		0xffff800000000000ull	/* phys 0 maps here */
#define EARLY_DIRECT_MAP_SIZE	0x100000000ull		/* 4 GiB at boot */
#define PAGE_SIZE		4096ull

/* phys_to_virt - the direct-map address of physical address @pa. */
static inline void *
phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

/* virt_to_phys_image - physical address of a kernel-image address. */
static inline paddr_t
kernel_image_to_phys(const void *va)
{
	return (paddr_t)(uintptr_t)va - KERNEL_VMA;
}

/* arch_init - GDT, TSS, IDT; called by kmain() once consoles are up. */
void	arch_init(void);

/* arch_halt - stop this CPU for good (interrupts off, hlt loop). */
void	arch_halt(void) __noreturn;

/* arch_irq_disable/enable - clear or set the interrupt flag. */
void	arch_irq_disable(void);
void	arch_irq_enable(void);

/* arch_cpu_relax - hint to the CPU inside a spin-wait loop. */
void	arch_cpu_relax(void);

/*
 * arch_debug_exit - tell the emulator the test outcome (QEMU isa-debug-exit
 * at port 0xf4: QEMU exits with status (code << 1) | 1).  Does nothing
 * outside QEMU or when the device is absent.
 */
#define ARCH_EXIT_PASS		0x10	/* QEMU exit status 33 */
#define ARCH_EXIT_FAIL		0x11	/* QEMU exit status 35 */
void	arch_debug_exit(unsigned int code);

/*
 * arch_backtrace - walk the frame-pointer chain from frame @fp (0: the
 * caller's), calling @fn for each return address, at most @max frames.
 * Stops at a NULL, misaligned or non-kernel frame pointer.
 */
void	arch_backtrace(uintptr_t fp, void (*fn)(uintptr_t pc, void *arg),
		       void *arg, int max);
