/*
 * arch/x86_64/trap.h: the trap frame and the x86 descriptor tables.
 *
 * struct trapframe matches, field for field, what isr.asm leaves on the
 * stack: the general registers it pushes (last pushed first), the vector
 * and error code, then the frame the CPU pushed.
 */
#pragma once
#include "kernel/types.h"

struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error;		/* the CPU's error code, or 0 */
	uint64_t rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};

/* Segment selectors (arch/x86_64/gdt.c).  The order of user data before
 * user code is what sysret requires (STAR MSR). */
#define GDT_KERNEL_CODE	0x08
#define GDT_KERNEL_DATA	0x10
#define GDT_USER_CODE32	0x18	/* placeholder: sysret's base selector */
#define GDT_USER_DATA	0x20
#define GDT_USER_CODE	0x28
#define GDT_TSS		0x30
#define SEL_RPL3	3

/* Interrupt-stack-table slots in the TSS (1-based, as the IDT counts). */
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MACHINE_CHECK	3

/* Exception vectors. */
#define VEC_DIVIDE	0
#define VEC_DEBUG	1
#define VEC_NMI		2
#define VEC_BREAKPOINT	3
#define VEC_INVALID_OP	6
#define VEC_DOUBLE_FAULT 8
#define VEC_GP		13
#define VEC_PAGE_FAULT	14
#define VEC_MACHINE_CHECK 18
#define VEC_IRQ_BASE	32
#define VEC_SYSCALL_GATE 0x80	/* int 0x80, and the vector of syscall frames */

int	x86_syscall(struct trapframe *tf);

void	x86_gdt_init(void);
void	x86_idt_init(void);
void	x86_trap(struct trapframe *tf);

/* x86_set_kernel_stack - the stack the CPU switches to on entry from ring 3. */
void	x86_set_kernel_stack(uintptr_t rsp0);

/* x86_exception_name - "Page fault" etc. for vectors 0..31, else NULL. */
const char *x86_exception_name(unsigned int vector);

/* Fault probes (probe.asm): 0, or -EFAULT when the access faulted. */
int	x86_probe_read(uintptr_t addr);
int	x86_probe_write(uintptr_t addr);
int	x86_probe_exec(uintptr_t addr);

/* x86_dump_trapframe - print every register of @tf (panic output). */
void	x86_dump_trapframe(const struct trapframe *tf);
