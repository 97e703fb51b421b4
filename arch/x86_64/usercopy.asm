; arch/x86_64/usercopy.asm: copying to and from user memory.
;
; The caller (arch/x86_64/uaccess.c) has checked that the user range lies
; below USER_TOP and opened SMAP's window (stac); a fault on an unmapped or
; protected user page resumes at the fixup through .extable, which
; returns -EFAULT instead of panicking.

EFAULT	equ 14

%include "arch/x86_64/frame.inc"

section .text
bits 64


; long x86_copy_user(void *dst, const void *src, size_t n): 0 or -EFAULT
global x86_copy_user
x86_copy_user:
	mov	rcx, rdx
.copy:	rep	movsb
	xor	eax, eax
	ret
.fault:	mov	rax, -EFAULT
	ret
	EXTABLE	x86_copy_user.copy, x86_copy_user.fault

; long x86_zero_user(void *dst, size_t n): 0 or -EFAULT
global x86_zero_user
x86_zero_user:
	mov	rcx, rsi
	xor	eax, eax
.fill:	rep	stosb
	ret
.fault:	mov	rax, -EFAULT
	ret
	EXTABLE	x86_zero_user.fill, x86_zero_user.fault

; long x86_strncpy_user(char *dst, const char *src, size_t max)
; Copies up to and including the NUL; returns the string's length, max
; when no NUL came within max bytes, or -EFAULT.
global x86_strncpy_user
x86_strncpy_user:
	xor	eax, eax
.next:	cmp	rax, rdx
	je	.done
.load:	mov	cl, [rsi + rax]
	mov	[rdi + rax], cl
	test	cl, cl
	jz	.done
	inc	rax
	jmp	.next
.done:	ret
.fault:	mov	rax, -EFAULT
	ret
	EXTABLE	x86_strncpy_user.load, x86_strncpy_user.fault
