; arch/x86_64/syscall.asm: the `syscall` instruction's entry.
;
; The CPU arrives here in ring 0 with rcx = user rip, r11 = user rflags,
; rsp still the user's, and IF, DF, TF, AC cleared (SFMASK).  We switch to
; the kernel GS base and stack, build the same struct trapframe that the
; interrupt stubs build (so fork, execve and signals see one layout), call
; x86_syscall(), and leave with sysret when the frame allows it, else
; through isr_return's iretq (a changed frame, or a non-canonical rip,
; which would make sysret fault in ring 0).
;
; Per-CPU fields (struct cpu, kernel/sched.h): [gs:8] kernel stack top,
; [gs:16] scratch for the user rsp.

USER_DS		equ 0x23		; GDT_USER_DATA | 3
USER_CS		equ 0x2b		; GDT_USER_CODE | 3
VEC_SYSCALL	equ 0x80		; trapframe.vector for system calls
TF_RIP		equ 17 * 8		; 15 registers, vector, error
USER_LIMIT	equ 0x00007ffffffff000	; highest rip sysret may return to

%include "arch/x86_64/frame.inc"

section .text
bits 64
extern x86_syscall, isr_return

global x86_syscall_entry
x86_syscall_entry:
	swapgs
	mov	[gs:16], rsp
	mov	rsp, [gs:8]
	push	qword USER_DS		; ss
	push	qword [gs:16]		; rsp
	push	r11			; rflags
	push	qword USER_CS		; cs
	push	rcx			; rip
	push	qword 0			; error code
	push	qword VEC_SYSCALL	; vector
	PUSH_GPRS
	mov	rdi, rsp
	call	x86_syscall		; returns non-zero to force iretq
	cli
	test	eax, eax
	jnz	.iret
	mov	rcx, [rsp + TF_RIP]
	mov	rdx, USER_LIMIT
	cmp	rcx, rdx
	jae	.iret
	POP_GPRS
	add	rsp, 16			; vector, error code
	pop	rcx			; rip
	add	rsp, 8			; cs
	pop	r11			; rflags
	pop	rsp			; the user's stack
	swapgs
	o64 sysret
.iret:
	jmp	isr_return		; swapgs and iretq for a ring-3 frame

; void x86_enter_user(uintptr_t rip, uintptr_t rsp, uintptr_t kstack_top):
; the first entry of a program into ring 3.  The kernel stack is abandoned
; (the thread's frames on it are never returned to); the iret frame is
; built at its top and every general register is cleared.
global x86_enter_user
x86_enter_user:
	cli
	mov	rsp, rdx
	push	qword USER_DS		; ss
	push	rsi			; rsp
	push	qword 0x202		; rflags: IF
	push	qword USER_CS		; cs
	push	rdi			; rip
	xor	eax, eax
	xor	ebx, ebx
	xor	ecx, ecx
	xor	edx, edx
	xor	esi, esi
	xor	edi, edi
	xor	ebp, ebp
	xor	r8d, r8d
	xor	r9d, r9d
	xor	r10d, r10d
	xor	r11d, r11d
	xor	r12d, r12d
	xor	r13d, r13d
	xor	r14d, r14d
	xor	r15d, r15d
	swapgs
	iretq

; First code of a forked child: release the run queue like every new
; thread (x86_fork_finish in C, interrupts stay off), then return to user
; mode through the trapframe the parent's was copied into, just above.
global x86_fork_start
extern x86_fork_finish
x86_fork_start:
	call	x86_fork_finish
	jmp	isr_return
