; arch/x86_64/isr.asm: one stub per IDT vector, one common path to C.
;
; Every stub leaves the same frame: the CPU's (ss, rsp, rflags, cs, rip),
; an error code (the CPU's, or a dummy 0), the vector number, then the
; general registers pushed by isr_common.  struct trapframe in
; arch/x86_64/trap.h declares exactly this layout.

%include "arch/x86_64/frame.inc"

section .text
bits 64
extern x86_trap
extern x86_smap_enabled

; Vectors for which the CPU pushes an error code itself.
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%macro ISR 1
align 16
isr_%1:
%if HAS_ERROR(%1) == 0
	push	qword 0			; dummy error code: one frame layout
%endif
	push	qword %1
	jmp	isr_common
%endmacro

%assign v 0
%rep 256
	ISR v
%assign v v + 1
%endrep

; Frame offsets once the vector and error code are pushed.
%define TF_CS	24

isr_common:
	test	qword [rsp + TF_CS], 3	; from user mode: switch to kernel GS
	jz	.kernel_in
	swapgs
.kernel_in:
	PUSH_GPRS
	cld
	; A fault inside a user copy arrives with AC set (stac): clear it so
	; the handler runs with SMAP in force.  iretq restores the old flags.
	cmp	byte [rel x86_smap_enabled], 0
	je	.ac_clear
	clac
.ac_clear:
	mov	rdi, rsp		; x86_trap(struct trapframe *)
	call	x86_trap
global isr_return
isr_return:
	POP_GPRS
	test	qword [rsp + TF_CS], 3
	jz	.kernel_out
	swapgs
.kernel_out:
	add	rsp, 16			; vector and error code
	iretq

; The stub addresses, for the IDT (arch/x86_64/idt.c).
section .rodata
global isr_stub_table
align 8
isr_stub_table:
%assign v 0
%rep 256
	dq	isr_ %+ v
%assign v v + 1
%endrep
