/*
 * arch/x86_64/trap.c: the one C entry point for every interrupt and
 * exception (x86_trap), exception names, and the register dump of a panic.
 *
 * For now an exception in kernel mode is fatal: it panics with the frame.
 * Later work hooks in here: the page-fault handler (memory), IRQ dispatch
 * (interrupts), system calls and signals (user mode).
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "arch/x86_64/x86irq.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "mm/uvm.h"
#include "kernel/sched.h"
#include "mm/vmalloc.h"

struct extable_entry {
	uintptr_t insn;		/* an instruction that may fault */
	uintptr_t fixup;	/* where to resume it, with rax = -EFAULT */
};

extern const struct extable_entry __extable_start[], __extable_end[];

/* Set by x86_probe_exec() (probe.asm) while it calls a probed address. */
uintptr_t x86_exec_probe_target;
static struct arch_fault_info last_fault;	/* of the last fixed-up fault */

static const char *const exception_names[32] = {
	[0] = "Divide error",
	[1] = "Debug",
	[2] = "Non-maskable interrupt",
	[3] = "Breakpoint",
	[4] = "Overflow",
	[5] = "BOUND range exceeded",
	[6] = "Invalid opcode",
	[7] = "Device not available",
	[8] = "Double fault",
	[9] = "Coprocessor segment overrun",
	[10] = "Invalid TSS",
	[11] = "Segment not present",
	[12] = "Stack-segment fault",
	[13] = "General protection fault",
	[14] = "Page fault",
	[15] = "Reserved exception 15",
	[16] = "x87 floating-point error",
	[17] = "Alignment check",
	[18] = "Machine check",
	[19] = "SIMD floating-point exception",
	[20] = "Virtualization exception",
	[21] = "Control protection exception",
	[22] = "Reserved exception 22",
	[23] = "Reserved exception 23",
	[24] = "Reserved exception 24",
	[25] = "Reserved exception 25",
	[26] = "Reserved exception 26",
	[27] = "Reserved exception 27",
	[28] = "Hypervisor injection exception",
	[29] = "VMM communication exception",
	[30] = "Security exception",
	[31] = "Reserved exception 31",
};

/*
 * x86_exception_name - the name of CPU exception @vector, or NULL when
 * @vector is not an exception.  Context: any.
 */
const char *
x86_exception_name(unsigned int vector)
{
	return vector < 32 ? exception_names[vector] : NULL;
}

/*
 * x86_dump_trapframe - print every saved register of @tf at LOG_EMERG.
 * Context: any (used by panic); never sleeps.
 */
void
x86_dump_trapframe(const struct trapframe *tf)
{
	pr_emerg("rip=0x%016lx cs=0x%04lx rflags=0x%016lx\n", tf->rip, tf->cs,
		 tf->rflags);
	pr_emerg("rsp=0x%016lx ss=0x%04lx error=0x%lx cr2=0x%016lx\n", tf->rsp,
		 tf->ss, tf->error, x86_read_cr2());
	pr_emerg("rax=0x%016lx rbx=0x%016lx rcx=0x%016lx\n", tf->rax, tf->rbx,
		 tf->rcx);
	pr_emerg("rdx=0x%016lx rsi=0x%016lx rdi=0x%016lx\n", tf->rdx, tf->rsi,
		 tf->rdi);
	pr_emerg("rbp=0x%016lx r8 =0x%016lx r9 =0x%016lx\n", tf->rbp, tf->r8,
		 tf->r9);
	pr_emerg("r10=0x%016lx r11=0x%016lx r12=0x%016lx\n", tf->r10, tf->r11,
		 tf->r12);
	pr_emerg("r13=0x%016lx r14=0x%016lx r15=0x%016lx\n", tf->r13, tf->r14,
		 tf->r15);
	pr_emerg("cr0=0x%016lx cr3=0x%016lx cr4=0x%016lx\n", x86_read_cr0(),
		 x86_read_cr3(), x86_read_cr4());
}

/* page_fault_cause - decode a #PF error code: "write to a not-present page". */
static void
page_fault_cause(uint64_t err, char *buf, size_t len)
{
	ksnprintf(buf, len, "%s %s page in %s mode%s%s",
		  (err & 16) ? "instruction fetch from" :
		  (err & 2) ? "write to" : "read from",
		  (err & 1) ? "a protected" : "a not-present",
		  (err & 4) ? "user" : "kernel",
		  (err & 8) ? ", reserved bit set" : "",
		  (err & 32) ? ", protection key" : "");
}

/* kernel_exception - an exception the kernel cannot recover from. */
static void __noreturn
kernel_exception(struct trapframe *tf)
{
	char cause[96] = "";
	const char *name = x86_exception_name(tf->vector);

	if (tf->vector == VEC_PAGE_FAULT)
		page_fault_cause(tf->error, cause, sizeof(cause));
	panic_begin();
	pr_emerg("PANIC: %s (vector %lu, error 0x%lx) in the kernel%s%s\n",
		 name ? name : "Unknown exception", tf->vector, tf->error,
		 cause[0] ? ": " : "", cause);
	x86_dump_trapframe(tf);
	panic_backtrace(tf->rip, tf->rbp);
	panic_end();
}

/*
 * fixup_fault - resume a kernel fault at its fixup, if the faulting
 * instruction has one (extable) or is an exec probe.  Returns whether it did.
 */
