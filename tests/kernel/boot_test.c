/*
 * tests/kernel/boot_test.c: in-kernel tests of the boot foundation.
 */
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/format.h"
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/random.h"
#include "kernel/string.h"

void kmain(paddr_t mbi_phys);

/* The symbol table resolves a known function and an address inside it. */
KTEST(ksyms_resolve_kmain)
{
	const char *name = NULL;
	uintptr_t off = 1;

	KEXPECT_EQ(ksym_lookup((uintptr_t)kmain, &name, &off), 0);
	KEXPECT(name != NULL && strcmp(name, "kmain") == 0);
	KEXPECT_EQ(off, 0);
	KEXPECT_EQ(ksym_lookup((uintptr_t)kmain + 3, &name, &off), 0);
	KEXPECT_EQ(off, 3);
	KEXPECT_EQ(ksym_lookup(0x1000, &name, &off), -1);
}

/* A printk'd line lands in the log ring, timestamped, and reads back. */
KTEST(log_ring_keeps_messages)
{
	char buf[128];
	uint64_t before = log_position();
	size_t held, n;

	printk(LOG_DEBUG, "ktest marker %d\n", 4242);
	KEXPECT(log_position() > before);
	held = log_size();
	n = log_read(buf, sizeof(buf) - 1, held - (log_position() - before));
	buf[n] = '\0';
	KEXPECT(n > 0 && buf[0] == '[');
	KEXPECT(strstr(buf, "ktest marker 4242\n") != NULL);
}

/* GRUB gave us a memory map with usable RAM and its own name. */
KTEST(boot_info_sane)
{
	uint64_t usable = 0;

	KEXPECT(boot_info.mmap_count > 0);
	for (size_t i = 0; i < boot_info.mmap_count; i++)
		if (boot_info.mmap[i].type == BOOT_MEM_AVAILABLE)
			usable += boot_info.mmap[i].len;
	KEXPECT(usable >= 16ull << 20);
	KEXPECT(strncmp(boot_info.loader_name, "GRUB", 4) == 0);
	KEXPECT(boot_info.mbi_end > boot_info.mbi_start);
	KEXPECT_EQ(boot_info.bad_tags, 0);
}

/* kernel string primitives, including overlapping memmove. */
KTEST(string_primitives)
{
	char buf[16] = "abcdefgh";

	memmove(buf + 2, buf, 6);
	KEXPECT_STREQ(buf, "ababcdef");
	memmove(buf, buf + 2, 7);
	KEXPECT_STREQ(buf, "abcdef");
	KEXPECT_EQ(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)), 19);
	KEXPECT_STREQ(buf, "0123456789abcde");
	KEXPECT(memcmp("abc", "abd", 3) < 0);
	KEXPECT_EQ(strnlen("abc", 2), 2);
}

/* Run with `console=ttyS0 loglevel=7 foo=bar test=cmdline_echo`. */
KTEST_F(cmdline_echo, KTEST_MANUAL)
{
	KEXPECT_EQ(kernel_cmdline.consoles, CONSOLE_SERIAL);
	KEXPECT_EQ(kernel_cmdline.loglevel, 7);
	KEXPECT_EQ(kernel_cmdline.unknown, 1);
	KEXPECT(cmdline_get(&kernel_cmdline, "foo") != NULL);
	KEXPECT_STREQ(cmdline_get(&kernel_cmdline, "foo"), "bar");
	KEXPECT_STREQ(kernel_cmdline.test, "cmdline_echo");
	KEXPECT_STREQ(kernel_cmdline.init, "/sbin/init");
}

/* Deliberately fault: the boot test checks the panic output. */
KTEST_F(panic_fault, KTEST_MANUAL)
{
	*(volatile uint32_t *)0xdeadull = 1;
	ktest_fail(__FILE__, __LINE__, "the write to 0xdead did not fault");
}

/* The early generator does not repeat itself (a stuck source would). */
KTEST(random_early_varies)
{
	uint64_t seen[64];
	int repeats = 0;

	for (int i = 0; i < 64; i++) {
		seen[i] = random_early_u64();
		for (int j = 0; j < i; j++)
			repeats += seen[j] == seen[i];
	}
	KEXPECT_EQ(repeats, 0);
	KEXPECT(random_source()[0] != 'n');	/* "none": never seeded */
}
