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
#define KERNEL_VMA		0xffffffff80000000ul	/* kernel image base */
#define DIRECT_MAP_BASE		0xffff800000000000ul	/* phys 0 maps here */
#define EARLY_DIRECT_MAP_SIZE	0x100000000ul		/* 4 GiB at boot */
#define VMALLOC_BASE		0xffffc90000000000ul	/* guarded allocations */
#define VMALLOC_SIZE		0x100000000ul		/* 4 GiB */
#define USER_TOP		0x0000800000000000ul	/* end of the user half */
#define PAGE_SIZE		4096ul
#define PAGE_SHIFT		12

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

/* arch_init - GDT, TSS, IDT, CPU protections; kmain() calls it first. */
void	arch_init(void);

/* ---- paging: the MMU's page tables (arch/x86_64/paging.c) -------------- */

/* Generic protection bits for arch_pt_*(); a mapping is always readable. */
#define VM_WRITE	0x1u
#define VM_EXEC		0x2u
#define VM_USER		0x4u
#define VM_COW		0x8u	/* software bit: copy on write (process work) */
#define VM_NONE		0x10u	/* frame kept, no access at all (PROT_NONE) */

/*
 * arch_paging_init - build the kernel's own page tables: the direct map of
 * physical memory [0, @phys_end) and the kernel image with per-section
 * permissions (W^X), every kernel-half top-level slot preallocated so all
 * address spaces share it; then switch to them.  Returns the root table.
 * Context: boot, after pmm_init().
 */
paddr_t	arch_paging_init(paddr_t phys_end);

/*
 * arch_pt_map - map the 4 KiB page @va to frame @pa with @prot in the table
 * rooted at @root, allocating intermediate tables.  Returns 0, -EEXIST if
 * @va is already mapped, -ENOMEM if a table could not be allocated, or
 * -EINVAL for an unaligned or non-canonical address.
 */
int	arch_pt_map(paddr_t root, vaddr_t va, paddr_t pa, unsigned int prot);

/*
 * arch_pt_unmap - remove the mapping of @va, flush it from the TLB, free
 * the intermediate tables that became empty (user half only), and return
 * the frame in *@pa.  Returns 0 or -ENOENT when nothing was mapped.
 */
int	arch_pt_unmap(paddr_t root, vaddr_t va, paddr_t *pa);

/* arch_pt_protect - change @va's protection.  0 or -ENOENT. */
int	arch_pt_protect(paddr_t root, vaddr_t va, unsigned int prot);
/* arch_pt_replace - point present @va at frame @pa with @prot; never
 * allocates, so it cannot fail half-way.  0 or -ENOENT. */
int	arch_pt_replace(paddr_t root, vaddr_t va, paddr_t pa, unsigned int prot);

/* arch_pt_translate - frame and protection of @va.  0 or -ENOENT. */
int	arch_pt_translate(paddr_t root, vaddr_t va, paddr_t *pa,
			  unsigned int *prot);

/*
 * arch_pt_walk_user - call @fn for every 4 KiB page mapped in the user half
 * of @root, in address order; stops early and returns @fn's value if it
 * returns non-zero.  Returns 0 otherwise.
 */
int	arch_pt_walk_user(paddr_t root,
			  int (*fn)(vaddr_t va, paddr_t pa, unsigned int prot,
				    void *arg),
			  void *arg);

/*
 * arch_pt_create / arch_pt_destroy - a new root table sharing the kernel
 * half (0 when out of memory); free a root and every user-half table page
 * below it (not the frames they map: the caller frees those first).
 */
paddr_t	arch_pt_create(void);
void	arch_pt_destroy(paddr_t root);

/* arch_pt_current / arch_pt_switch - the active root; load another one. */
paddr_t	arch_pt_current(void);
void	arch_pt_switch(paddr_t root);

/* ---- interrupt controllers (arch/x86_64/irq.c, pic.c, apic.c) ---------- */

/*
 * arch_irq_init - bring up the interrupt controllers: the local APIC and
 * I/O APICs when the CPU and the ACPI MADT have them (and noapic is not
 * on the command line), else the 8259 PIC.  Every line starts masked.
 * Context: boot, interrupts off, after acpi_init().
 */
void	arch_irq_init(bool allow_apic);

/*
 * arch_irq_route / arch_irq_mask_line / arch_irq_unmask_line - program the
 * controller so IRQ @irq (ISA number, or GSI) reaches irq_dispatch();
 * mask or unmask it.  arch_irq_route returns 0, or -EINVAL when no
 * controller input serves @irq.
 */
int	arch_irq_route(unsigned int irq);
void	arch_irq_mask_line(unsigned int irq);
void	arch_irq_unmask_line(unsigned int irq);

