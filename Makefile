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
NASMFLAGS := -f elf64 -g -F dwarf -Werror -I./
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
HOST_PURE := kernel/format.c kernel/cmdline.c kernel/mb2.c drivers/vt.c mm/kmalloc.c mm/bitmap.c mm/memmap.c kernel/calendar.c drivers/acpi.c drivers/keymap.c kernel/chacha20.c fs/cpio.c kernel/elf.c drivers/ldisc.c
HOST_SRCS := $(wildcard tests/host/*.c) $(HOST_PURE)

FONT_PSF ?= /usr/share/consolefonts/Lat15-VGA16.psf.gz

ISO	 := $(B)/basalt.iso
TEST_ISO := $(B)/basalt-test.iso

.PHONY: FORCE docs check-docs all iso kernel run run-uefi debug test host-tests bench \
	check-layering clean help fuzz
.DELETE_ON_ERROR:
.SUFFIXES:

all: iso

help:
	@echo "make [all|iso]  build $(ISO) (kernel + GRUB, BIOS and UEFI)"
	@echo "make run        boot it in QEMU (BIOS); make run-uefi (OVMF)"
	@echo "make debug      QEMU halted with a gdb stub; then gdb -x $(B)/gdbinit"
	@echo "make test       host unit tests + QEMU boot tests"
	@echo "make host-utests  the system-call tests (tests/user) on this Linux host"
	@echo "make check-layering   generic code includes only arch/arch.h"
	@echo "make $(B)/initrd.cpio   the initial RAM disk, from initrd/"
	@echo "make fuzz       fuzz the cpio parser (clang); FUZZ_TIME=seconds"
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

# ---- user programs (tests/user): static musl binaries -----------------------
# Linux x86_64 programs built with Debian's musl-tools; they run on the build
# host (make host-utests) and inside Basalt (from /bin of the initrd).
# exec_target_pie is a true static PIE: Debian's `musl-gcc -static-pie` links
# libc.so and keeps PT_INTERP, so it is linked by hand with musl's rcrt1.o
# (which relocates itself), -pie and --no-dynamic-linker.
MUSLCC	    ?= musl-gcc
MUSL_LIBDIR ?= /usr/lib/x86_64-linux-musl
# -Wno-format-truncation: failure messages are cut to fit on purpose.
UCFLAGS	    := -std=gnu11 -O2 $(WARN) -Wno-format-truncation -I.
UT_SRCS	    := tests/user/utests.c tests/user/ut.c $(wildcard tests/user/t_*.c)
UT_HDRS	    := $(wildcard tests/user/*.h)
USER_SIMPLE := exec_target true_min bench ttytest
USER_BINS   := $(addprefix $(B)/user/,utests exec_target_pie $(USER_SIMPLE))
# Files copied into /bin of the initrd (build/initrd-root/bin/).
INITRD_EXTRA += $(USER_BINS)
need_musl    = @command -v $(MUSLCC) >/dev/null || { echo "$(MUSLCC) not \
	found: install the Debian package 'musl-tools' (or run \
	scripts/install-deps.sh)"; exit 1; }

$(B)/user/flags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(MUSLCC) $(UCFLAGS) $(MUSL_LIBDIR)' | cmp -s - $@ || \
		echo '$(MUSLCC) $(UCFLAGS) $(MUSL_LIBDIR)' > $@

$(B)/user/utests: $(UT_SRCS) $(UT_HDRS) $(B)/user/flags.stamp
	$(need_musl)
	$(MUSLCC) -static $(UCFLAGS) -o $@ $(UT_SRCS)

$(addprefix $(B)/user/,$(USER_SIMPLE)): $(B)/user/%: tests/user/%.c \
		$(UT_HDRS) $(B)/user/flags.stamp
	$(need_musl)
	$(MUSLCC) -static $(UCFLAGS) -o $@ $<

$(B)/user/exec_target_pie: tests/user/exec_target.c $(B)/user/flags.stamp
	$(need_musl)
	@test -r $(MUSL_LIBDIR)/rcrt1.o || { echo "$(MUSL_LIBDIR)/rcrt1.o \
		missing: install the Debian package 'musl-dev'"; exit 1; }
	$(MUSLCC) $(UCFLAGS) -fPIE -static -nostartfiles -Wl,-pie \
		-Wl,--no-dynamic-linker -Wl,-z,text -o $@ \
		$(MUSL_LIBDIR)/rcrt1.o $(MUSL_LIBDIR)/crti.o \
		$$($(MUSLCC) -print-file-name=crtbeginS.o) $< \
		$$($(MUSLCC) -print-file-name=crtendS.o) $(MUSL_LIBDIR)/crtn.o
	@readelf -l $@ | grep -q INTERP && { echo "$@: has PT_INTERP"; \
		exit 1; } || true

# The system itself: /sbin/init, /bin/sh and the multi-call coreutils
# (installed in /bin under each utility's name, as symlinks to it).
SH_SRCS	    := $(wildcard user/sh/*.c)
CU_SRCS	    := $(wildcard user/coreutils/*.c)
INIT_SRCS   := $(wildcard user/init/*.c)
SYSTEM_BINS := $(B)/user/sh $(B)/user/coreutils $(B)/user/init
# The shell's golden tests also run inside Basalt, from /test/sh.
SH_TESTS    := $(wildcard user/sh/tests/*.sh user/sh/tests/*.out)

$(B)/user/sh: $(SH_SRCS) $(wildcard user/sh/*.h) $(B)/user/flags.stamp
	$(need_musl)
	$(MUSLCC) -static $(UCFLAGS) -o $@ $(SH_SRCS)

$(B)/user/coreutils: $(CU_SRCS) $(wildcard user/coreutils/*.h) $(B)/user/flags.stamp
	$(need_musl)
	$(MUSLCC) -static $(UCFLAGS) -o $@ $(CU_SRCS)

$(B)/user/init: $(INIT_SRCS) $(wildcard user/init/*.h) $(B)/user/flags.stamp
	$(need_musl)
	$(MUSLCC) -static $(UCFLAGS) -o $@ $(INIT_SRCS)

.PHONY: user host-utests
user: $(USER_BINS) $(SYSTEM_BINS)

# The system-call tests on this Linux host (each in a forked child, in a
# scratch directory under /tmp that utests makes and removes).
host-utests: $(USER_BINS)
	$(B)/user/utests

# ---- the initial RAM disk -----------------------------------------------------
# build/initrd.cpio packs the staging tree $(INITRD_STAGE): everything under
# initrd/ but its README, plus generated files (test/blob.bin, whose CRC-32
# the in-kernel test reads from $(B)/gen/initrd_crc.h) and INITRD_EXTRA
# (copied into /bin: the user programs).  Other generated files: copy them
# in the recipe and list them as prerequisites.  The tree is rebuilt from
# scratch, so a file deleted from initrd/ disappears (directories are
# prerequisites too: their times change when an entry comes or goes).
# build/initrd-bad.cpio is the same archive with hostile entries, a broken
# header and a truncated tail, for the boot tests (scripts/initrd-bad.py).
INITRD	     := $(B)/initrd.cpio
INITRD_BAD   := $(B)/initrd-bad.cpio
INITRD_STAGE := $(B)/initrd-root
INITRD_SRC   := $(shell find initrd 2>/dev/null)
INITRD_GEN   := $(B)/gen/initrd-blob.bin

$(B)/gen/initrd-blob.bin $(B)/gen/initrd_crc.h &: scripts/initrd-blob.py
	@mkdir -p $(@D)
	$(PYTHON) scripts/initrd-blob.py $(B)/gen/initrd-blob.bin $(B)/gen/initrd_crc.h

$(INITRD): $(INITRD_SRC) $(INITRD_GEN) $(INITRD_EXTRA) $(SYSTEM_BINS) $(SH_TESTS) Makefile
	@command -v cpio >/dev/null || { echo "cpio not found: install the Debian package 'cpio'"; exit 1; }
	rm -rf $(INITRD_STAGE)
	mkdir -p $(INITRD_STAGE)/test
	cp -a initrd/. $(INITRD_STAGE)/
	rm -f $(INITRD_STAGE)/README
	cp $(B)/gen/initrd-blob.bin $(INITRD_STAGE)/test/blob.bin
	mkdir -p $(INITRD_STAGE)/bin
	$(if $(INITRD_EXTRA),cp $(INITRD_EXTRA) $(INITRD_STAGE)/bin/)
	mkdir -p $(INITRD_STAGE)/sbin $(INITRD_STAGE)/tmp $(INITRD_STAGE)/root \
		$(INITRD_STAGE)/mnt $(INITRD_STAGE)/home $(INITRD_STAGE)/usr
	chmod 1777 $(INITRD_STAGE)/tmp
	ln -s ../bin $(INITRD_STAGE)/usr/bin	# one set of programs: the
	ln -s ../sbin $(INITRD_STAGE)/usr/sbin	# usr-merge, the other way
	cp $(B)/user/init $(INITRD_STAGE)/sbin/init
	cp $(B)/user/sh $(B)/user/coreutils $(INITRD_STAGE)/bin/
	mkdir -p $(INITRD_STAGE)/test/sh
	cp $(SH_TESTS) $(INITRD_STAGE)/test/sh/
	for n in $$($(B)/user/coreutils --list); do \
		ln -s coreutils $(INITRD_STAGE)/bin/$$n || exit 1; done
	cd $(INITRD_STAGE) && find . | LC_ALL=C sort | \
		cpio -o -H newc --quiet -R 0:0 > $(abspath $@).tmp
	mv $@.tmp $@

$(INITRD_BAD): $(INITRD) scripts/initrd-bad.py
	$(PYTHON) scripts/initrd-bad.py $(INITRD) $@

$(B)/tests/kernel/initrd_test.o: CFLAGS += -I$(B)/gen
$(B)/tests/kernel/initrd_test.o: $(B)/gen/initrd_crc.h

# ---- ISO images (BIOS + UEFI hybrid, CD and USB stick) ---------------------
# $(4): boot modules, copied next to the kernel (/boot/).
define iso_rule
$(1): $(2) $(3) $(4) scripts/mkiso.sh
	@test -d $(GRUB_BIOS_DIR) || { echo "$(GRUB_BIOS_DIR) missing: install the Debian package 'grub-pc-bin'"; exit 1; }
	@test -d $(GRUB_EFI_DIR) || { echo "$(GRUB_EFI_DIR) missing: install the Debian package 'grub-efi-amd64-bin'"; exit 1; }
	@command -v grub-mkrescue >/dev/null || { echo "grub-mkrescue not found: install the Debian package 'grub-common'"; exit 1; }
	@command -v xorriso >/dev/null || { echo "xorriso not found: install the Debian package 'xorriso'"; exit 1; }
	@command -v mformat >/dev/null || { echo "mformat not found: install the Debian package 'mtools'"; exit 1; }
	sh scripts/mkiso.sh $$@ $(2) $(3) $(4)
endef
iso: $(ISO)
$(eval $(call iso_rule,$(ISO),$(B)/kernel.elf,grub.cfg,$(INITRD)))
$(eval $(call iso_rule,$(TEST_ISO),$(B)/kernel-test.elf,tests/grub-test.cfg,$(INITRD) $(INITRD_BAD)))

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
$(B)/host/unit_tests: $(HOST_SRCS) $(wildcard tests/host/*.h kernel/*.h drivers/*.h mm/*.h fs/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $(HOST_SRCS)

host-tests: $(B)/host/unit_tests
	$(B)/host/unit_tests

# The last line of `make test` is exactly "N passed, M failed" (stdout).
test: $(B)/host/unit_tests $(USER_BINS) $(SYSTEM_BINS) $(ISO) $(TEST_ISO) check-layering check-docs
	@$(PYTHON) tests/run_tests.py --build $(B)

# Benchmarks: printed as `BENCH name=... ns_per_op=...`, never asserted.
bench: $(TEST_ISO)
	@$(PYTHON) tests/run_tests.py --build $(B) --bench

check-layering:
	@sh scripts/check-layering.sh

# docs/SYSCALLS.md is generated from the kernel's table; make test checks
# that the committed copy is current.
docs:
	$(PYTHON) scripts/gen-syscalls.py > docs/SYSCALLS.md

check-docs:
	@$(PYTHON) scripts/gen-syscalls.py --check docs/SYSCALLS.md && \
		echo "check-docs: docs/SYSCALLS.md is current"

# ---- fuzzing (not part of make test) ---------------------------------------
# libFuzzer on the cpio parser for FUZZ_TIME seconds, from seeds written by
# tests/fuzz/mkcorpus.py; new inputs collect in $(B)/fuzz/corpus and a
# crashing input is saved as $(B)/fuzz/crash-*.
FUZZ_CC	  ?= clang
FUZZ_TIME ?= 30
FUZZFLAGS := -std=gnu11 -O1 -g -I. -DHOST_TEST -fno-omit-frame-pointer \
	     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

$(B)/fuzz/cpio_fuzz: tests/fuzz/cpio_fuzz.c fs/cpio.c fs/cpio.h
	@command -v $(FUZZ_CC) >/dev/null || { echo "$(FUZZ_CC) not found: install the Debian package 'clang'"; exit 1; }
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) -o $@ tests/fuzz/cpio_fuzz.c fs/cpio.c

$(B)/fuzz/corpus.stamp: tests/fuzz/mkcorpus.py
	$(PYTHON) tests/fuzz/mkcorpus.py $(B)/fuzz/corpus
	@touch $@

fuzz: $(B)/fuzz/cpio_fuzz $(B)/fuzz/corpus.stamp
	$(B)/fuzz/cpio_fuzz -max_total_time=$(FUZZ_TIME) -max_len=16384 \
		-artifact_prefix=$(B)/fuzz/ $(B)/fuzz/corpus

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(KTEST_OBJS:.o=.d)
