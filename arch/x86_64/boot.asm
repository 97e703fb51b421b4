; arch/x86_64/boot.asm: Multiboot2 header and the road from GRUB to kmain().
;
; GRUB (BIOS or UEFI) enters _start in 32-bit protected mode, paging off,
; eax = Multiboot2 magic, ebx = physical address of the boot information.
; We check the magic and that the CPU can run in long mode, clear .bss,
; build boot page tables, enable PAE + LME (+ NXE when the CPU has NX) +
; paging, far-jump to 64-bit code, then jump to the higher half and call
; kmain(mbi_phys) on the boot stack.
;
; Boot page tables (2 MiB pages, all of them in .bss):
;   PML4[0]   -> identity map of 0..4 GiB (removed as soon as we run high)
;   PML4[256] -> direct map: 0xffff800000000000 + phys, 0..4 GiB
;   PML4[511] -> PDPT[510]: 0xffffffff80000000 -> phys 0..1 GiB (the image)
; The memory work replaces these with the kernel's own W^X tables.

KERNEL_VMA	equ 0xffffffff80000000
MB2_MAGIC	equ 0xe85250d6
MB2_ARCH_I386	equ 0
MB2_LOADER_MAGIC equ 0x36d76289
COM1		equ 0x3f8

extern __bss_start, __bss_end

%define V2P(x)	((x) - KERNEL_VMA)

