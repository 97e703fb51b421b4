; arch/x86_64/probe.asm: accesses that may fault, with fixups, and running
; a function on another stack.
;
; Each instruction that may fault has an entry {instruction, fixup} in the
; .extable section; x86_trap() resumes a fault there at the fixup with
; rax = -EFAULT (arch/x86_64/trap.c).  The user-copy routines of the
; process work use the same table.

EFAULT	equ 14

%include "arch/x86_64/frame.inc"

section .text
bits 64


; int x86_probe_read(uintptr_t addr): 0, or -EFAULT if reading faulted.
global x86_probe_read
x86_probe_read:
	xor	eax, eax
.insn:	mov	cl, [rdi]
.done:	ret
	EXTABLE	x86_probe_read.insn, x86_probe_read.done

; int x86_probe_write(uintptr_t addr): reads the byte and writes it back.
global x86_probe_write
x86_probe_write:
	xor	eax, eax
.load:	mov	cl, [rdi]
.store:	mov	[rdi], cl
.done:	ret
	EXTABLE	x86_probe_write.load, x86_probe_write.done
	EXTABLE	x86_probe_write.store, x86_probe_write.done

; int x86_probe_exec(uintptr_t addr): calls addr, which must hold `ret`.
; A fault at addr itself is recognised by x86_trap() through
; x86_exec_probe_target, which returns to .done as if addr had returned.
global x86_probe_exec
extern x86_exec_probe_target
x86_probe_exec:
	push	rbp
	mov	rbp, rsp
	mov	[rel x86_exec_probe_target], rdi
	xor	eax, eax
	call	rdi
	mov	qword [rel x86_exec_probe_target], 0
	pop	rbp
	ret

; long arch_call_on_stack(long (*fn)(void *), void *arg, uintptr_t top)
global arch_call_on_stack
arch_call_on_stack:
	push	rbp
	mov	rbp, rsp
	and	rdx, -16
	mov	rsp, rdx		; the new stack
	mov	rax, rdi
	mov	rdi, rsi
	call	rax
	mov	rsp, rbp		; back on the caller's stack
	pop	rbp
	ret
