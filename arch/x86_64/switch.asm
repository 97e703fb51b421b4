; arch/x86_64/switch.asm: switching kernel stacks between threads.
;
; A switched-out thread's stack holds, from its saved stack pointer up:
; r15 r14 r13 r12 rbx rbp and the return address into whoever called
; arch_switch.  A new thread's stack is laid out the same way by
; arch_thread_stack_init (thread.c), with x86_thread_start as the return
; address and the entry function and argument in r12 and r13.

section .text
bits 64

; void arch_switch(uintptr_t *save_sp, uintptr_t load_sp)
global arch_switch
arch_switch:
	push	rbp
	push	rbx
	push	r12
	push	r13
	push	r14
	push	r15
	mov	[rdi], rsp
	mov	rsp, rsi
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbx
	pop	rbp
	ret

; First code of every new thread: x86_thread_entry(entry, arg) in C.
global x86_thread_start
extern thread_start
x86_thread_start:
	mov	rdi, r12
	mov	rsi, r13
	xor	ebp, ebp		; the end of every backtrace
	call	thread_start
	ud2				; thread_start never returns
