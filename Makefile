# Basalt: one flat, non-recursive Makefile (shared/STYLE.md R12).
# Everything is built out of tree under build/.  `make help` lists targets.

ARCH	?= x86_64
CROSS	?=
CC	:= $(CROSS)gcc
LD	:= $(CROSS)ld
NM	:= $(CROSS)nm
OBJDUMP	:= $(CROSS)objdump
NASM	?= nasm
HOSTCC	?= gcc
PYTHON	?= python3
QEMU	?= qemu-system-x86_64
B	:= build

# ---- tool checks: one line naming the package to install ----------------
need = $(if $(shell command -v $(1) 2>/dev/null),,$(error $(1) not found: \
	install the Debian package '$(2)' (or run scripts/install-deps.sh)))
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
$(call need,$(CC),gcc)
$(call need,$(LD),binutils)
$(call need,$(NASM),nasm)
$(call need,$(PYTHON),python3)
endif
GRUB_BIOS_DIR := /usr/lib/grub/i386-pc
GRUB_EFI_DIR  := /usr/lib/grub/x86_64-efi

# ---- flags ----------------------------------------------------------------
WARN	:= -Wall -Wextra -Werror
CFLAGS	:= -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-builtin-printf \
	   -mno-red-zone -mcmodel=kernel -mgeneral-regs-only -mno-sse \
	   -mno-mmx -mno-80387 -fno-pic -fno-pie -fno-stack-protector \
	   -fno-omit-frame-pointer -fno-optimize-sibling-calls \
	   -fno-asynchronous-unwind-tables \
	   -fno-strict-aliasing -MMD -MP -I.
NASMFLAGS := -f elf64 -g -F dwarf -Werror
LDFLAGS	:= -nostdlib -z max-page-size=0x1000 -z noexecstack \
	   --no-warn-rwx-segments -T linker.ld
HOSTCFLAGS := -std=gnu11 -O1 -g $(WARN) -I. -DHOST_TEST \
	   -fsanitize=address,undefined -fno-omit-frame-pointer