/* arch_irq_controller - "I/O APIC" or "8259 PIC", for the log. */
const char *arch_irq_controller(void);

/* ---- time (arch/x86_64/clock.c, rtc.c) ---------------------------------- */

#define HZ	1000	/* timer ticks per second */

/*
 * arch_time_init - calibrate the TSC against the PIT, pick the monotonic
 * clock source (invariant TSC, else HPET, else the tick count) and start
 * the periodic tick at HZ (LAPIC timer, or PIT channel 0 without an APIC),
 * calling @tick in interrupt context.  Context: boot, after arch_irq_init.
 */
void	arch_time_init(void (*tick)(void));

/* arch_clock_ns - monotonic nanoseconds since arch_time_init.  Any context. */
uint64_t arch_clock_ns(void);

/*
 * arch_sched_clock - nanoseconds from the cycle counter alone: cheap (no
 * device access) but only as steady as the TSC.  For CPU-time accounting
 * on every context switch, never for the time of day.  Context: any.
 */
uint64_t arch_sched_clock(void);

/* arch_clock_source / arch_timer_source - names for the log. */
const char *arch_clock_source(void);
const char *arch_timer_source(void);

/* arch_tsc_hz - the calibrated TSC frequency (0 before arch_time_init). */
uint64_t arch_tsc_hz(void);

/* The wall-clock time as the real-time clock chip keeps it (UTC). */
struct rtc_time {
	int year, month, day;		/* 1970.., 1..12, 1..31 */
	int hour, minute, second;
};

/* arch_rtc_read - read the RTC; 0, or -EIO when it never settles. */
int	arch_rtc_read(struct rtc_time *t);

/* ---- CPU identification (arch/x86_64/cpuinfo.c) ------------------------ */

/*
 * arch_cpuinfo - the running CPU's block of /proc/cpuinfo in Linux's
 * format ("processor\t: 0" ... ending in an empty line) into @buf of
 * @len bytes, NUL-terminated when @len > 0.  Returns the length of the
 * whole block: a result >= @len means it was cut short, and a buffer of
 * result + 1 bytes holds it.  Context: thread or boot; never sleeps.
 */
size_t	arch_cpuinfo(char *buf, size_t len);

/* ---- threads (arch/x86_64/switch.asm, thread.c) ------------------------ */

/*
 * arch_thread_stack_init - prepare a new kernel stack whose top is @top so
 * that arch_switch() to the returned stack pointer starts
 * @entry(@arg) with interrupts off.
 */
uintptr_t arch_thread_stack_init(uintptr_t top, void (*entry)(void *),
				 void *arg);

/*
 * arch_switch - save the callee-saved registers and the stack pointer in
 * *@save_sp, load @load_sp and resume the thread saved there.  Returns when
 * some other thread switches back.  Context: interrupts off.
 */
void	arch_switch(uintptr_t *save_sp, uintptr_t load_sp);

/* arch_set_kernel_stack - the stack used for traps from user mode. */
void	arch_set_kernel_stack(uintptr_t top);

/* arch_cpu_local_init - point this CPU's local-data register at @cpu. */
void	arch_cpu_local_init(void *cpu);

/* arch_cpu_local - what arch_cpu_local_init() stored.  Context: any. */
void	*arch_cpu_local(void);

/* arch_irq_enabled - whether interrupts are on now. */
bool	arch_irq_enabled(void);

/* ---- user mode (arch/x86_64/user.c, syscall.asm) ----------------------- */

/* Per-thread machine state for threads that run user code. */
struct arch_thread {
	uint64_t fs_base;	/* the user's thread pointer (arch_prctl) */
	void	*fpu;		/* 512-byte FXSAVE area; NULL: kernel-only */
	void	*user_frame;	/* the trapframe of the running system call */
	bool	 force_iret;	/* the frame changed: leave through iretq */
};

/* arch_user_init - syscall MSRs, the int 0x80 gate, FPU/SSE on. Boot. */
void	arch_user_init(void);

/* arch_thread_user_init - give @a a clean FPU/SSE state.  0 or -ENOMEM. */
int	arch_thread_user_init(struct arch_thread *a);
/* arch_thread_user_copy - @to gets @from's FPU state and FS base (fork). */
void	arch_thread_user_copy(struct arch_thread *to,
			      const struct arch_thread *from);
void	arch_thread_user_free(struct arch_thread *a);

/* arch_thread_switch - save @prev's user state, load @next's. */
void	arch_thread_switch(struct arch_thread *prev, struct arch_thread *next);

/*
 * arch_fork_stack_init - lay out a new kernel stack (top @top) so that the
 * thread, once switched to, returns to user mode with the registers of
 * the system-call frame @parent_frame, except rax = 0 and, if @user_sp is
 * not 0, the stack pointer.  Returns its saved stack pointer.
 */
