/*
 * arch/x86_64/user.c: the machine side of user mode: the syscall MSRs and
 * the int 0x80 gate, FPU/SSE state per thread, the FS base, building the
 * frames that enter user mode.
 *
 * Both entries take the Linux x86_64 system-call numbers and registers
 * (rax; rdi, rsi, rdx, r10, r8, r9).  Unlike Linux, int 0x80 is not the
 * 32-bit compatibility table: Basalt has only the 64-bit one.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define MSR_STAR	0xc0000081u
#define MSR_LSTAR	0xc0000082u
#define MSR_SFMASK	0xc0000084u
#define EFER_SCE	(1ull << 0)
#define VEC_SYSCALL	0x80
#define FXSAVE_SIZE	512
#define MXCSR_DEFAULT	0x1f80		/* all SSE exceptions masked */
#define FCW_DEFAULT	0x037f		/* all x87 exceptions masked */
#define RFLAGS_USER	0x202		/* IF, and the always-one bit */

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

extern void x86_syscall_entry(void);
extern void x86_enter_user(uintptr_t rip, uintptr_t rsp,
			   uintptr_t kstack_top) __noreturn;
extern void x86_fork_start(void);
void	x86_idt_set_user_gate(unsigned int vector);

/* arch_user_init - see arch.h.  Context: boot, CPU 0. */
void
arch_user_init(void)
{
	uint64_t cr0 = x86_read_cr0();

	/* SSE for user programs: CR0.EM off, MP on; CR4.OSFXSR/OSXMMEXCPT. */
	x86_write_cr0((cr0 & ~X86_CR0_EM) | X86_CR0_MP);
	x86_write_cr4(x86_read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	x86_wrmsr(X86_MSR_EFER, x86_rdmsr(X86_MSR_EFER) | EFER_SCE);
	/* sysret loads CS = STAR[63:48] + 16, SS = STAR[63:48] + 8. */
	x86_wrmsr(MSR_STAR, ((uint64_t)GDT_USER_CODE32 << 48) |
				    ((uint64_t)GDT_KERNEL_CODE << 32));
	x86_wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)x86_syscall_entry);
	x86_wrmsr(MSR_SFMASK, X86_RFLAGS_IF | X86_RFLAGS_AC | (1u << 10) |
				      (1u << 8) | (1u << 14));	/* DF TF NT */
	x86_idt_set_user_gate(VEC_SYSCALL);
	x86_idt_set_user_gate(VEC_BREAKPOINT);	/* int3: SIGTRAP, as Linux */
	x86_idt_set_user_gate(4);		/* into: overflow */
}

/* fxsave_default - a clean FXSAVE image: x87 and SSE reset, masked. */
static void
fxsave_default(uint8_t *area)
{
	memset(area, 0, FXSAVE_SIZE);
	*(uint16_t *)(area + 0) = FCW_DEFAULT;
	*(uint32_t *)(area + 24) = MXCSR_DEFAULT;
}

int
arch_thread_user_init(struct arch_thread *a)
{
	if (!a->fpu && !(a->fpu = kmalloc(FXSAVE_SIZE)))  /* 512: aligned */
		return -ENOMEM;
	fxsave_default(a->fpu);
	a->fs_base = 0;
	if (a == &current_thread()->arch) {	/* exec: the live state too */
		__asm__ volatile("fxrstor64 (%0)" : : "r"(a->fpu) : "memory");
		x86_wrmsr(X86_MSR_FS_BASE, 0);
	}
	return 0;
}

void
arch_thread_user_copy(struct arch_thread *to, const struct arch_thread *from)
{
	if (from->fpu && to->fpu) {
		if (this_cpu()->current->arch.fpu == from->fpu)
			__asm__ volatile("fxsave64 (%0)" : : "r"(from->fpu)
					 : "memory");
		memcpy(to->fpu, from->fpu, FXSAVE_SIZE);
	}
	to->fs_base = from->fs_base;
}

void
arch_thread_user_free(struct arch_thread *a)
{
	void *fpu = a->fpu;

	a->fpu = NULL;		/* first: a switch in between must not save */
	kfree(fpu);
}

/* arch_thread_switch - see arch.h.  Context: schedule, interrupts off. */
void
arch_thread_switch(struct arch_thread *prev, struct arch_thread *next)
{
	if (prev->fpu)
		__asm__ volatile("fxsave64 (%0)" : : "r"(prev->fpu) : "memory");
	if (next->fpu) {
		__asm__ volatile("fxrstor64 (%0)" : : "r"(next->fpu) : "memory");
		if (next->fs_base != prev->fs_base || !prev->fpu)
			x86_wrmsr(X86_MSR_FS_BASE, next->fs_base);
	}
}

