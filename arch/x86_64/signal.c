/*
 * arch/x86_64/signal.c: the Linux x86_64 signal frame.
 *
 * Below the interrupted stack pointer (less the 128-byte red zone) the
 * kernel writes the FXSAVE image (64-byte aligned), then struct
 * rt_sigframe: the return address (sa_restorer, which calls
 * rt_sigreturn), a ucontext with every register, and the siginfo.  The
 * handler starts with rdi = signal, rsi = &info, rdx = &uc, and rsp + 8
 * 16-byte aligned as after a call.  rt_sigreturn finds the frame at rsp
 * (the return address has been popped) and restores everything from it.
 */
#include "arch/arch.h"
#include "arch/x86_64/trap.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

#define RED_ZONE	128
#define FXSAVE_BYTES	512
/* The flags a program may set through sigreturn (Linux's FIX_EFLAGS):
 * CF PF AF ZF SF TF DF OF RF AC -- never IF, IOPL or NT. */
#define RFLAGS_USER_MASK 0x50dd5ul
#define RFLAGS_TF	0x100ul
#define RFLAGS_DF	0x400ul
#define UC_FP_XSTATE	0x1
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SA_ONSTACK	0x08000000ul

struct sigcontext_k {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2, fpstate;
	uint64_t reserved[8];
};

struct ucontext_k {
	uint64_t flags;
	uint64_t link;
	uint64_t ss_sp;
	int32_t	 ss_flags, pad;
	uint64_t ss_size;
	struct sigcontext_k mc;
	uint64_t sigmask;
};