uintptr_t arch_fork_stack_init(uintptr_t top, const void *parent_frame,
			       uintptr_t user_sp);

/*
 * arch_user_frame_reset - make @frame start a fresh program at @entry
 * with stack @sp (execve): every other register zero.
 */
void	arch_user_frame_reset(void *frame, uintptr_t entry, uintptr_t sp);

/*
 * arch_enter_user - leave this kernel thread for user mode at @entry with
 * stack @sp (the first program of a process).  Never returns.
 */
void	arch_enter_user(uintptr_t entry, uintptr_t sp) __noreturn;

/* arch_prctl - the system call (ARCH_SET_FS, ARCH_GET_FS, ...). */
long	arch_prctl_call(int code, uintptr_t addr);

/* arch_user_hwcap - AT_HWCAP for the auxiliary vector. */
uint64_t arch_user_hwcap(void);

/* ---- signal frames (arch/x86_64/signal.c) -------------------------------- */

struct ksiginfo;
struct k_sigaction;
struct sigstate;

/*
 * arch_signal_setup - push the signal frame (registers, FPU state,
 * siginfo, ucontext with @old_mask) on the user stack, or the alternate
 * stack, and aim the user @frame at the handler.  0 or -EFAULT.
 */
int	arch_signal_setup(void *frame, const struct ksiginfo *info,
			  const struct k_sigaction *ka,
			  const struct sigstate *ss, uint64_t old_mask);

/* arch_sigreturn - undo arch_signal_setup; the saved mask in *@mask. */
int	arch_sigreturn(void *frame, uint64_t *mask);

/* The system-call view of a user frame: restart, result, stack pointer. */
void	arch_syscall_restart(void *frame, long nr);
long	arch_syscall_result(const void *frame);
void	arch_syscall_set_result(void *frame, long v);
uintptr_t arch_user_sp(const void *frame);

/* ---- fault probes, for tests of protections (arch/x86_64/probe.asm) ---- */

enum arch_probe_kind {
	PROBE_READ,	/* read one byte */
	PROBE_WRITE,	/* read one byte and write it back */
	PROBE_EXEC,	/* call the address (it must hold a `ret`) */
};

struct arch_fault_info {
	unsigned int vector;	/* 14 for a page fault */
	uint64_t     error;	/* the CPU's error code */
	uintptr_t    addr;	/* faulting address (CR2) */
};

/*
 * arch_probe - try the access at @addr; a fault is caught and recorded in
 * *@info.  Returns 0 when the access succeeded, -EFAULT when it faulted.
 * Context: kernel, interrupts on or off.
 */
int	arch_probe(enum arch_probe_kind kind, uintptr_t addr,
		   struct arch_fault_info *info);

/*
 * arch_call_on_stack - run @fn(@arg) on the stack whose top is @stack_top
 * and return its result (the stack-overflow test uses a guarded stack).
 */
long	arch_call_on_stack(long (*fn)(void *), void *arg, uintptr_t stack_top);

/*
 * arch_random_seed - up to 64 bits of early entropy: RDSEED, else RDRAND,
 * else TSC jitter.  *@source names the one used.
 */
uint64_t arch_random_seed(const char **source);

/* arch_cycles - a free-running cycle counter (the TSC). */
uint64_t arch_cycles(void);

/*
 * arch_cycles_per_us - the counter's rate as CPUID reports it, or 0 when
 * the CPU does not say (the timer work calibrates it properly).
 */
uint64_t arch_cycles_per_us(void);

/* arch_halt - stop this CPU for good (interrupts off, hlt loop). */
void	arch_halt(void) __noreturn;

/*
 * arch_power_off - switch the machine off through ACPI (sleep state S5);
 * returns only if that failed.  arch_reset - restart it: the FADT reset
 * register, else the 8042's reset line, else a triple fault.
 */
void	arch_power_off(void);
void	arch_reset(void) __noreturn;

/* arch_irq_disable/enable - clear or set the interrupt flag. */
void	arch_irq_disable(void);
void	arch_irq_enable(void);

/*
 * arch_irq_save - disable interrupts and return the previous interrupt
 * state; arch_irq_restore - put back a state arch_irq_save() returned.
 * Pairs nest.  Context: any.  arch/x86_64/irqflags.c.
 */
unsigned long arch_irq_save(void);
void	arch_irq_restore(unsigned long flags);

/*
 * arch_wait_for_interrupt - enable interrupts and sleep until one has been
 * handled; returns with interrupts enabled.  Enabling and sleeping are one
 * step, so an interrupt that arrives after the caller disabled interrupts
 * and found nothing to do still ends the wait (no lost wake-up).
 * Context: kernel, not in an interrupt handler.  arch/x86_64/irqflags.c.
 */
void	arch_wait_for_interrupt(void);

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