/* user_frame - a frame that enters ring 3 at @entry with stack @sp. */
static void
user_frame(struct trapframe *tf, uintptr_t entry, uintptr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = entry;
	tf->cs = GDT_USER_CODE | SEL_RPL3;
	tf->rflags = RFLAGS_USER;
	tf->rsp = sp;
	tf->ss = GDT_USER_DATA | SEL_RPL3;
}

void
arch_user_frame_reset(void *frame, uintptr_t entry, uintptr_t sp)
{
	user_frame(frame, entry, sp);
}

/* arch_enter_user - see arch.h.  The kernel stack starts afresh. */
void
arch_enter_user(uintptr_t entry, uintptr_t sp)
{
	struct thread *t = current_thread();

	arch_irq_disable();
	if (t->arch.fpu)
		__asm__ volatile("fxrstor64 (%0)" : : "r"(t->arch.fpu) : "memory");
	x86_wrmsr(X86_MSR_FS_BASE, t->arch.fs_base);
	x86_enter_user(entry, sp, t->stack_top & ~15ul);
}

/*
 * arch_fork_stack_init - see arch.h.  The child's stack holds, from the
 * top: the copied frame, then the frame arch_switch pops with
 * x86_fork_start as its return address.
 */
uintptr_t
arch_fork_stack_init(uintptr_t top, const void *parent_frame, uintptr_t user_sp)
{
	struct trapframe *tf = (struct trapframe *)((top & ~15ul) - sizeof(*tf));
	uint64_t *sp = (uint64_t *)tf;

	memcpy(tf, parent_frame, sizeof(*tf));
	tf->rax = 0;				/* fork returns 0 in the child */
	if (user_sp)
		tf->rsp = user_sp;		/* clone with a new stack */
	*--sp = (uint64_t)(uintptr_t)x86_fork_start;
	for (int i = 0; i < 6; i++)		/* rbp rbx r12 r13 r14 r15 */
		*--sp = 0;
	return (uintptr_t)sp;
}

/* x86_fork_finish - a forked child's first C code (from x86_fork_start). */
void
x86_fork_finish(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *t = cpu->current;

	cpu->rq_lock.saved_flags = 0;		/* keep interrupts off */
	spin_unlock(&cpu->rq_lock);
	x86_wrmsr(X86_MSR_FS_BASE, t->arch.fs_base);
}

/*
 * x86_syscall - a system call from either entry: dispatch, then the work
 * due before returning to user mode.  Returns non-zero when the frame was
 * changed in a way sysret cannot restore.  Context: thread, interrupts on
 * inside.
 */
int
x86_syscall(struct trapframe *tf)
{
	struct thread *t = current_thread();
	int iret;

	t->arch.user_frame = tf;
	arch_irq_enable();
	long nr = (long)tf->rax;

	tf->rax = (uint64_t)syscall_dispatch(tf->rax, tf->rdi, tf->rsi, tf->rdx,
					     tf->r10, tf->r8, tf->r9);
	signal_deliver_nr(tf, nr == 15 /* rt_sigreturn */ ? -1 : nr);
	syscall_exit_work();
	iret = t->arch.force_iret;
	t->arch.force_iret = false;
	return iret;
}

static bool
canonical_user(uintptr_t a)
{
	return a < USER_TOP;
}

/* arch_prctl_call - see arch.h.  GS is left to the kernel (swapgs). */
long
arch_prctl_call(int code, uintptr_t addr)
{
	struct thread *t = current_thread();

	switch (code) {
	case ARCH_SET_FS:
		if (!canonical_user(addr))
			return -EPERM;
		t->arch.fs_base = addr;
		x86_wrmsr(X86_MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &t->arch.fs_base, sizeof(uint64_t));
	case ARCH_SET_GS:
	case ARCH_GET_GS:
		return -EINVAL;		/* FIXME: user GS base not kept yet */
	default:
		return -EINVAL;
	}
}

/* arch_user_hwcap - CPUID leaf 1 EDX, as Linux reports AT_HWCAP. */
uint64_t
arch_user_hwcap(void)
{
	uint32_t a, b, c, d;

	x86_cpuid(1, 0, &a, &b, &c, &d);
	return d;
}