# ---- sources --------------------------------------------------------------
SRCS	:= $(wildcard kernel/*.c mm/*.c fs/*.c drivers/*.c arch/$(ARCH)/*.c)
ASMS	:= $(wildcard arch/$(ARCH)/*.asm)
OBJS	:= $(SRCS:%.c=$(B)/%.o) $(ASMS:%.asm=$(B)/%.o) $(B)/gen/font8x16.o
KTEST_SRCS := $(wildcard tests/kernel/*.c)
KTEST_OBJS := $(KTEST_SRCS:%.c=$(B)/%.o)

# Pure C shared with the host unit tests (no arch code, no globals of the kernel).
HOST_PURE := kernel/format.c kernel/cmdline.c kernel/mb2.c drivers/vt.c mm/kmalloc.c mm/bitmap.c mm/memmap.c kernel/calendar.c drivers/acpi.c drivers/keymap.c
HOST_SRCS := $(wildcard tests/host/*.c) $(HOST_PURE)

FONT_PSF ?= /usr/share/consolefonts/Lat15-VGA16.psf.gz

ISO	 := $(B)/basalt.iso
TEST_ISO := $(B)/basalt-test.iso

.PHONY: FORCE all iso kernel run run-uefi debug test host-tests bench \
	check-layering clean help
.DELETE_ON_ERROR:
.SUFFIXES:

all: iso

help:
	@echo "make [all|iso]  build $(ISO) (kernel + GRUB, BIOS and UEFI)"
	@echo "make run        boot it in QEMU (BIOS); make run-uefi (OVMF)"
	@echo "make debug      QEMU halted with a gdb stub; then gdb -x $(B)/gdbinit"
	@echo "make test       host unit tests + QEMU boot tests"
	@echo "make check-layering   generic code includes only arch/arch.h"
	@echo "options: CROSS=x86_64-elf-  ACCEL=kvm  MEM=512M  CMDLINE='...'"

kernel: $(B)/kernel.elf

# ---- compiling --------------------------------------------------------------
# The stamp changes only when the flags do, so that changing CFLAGS (or
# CROSS) rebuilds everything while an unchanged tree rebuilds nothing.
$(B)/flags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS) $(NASM) $(NASMFLAGS) $(LD) $(LDFLAGS)' | \
		cmp -s - $@ || echo '$(CC) $(CFLAGS) $(NASM) $(NASMFLAGS) $(LD) $(LDFLAGS)' > $@
FORCE:

$(B)/%.o: %.c $(B)/flags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.asm $(B)/flags.stamp
	@mkdir -p $(@D)
	$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

$(B)/gen/font8x16.c: scripts/psf2c.py
	@mkdir -p $(@D)
	@test -r $(FONT_PSF) || { echo "$(FONT_PSF) missing: install the Debian package 'console-setup-linux'"; exit 1; }
	$(PYTHON) scripts/psf2c.py $(FONT_PSF) > $@

$(B)/gen/%.o: $(B)/gen/%.c $(B)/flags.stamp
	$(CC) $(CFLAGS) -c $< -o $@

# ---- linking: two passes so the kernel carries its own symbol table --------
# Pass 1 links with an empty table; its text symbols become the table of
# pass 2.  .ksyms sits after .text, so the table's size moves no function.
define kernel_link
$(B)/$(1).pass1.elf: $(2) $(B)/gen/ksyms_empty.o linker.ld
	$(LD) $(LDFLAGS) -o $$@ $(2) $(B)/gen/ksyms_empty.o

$(B)/gen/$(1)_ksyms.c: $(B)/$(1).pass1.elf scripts/genksyms.py
	$(NM) -n $$< | $(PYTHON) scripts/genksyms.py > $$@

$(B)/$(1).elf: $(2) $(B)/gen/$(1)_ksyms.o linker.ld
	$(LD) $(LDFLAGS) -o $$@ $(2) $(B)/gen/$(1)_ksyms.o
	@$(NM) -n $$@ | $(PYTHON) scripts/genksyms.py --check $(B)/gen/$(1)_ksyms.c
	$(NM) -n $$@ > $(B)/$(1).sym
	$(OBJDUMP) -d -M intel -S $$@ > $(B)/$(1).asm 2>/dev/null
endef
$(eval $(call kernel_link,kernel,$(OBJS)))
$(eval $(call kernel_link,kernel-test,$(OBJS) $(KTEST_OBJS)))

$(B)/gen/ksyms_empty.c: scripts/genksyms.py
	@mkdir -p $(@D)
	$(PYTHON) scripts/genksyms.py < /dev/null > $@

# ---- ISO images (BIOS + UEFI hybrid, CD and USB stick) ---------------------
define iso_rule
$(1): $(2) $(3) scripts/mkiso.sh
	@test -d $(GRUB_BIOS_DIR) || { echo "$(GRUB_BIOS_DIR) missing: install the Debian package 'grub-pc-bin'"; exit 1; }
	@test -d $(GRUB_EFI_DIR) || { echo "$(GRUB_EFI_DIR) missing: install the Debian package 'grub-efi-amd64-bin'"; exit 1; }
	@command -v grub-mkrescue >/dev/null || { echo "grub-mkrescue not found: install the Debian package 'grub-common'"; exit 1; }
	@command -v xorriso >/dev/null || { echo "xorriso not found: install the Debian package 'xorriso'"; exit 1; }
	@command -v mformat >/dev/null || { echo "mformat not found: install the Debian package 'mtools'"; exit 1; }
	sh scripts/mkiso.sh $$@ $(2) $(3)
endef
iso: $(ISO)
$(eval $(call iso_rule,$(ISO),$(B)/kernel.elf,grub.cfg))
$(eval $(call iso_rule,$(TEST_ISO),$(B)/kernel-test.elf,tests/grub-test.cfg))

# ---- running ----------------------------------------------------------------
ACCEL	?= tcg
MEM	?= 512M
QEMU_CPU ?= max
QEMU_COMMON = -machine q35,accel=$(ACCEL) -cpu $(QEMU_CPU) -m $(MEM) \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot -nic none
# A window when a display exists, else the serial console on this terminal.
QEMU_DISPLAY = $(if $(DISPLAY)$(WAYLAND_DISPLAY),-serial stdio,-nographic)
OVMF_CODE ?= $(firstword $(wildcard /usr/share/OVMF/OVMF_CODE_4M.fd /usr/share/OVMF/OVMF_CODE.fd))
OVMF_VARS ?= $(firstword $(wildcard /usr/share/OVMF/OVMF_VARS_4M.fd /usr/share/OVMF/OVMF_VARS.fd))

run: $(ISO)
	$(QEMU) $(QEMU_COMMON) $(QEMU_DISPLAY) -cdrom $(ISO)

run-uefi: $(ISO)
	@test -r "$(OVMF_CODE)" || { echo "OVMF firmware missing: install the Debian package 'ovmf'"; exit 1; }
	cp $(OVMF_VARS) $(B)/ovmf_vars.fd
	$(QEMU) $(QEMU_COMMON) $(QEMU_DISPLAY) \
		-drive if=pflash,format=raw,readonly=on,file=$(OVMF_CODE) \
		-drive if=pflash,format=raw,file=$(B)/ovmf_vars.fd -cdrom $(ISO)

debug: $(ISO)
	@printf 'file $(B)/kernel.elf\ntarget remote localhost:1234\n' > $(B)/gdbinit
	@echo "QEMU waits for gdb: in another terminal run  gdb -x $(B)/gdbinit"
	$(QEMU) $(QEMU_COMMON) $(QEMU_DISPLAY) -s -S -cdrom $(ISO)

# ---- tests ------------------------------------------------------------------
$(B)/host/unit_tests: $(HOST_SRCS) $(wildcard tests/host/*.h kernel/*.h drivers/*.h mm/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $(HOST_SRCS)

host-tests: $(B)/host/unit_tests
	$(B)/host/unit_tests

# The last line of `make test` is exactly "N passed, M failed" (stdout).
test: $(B)/host/unit_tests $(ISO) $(TEST_ISO) check-layering
	@$(PYTHON) tests/run_tests.py --build $(B)

# Benchmarks: printed as `BENCH name=... ns_per_op=...`, never asserted.
bench: $(TEST_ISO)
	@$(PYTHON) tests/run_tests.py --build $(B) --bench

check-layering:
	@sh scripts/check-layering.sh

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(KTEST_OBJS:.o=.d)