; ---------------------------------------------------------------------------
section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd	MB2_MAGIC
	dd	MB2_ARCH_I386
	dd	mb2_header_end - mb2_header
	dd	-(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	align	8
	; entry address tag: GRUB jumps here (a physical address), not to the
	; ELF entry, which is a higher-half virtual address.
	dw	3, 0
	dd	12
	dd	_start
	align	8
	; framebuffer tag (optional flag set): prefer 1024x768x32; text mode
	; is accepted when GRUB cannot set a graphics mode.
	dw	5, 1
	dd	20
	dd	1024, 768, 32
	align	8
	; module alignment tag: modules (the initrd) start on page boundaries.
	dw	6, 0
	dd	8
	align	8
	dw	0, 0		; end tag
	dd	8
mb2_header_end:

; ---------------------------------------------------------------------------
section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
_start:
	cli
	cld
	mov	esp, early_stack_top	; low memory: .bss is not cleared yet
	mov	edi, eax		; keep magic and information pointer
	mov	esi, ebx
	call	early_serial_init
	call	clear_bss

	cmp	edi, MB2_LOADER_MAGIC
	jne	.no_multiboot
	call	cpu_has_long_mode
	test	eax, eax
	jz	.no_long_mode

	call	build_boot_tables
	call	enable_long_mode
	lgdt	[gdt64_ptr]
	jmp	0x08:long_mode_entry

.no_multiboot:
	mov	ebx, msg_no_multiboot
	jmp	early_fail
.no_long_mode:
	mov	ebx, msg_no_long_mode
	jmp	early_fail

; cpu_has_long_mode: eax = 1 when CPUID exists and reports long mode.
; Also records in nx_supported whether the CPU has the NX bit.
cpu_has_long_mode:
	pushfd				; CPUID exists iff EFLAGS.ID can flip
	pop	eax
	mov	ecx, eax
	xor	eax, 1 << 21
	push	eax
	popfd
	pushfd
	pop	eax
	push	ecx
	popfd
	xor	eax, ecx
	jz	.no
	mov	eax, 0x80000000
	cpuid
	cmp	eax, 0x80000001
	jb	.no
	mov	eax, 0x80000001
	cpuid
	test	edx, 1 << 29		; LM
	jz	.no
	shr	edx, 20			; NX is bit 20
	and	edx, 1
	mov	[V2P(nx_supported)], edx
	mov	eax, 1
	ret
.no:
	xor	eax, eax
	ret

; clear_bss: GRUB zeroes it when loading the ELF, but the boot tables and
; every C global rely on it, so make sure.  Preserves esi/edi.
clear_bss:
	push	edi
	mov	edi, V2P(__bss_start)
	mov	ecx, V2P(__bss_end)
	sub	ecx, edi
	shr	ecx, 2
	xor	eax, eax
	rep	stosd
	pop	edi
	ret

; build_boot_tables: fill the tables described at the top of this file.
build_boot_tables:
	mov	eax, V2P(boot_pd)	; four PDs: 2048 x 2 MiB = 4 GiB
	mov	ebx, 0x83		; present | writable | 2 MiB page
	mov	ecx, 2048
.pd:	mov	[eax], ebx
	add	ebx, 0x200000
	add	eax, 8
	loop	.pd

	mov	eax, V2P(boot_pdpt_direct)
	mov	ebx, V2P(boot_pd) + 3
	mov	ecx, 4
.pdpt:	mov	[eax], ebx
	add	ebx, 4096
	add	eax, 8
	loop	.pdpt

	mov	dword [V2P(boot_pdpt_kernel) + 510 * 8], V2P(boot_pd) + 3
	mov	dword [V2P(boot_pml4)], V2P(boot_pdpt_direct) + 3
	mov	dword [V2P(boot_pml4) + 256 * 8], V2P(boot_pdpt_direct) + 3
	mov	dword [V2P(boot_pml4) + 511 * 8], V2P(boot_pdpt_kernel) + 3
	ret

; enable_long_mode: PAE, CR3, EFER.LME (+NXE), then paging and WP.
enable_long_mode:
	mov	eax, cr4
	or	eax, 1 << 5		; PAE
	mov	cr4, eax
	mov	eax, V2P(boot_pml4)
	mov	cr3, eax
	mov	ecx, 0xc0000080		; EFER
	rdmsr
	or	eax, 1 << 8		; LME
	cmp	dword [V2P(nx_supported)], 0
	je	.no_nx
	or	eax, 1 << 11		; NXE
.no_nx:	wrmsr
	mov	eax, cr0
	or	eax, (1 << 31) | (1 << 16)	; PG, WP
	mov	cr0, eax
	ret

; early_serial_init: COM1 at 115200 8N1, FIFOs on, no interrupts.
early_serial_init:
	mov	dx, COM1 + 1
	xor	al, al
	out	dx, al			; IER: no interrupts
	mov	dx, COM1 + 3
	mov	al, 0x80
	out	dx, al			; LCR: DLAB on
	mov	dx, COM1
	mov	al, 1
	out	dx, al			; divisor 1 = 115200 baud
	mov	dx, COM1 + 1
	xor	al, al
	out	dx, al
	mov	dx, COM1 + 3
	mov	al, 0x03
	out	dx, al			; 8N1, DLAB off
	mov	dx, COM1 + 2
	mov	al, 0xc7
	out	dx, al			; FIFO on, cleared
	mov	dx, COM1 + 4
	mov	al, 0x0b
	out	dx, al			; DTR, RTS, OUT2
	ret

; early_fail: print the NUL-terminated message at ebx on COM1 and on the
; VGA text screen, then halt.  This is the one place 0xB8000 is written
; without asking the framebuffer tag: we may not have a Multiboot2
; information to ask, and on UEFI machines the write goes nowhere.
early_fail:
	mov	edi, 0xb8000
.next:	mov	al, [ebx]
	test	al, al
	jz	.halt
	mov	ah, 0x4f		; white on red
	mov	[edi], ax
	add	edi, 2
	mov	ah, al
	mov	dx, COM1 + 5
.wait:	in	al, dx			; wait for the transmitter to be empty
	test	al, 0x20
	jz	.wait
	mov	dx, COM1
	mov	al, ah
	out	dx, al
	inc	ebx
	jmp	.next
.halt:	cli
	hlt
	jmp	.halt

; ---------------------------------------------------------------------------
bits 64
long_mode_entry:
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	ax, ax
	mov	fs, ax
	mov	gs, ax
	mov	rax, higher_half_entry
	jmp	rax

; ---------------------------------------------------------------------------
section .boot.data progbits alloc noexec write align=16
align 16
gdt64:
	dq	0
	dq	0x00209a0000000000	; 0x08: kernel code, 64-bit
	dq	0x0000920000000000	; 0x10: kernel data
gdt64_end:
gdt64_ptr:				; for lgdt in 32-bit mode
	dw	gdt64_end - gdt64 - 1
	dd	gdt64
gdt64_ptr_high:				; the same table through the image map
	dw	gdt64_end - gdt64 - 1
	dq	gdt64 + KERNEL_VMA

early_stack:
	times	256 db 0
early_stack_top:

msg_no_multiboot:
	db	"Basalt: not started by a Multiboot2 boot loader (bad magic); halting.", 13, 10, 0
msg_no_long_mode:
	db	"Basalt: this CPU cannot run 64-bit code (no long mode); halting.", 13, 10, 0

; ---------------------------------------------------------------------------
section .text
bits 64
extern kmain
higher_half_entry:
	mov	rsp, boot_stack_top
	xor	ebp, ebp
	mov	rax, gdt64_ptr_high + KERNEL_VMA
	lgdt	[rax]			; GDTR must not point into the identity map
	mov	qword [boot_pml4], 0	; drop the identity map: page 0 faults
	mov	rax, cr3
	mov	cr3, rax
	mov	edi, esi		; kmain(mbi_phys)
	call	kmain
.hang:	cli
	hlt
	jmp	.hang

; ---------------------------------------------------------------------------
section .bss nobits alloc noexec write align=4096
global boot_pml4, nx_supported
alignb 4096
boot_pml4:		resb 4096
boot_pdpt_direct:	resb 4096
boot_pdpt_kernel:	resb 4096
boot_pd:		resb 4 * 4096
alignb 16
boot_stack:		resb 16384
boot_stack_top:
nx_supported:		resd 1