static bool
fixup_fault(struct trapframe *tf)
{
	uintptr_t resume = 0;

	for (const struct extable_entry *e = __extable_start;
	     e < __extable_end; e++)
		if (e->insn == tf->rip)
			resume = e->fixup;
	if (!resume && x86_exec_probe_target && tf->rip == x86_exec_probe_target) {
		resume = *(uintptr_t *)tf->rsp;	/* the probe's return address */
		tf->rsp += 8;
		x86_exec_probe_target = 0;
	}
	if (!resume)
		return false;
	last_fault.vector = tf->vector;
	last_fault.error = tf->error;
	last_fault.addr = tf->vector == VEC_PAGE_FAULT ? x86_read_cr2() : 0;
	tf->rip = resume;
	tf->rax = (uint64_t)-EFAULT;
	return true;
}

/* report_guard_hit - panic clearly when a fault hit a vmalloc guard page. */
static void
report_guard_hit(struct trapframe *tf, uintptr_t addr)
{
	uintptr_t start;

	if (!vmalloc_guard_of(addr, &start))
		return;
	panic_begin();
	if (tf->rsp - addr < 2 * PAGE_SIZE || tf->vector == VEC_DOUBLE_FAULT)
		pr_emerg("PANIC: kernel stack overflow: the stack at 0x%lx ran "
			 "into its guard page (fault at 0x%lx)\n",
			 (unsigned long)start, (unsigned long)addr);
	else
		pr_emerg("PANIC: access to the guard page below the vmalloc "
			 "area at 0x%lx (fault at 0x%lx)\n",
			 (unsigned long)start, (unsigned long)addr);
	x86_dump_trapframe(tf);
	panic_backtrace(tf->rip, tf->rbp);
	panic_end();
}

/*
 * arch_probe - see arch.h.  Context: kernel.
 */
int
arch_probe(enum arch_probe_kind kind, uintptr_t addr,
	   struct arch_fault_info *info)
{
	int err;

	last_fault = (struct arch_fault_info){ 0 };
	if (kind == PROBE_READ)
		err = x86_probe_read(addr);
	else if (kind == PROBE_WRITE)
		err = x86_probe_write(addr);
	else
		err = x86_probe_exec(addr);
	if (info)
		*info = last_fault;
	return err;
}

/* in_extable - whether @rip is an instruction with a fixup. */
static bool
in_extable(uintptr_t rip)
{
	for (const struct extable_entry *e = __extable_start;
	     e < __extable_end; e++)
		if (e->insn == rip)
			return true;
	return false;
}

/* signal_for - the signal Linux sends for exception @vector. */
static int
signal_for(unsigned int vector)
{
	switch (vector) {
	case VEC_DIVIDE:	return 8;	/* SIGFPE */
	case VEC_DEBUG:
	case VEC_BREAKPOINT:	return 5;	/* SIGTRAP */
	case VEC_INVALID_OP:	return 4;	/* SIGILL */
	case 16: case 19:	return 8;	/* x87, SIMD: SIGFPE */
	case 17:		return 7;	/* alignment: SIGBUS */
	default:		return 11;	/* SIGSEGV */
	}
}

/*
 * user_exception - an exception raised by ring-3 code: a page fault the
 * memory manager can resolve (demand paging, copy-on-write) is retried;
 * anything else becomes the matching signal (with the fault address),
 * which the process may handle.
 */
static void
user_exception(struct trapframe *tf)
{
	uintptr_t addr = tf->vector == VEC_PAGE_FAULT ? x86_read_cr2() : tf->rip;

	if (tf->vector == VEC_PAGE_FAULT &&
	    vm_user_fault(addr, tf->error & 2, tf->error & 16) == 0)
		return;
	proc_fatal_fault(signal_for((unsigned int)tf->vector), addr, tf->rip);
}

/* return_to_user_work - signals, then a pending reschedule, before an
 * interrupt or exception returns to ring 3.  Interrupts on inside. */
static void
return_to_user_work(struct trapframe *tf)
{
	arch_irq_enable();
	signal_deliver(tf);
	sched_preempt_point();
	arch_irq_disable();
}

/*
 * kernel_user_fault - a fault in the kernel on a user address (a uaccess
 * routine touching a page not there yet): resolve it like a user fault.
 */
static bool
kernel_user_fault(struct trapframe *tf)
{
	uintptr_t addr = x86_read_cr2();

	if (tf->vector != VEC_PAGE_FAULT || addr >= USER_TOP ||
	    !current_proc() || !in_extable(tf->rip))
		return false;	/* only the uaccess routines touch user pages */
	return vm_user_fault(addr, tf->error & 2, false) == 0;
}

/*
 * x86_trap - dispatch an interrupt or exception.  Called by isr_common with
 * the frame it built.  Context: interrupts off (all gates are interrupt
 * gates).
 */
void
x86_trap(struct trapframe *tf)
{
	if (tf->vector == VEC_SYSCALL_GATE && (tf->cs & SEL_RPL3)) {
		x86_syscall(tf);		/* int 0x80: returns by iretq, */
		arch_irq_disable();		/* with interrupts off to swapgs */
		return;
	}
	if (tf->vector < VEC_IRQ_BASE && (tf->cs & SEL_RPL3)) {
		user_exception(tf);
		return_to_user_work(tf);
		return;
	}
	if (tf->vector < VEC_IRQ_BASE) {
		if (kernel_user_fault(tf) || fixup_fault(tf))
			return;
		if (tf->vector == VEC_PAGE_FAULT ||
		    tf->vector == VEC_DOUBLE_FAULT)
			report_guard_hit(tf, x86_read_cr2());
		kernel_exception(tf);
		return;
	}
	x86_irq_trap((unsigned int)tf->vector);
	if (tf->cs & SEL_RPL3)
		return_to_user_work(tf);
	else if (tf->rflags & X86_RFLAGS_IF)	/* the kernel allowed it */
		sched_preempt_point();
}