struct siginfo_u {
	int32_t	 signo, errno_, code, pad;
	union {
		struct { int32_t pid, uid, status, pad2; } kill;
		uint64_t addr;
		uint8_t	 bytes[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext_k uc;
	struct siginfo_u info;
};

_Static_assert(sizeof(struct sigcontext_k) == 256, "sigcontext");
_Static_assert(sizeof(struct siginfo_u) == 128, "siginfo");

static void
save_regs(struct sigcontext_k *mc, const struct trapframe *tf)
{
	mc->r8 = tf->r8;   mc->r9 = tf->r9;   mc->r10 = tf->r10;
	mc->r11 = tf->r11; mc->r12 = tf->r12; mc->r13 = tf->r13;
	mc->r14 = tf->r14; mc->r15 = tf->r15; mc->rdi = tf->rdi;
	mc->rsi = tf->rsi; mc->rbp = tf->rbp; mc->rbx = tf->rbx;
	mc->rdx = tf->rdx; mc->rax = tf->rax; mc->rcx = tf->rcx;
	mc->rsp = tf->rsp; mc->rip = tf->rip; mc->eflags = tf->rflags;
	mc->cs = (uint16_t)tf->cs;
	mc->ss = (uint16_t)tf->ss;
	mc->err = tf->vector == VEC_SYSCALL_GATE ? 0 : tf->error;
	mc->trapno = tf->vector == VEC_SYSCALL_GATE ? 0 : tf->vector;
}

static int
load_regs(struct trapframe *tf, const struct sigcontext_k *mc)
{
	if (mc->rip >= USER_TOP)	/* iretq would fault in ring 0 */
		return -EFAULT;
	tf->r8 = mc->r8;   tf->r9 = mc->r9;   tf->r10 = mc->r10;
	tf->r11 = mc->r11; tf->r12 = mc->r12; tf->r13 = mc->r13;
	tf->r14 = mc->r14; tf->r15 = mc->r15; tf->rdi = mc->rdi;
	tf->rsi = mc->rsi; tf->rbp = mc->rbp; tf->rbx = mc->rbx;
	tf->rdx = mc->rdx; tf->rax = mc->rax; tf->rcx = mc->rcx;
	tf->rsp = mc->rsp; tf->rip = mc->rip;
	/* Only the arithmetic flags and DF come from user memory. */
	tf->rflags = (tf->rflags & ~RFLAGS_USER_MASK) |
		     (mc->eflags & RFLAGS_USER_MASK);
	tf->cs = GDT_USER_CODE | SEL_RPL3;	/* never trust these */
	tf->ss = GDT_USER_DATA | SEL_RPL3;
	return 0;
}

static void
to_user_info(struct siginfo_u *u, const struct ksiginfo *k)
{
	memset(u, 0, sizeof(*u));
	u->signo = k->signo;
	u->errno_ = k->errno_;
	u->code = k->code;
	if (k->signo == SIGSEGV || k->signo == SIGBUS || k->signo == SIGILL ||
	    k->signo == SIGFPE || k->signo == SIGTRAP)
		u->addr = k->addr;
	else {
		u->kill.pid = k->pid;
		u->kill.uid = k->uid;
		u->kill.status = k->status;
	}
}

/* frame_top - where the frame goes: the alternate stack if asked for and
 * not already on it, else below the red zone of the current stack. */
static uintptr_t
frame_top(const struct trapframe *tf, const struct sigstate *ss,
	  const struct k_sigaction *ka)
{
	uintptr_t sp = tf->rsp;
	bool on_alt = ss->alt_size && sp - ss->alt_sp < ss->alt_size;

	if ((ka->flags & SA_ONSTACK) && ss->alt_size && !ss->alt_disabled &&
	    !on_alt)
		return ss->alt_sp + ss->alt_size;
	return sp - RED_ZONE;
}

/*
 * arch_signal_setup - build the frame for @sig's handler @ka on the user
 * stack and point @frame at the handler.  Returns 0, or -EFAULT when the
 * stack cannot take the frame (the caller then kills the process).
 */
int
arch_signal_setup(void *frame, const struct ksiginfo *info,
		  const struct k_sigaction *ka, const struct sigstate *ss,
		  uint64_t old_mask)
{
	struct trapframe *tf = frame;
	struct thread *t = current_thread();
	struct rt_sigframe f;
	uintptr_t top = frame_top(tf, ss, ka);
	uintptr_t fp = (top - FXSAVE_BYTES) & ~63ul;
	uintptr_t sp = ((fp - sizeof(f)) & ~15ul) - 8;

	if (ka->handler >= USER_TOP)
		return -EFAULT;		/* iretq would fault in ring 0 */
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.ss_sp = ss->alt_sp;
	f.uc.ss_size = ss->alt_size;
	f.uc.ss_flags = ss->alt_disabled ? SS_DISABLE :
			(tf->rsp - ss->alt_sp < ss->alt_size ? SS_ONSTACK : 0);
	save_regs(&f.uc.mc, tf);
	f.uc.mc.oldmask = old_mask;
	f.uc.mc.cr2 = info->addr;
	f.uc.mc.fpstate = fp;
	f.uc.sigmask = old_mask;
	to_user_info(&f.info, info);
	if (t->arch.fpu)
		__asm__ volatile("fxsave64 (%0)" : : "r"(t->arch.fpu) : "memory");
	if (copy_to_user(sp, &f, sizeof(f)) < 0 ||
	    (t->arch.fpu && copy_to_user(fp, t->arch.fpu, FXSAVE_BYTES) < 0))
		return -EFAULT;
	tf->rsp = sp;
	tf->rip = ka->handler;
	tf->rdi = (uint64_t)info->signo;
	tf->rsi = sp + __builtin_offsetof(struct rt_sigframe, info);
	tf->rdx = sp + __builtin_offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	tf->rflags &= ~(RFLAGS_TF | RFLAGS_DF);
	t->arch.force_iret = true;
	return 0;
}

/*
 * arch_sigreturn - restore the registers and FPU state saved by
 * arch_signal_setup from the frame at the user stack of @frame.  The mask
 * to restore goes to *@mask.  Returns 0 or -EFAULT.
 */
int
arch_sigreturn(void *frame, uint64_t *mask)
{
	struct trapframe *tf = frame;
	struct thread *t = current_thread();
	struct ucontext_k uc;
	uint8_t *fx = t->arch.fpu;

	if (copy_from_user(&uc, tf->rsp, sizeof(uc)) < 0)
		return -EFAULT;
	if (fx && uc.mc.fpstate) {
		if (copy_from_user(fx, uc.mc.fpstate, FXSAVE_BYTES) < 0)
			return -EFAULT;
		*(uint32_t *)(fx + 24) &= 0xffff;	/* MXCSR: no reserved bits */
		__asm__ volatile("fxrstor64 (%0)" : : "r"(fx) : "memory");
	}
	if (load_regs(tf, &uc.mc) < 0)
		return -EFAULT;
	*mask = uc.sigmask;
	t->arch.force_iret = true;
	return 0;
}

/* arch_syscall_restart - make the interrupted system call run again. */
void
arch_syscall_restart(void *frame, long nr)
{
	struct trapframe *tf = frame;

	tf->rax = (uint64_t)nr;
	tf->rip -= 2;		/* syscall and int $0x80 are both 2 bytes */
	current_thread()->arch.force_iret = true;
}

long
arch_syscall_result(const void *frame)
{
	return (long)((const struct trapframe *)frame)->rax;
}

void
arch_syscall_set_result(void *frame, long v)
{
	((struct trapframe *)frame)->rax = (uint64_t)v;
}

uintptr_t
arch_user_sp(const void *frame)
{
	return ((const struct trapframe *)frame)->rsp;
}
