/*
 * tests/host/elf_test.c: elf_check() against crafted and hostile headers.
 */
#include <string.h>

#include "kernel/elf.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"

#define FILE_SIZE	0x3000

static unsigned char img[4096];

/* good - a minimal static executable: text R-X at 0x401000 (the entry),
 * data RW- after it, a PT_GNU_STACK. */
static struct elf_phdr *
good(void)
{
	struct elf_ehdr *e = (struct elf_ehdr *)img;
	struct elf_phdr *ph = (struct elf_phdr *)(img + 64);

	memset(img, 0, sizeof(img));
	memcpy(e->e_ident, "\177ELF", 4);
	e->e_ident[4] = 2;
	e->e_ident[5] = 1;
	e->e_ident[6] = 1;
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = 1;
	e->e_entry = 0x401010;
	e->e_phoff = 64;
	e->e_ehsize = 64;
	e->e_phentsize = sizeof(*ph);
	e->e_phnum = 3;
	ph[0] = (struct elf_phdr){ PT_LOAD, PF_R | PF_X, 0x1000, 0x401000,
				   0x401000, 0x1000, 0x1000, 0x1000 };
	ph[1] = (struct elf_phdr){ PT_LOAD, PF_R | PF_W, 0x2000, 0x402000,
				   0x402000, 0x800, 0x3000, 0x1000 };
	ph[2] = (struct elf_phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0,
				   16 };
	return ph;
}

static int
check(void)
{
	struct elf_info info;

	return elf_check(img, sizeof(img), FILE_SIZE, &info);
}

HTEST(elf_accepts_a_static_executable)
{
	struct elf_info info;

	good();
	EXPECT_EQ(elf_check(img, sizeof(img), FILE_SIZE, &info), 0);
	EXPECT_EQ(info.type, ET_EXEC);
	EXPECT_EQ(info.entry, 0x401010);
	EXPECT_EQ(info.phnum, 3);
	EXPECT_TRUE(!info.interp);
	EXPECT_TRUE(!info.exec_stack);
	EXPECT_EQ(info.phdr_vaddr, 0);	/* headers are in no segment here */
}

HTEST(elf_rejects_bad_identification)
{
	struct elf_ehdr *e = (struct elf_ehdr *)img;

	good();
	e->e_ident[0] = 0;
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_ident[5] = 2;			/* big-endian */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_machine = 3;			/* i386 */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_type = 1;				/* ET_REL */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_phentsize = 32;
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_phnum = 0;
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_phnum = 65;
	EXPECT_EQ(check(), -ENOEXEC);
}

HTEST(elf_rejects_headers_outside_the_file)
{
	struct elf_ehdr *e = (struct elf_ehdr *)img;
	struct elf_info info;

	good();
	e->e_phoff = 4090;			/* runs past what was read */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_phoff = ~0ull - 8;			/* wraps */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	EXPECT_EQ(elf_check(img, 32, FILE_SIZE, &info), -ENOEXEC);  /* short */
	EXPECT_EQ(elf_check(img, sizeof(img), 100, &info), -ENOEXEC);
}

HTEST(elf_rejects_bad_segments)
{
	struct elf_phdr *ph;

	ph = good();
	ph[1].p_filesz = ph[1].p_memsz + 1;	/* filesz > memsz */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_offset = FILE_SIZE;		/* data past the end */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_offset = ~0ull - 0x100;		/* offset + filesz wraps */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_vaddr = 0xffffffff80000000ull;	/* kernel half */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_memsz = ~0ull - 0x1000;		/* vaddr + memsz wraps */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_vaddr += 8;			/* offset and address disagree */
	EXPECT_EQ(check(), -ENOEXEC);
	ph = good();
	ph[1].p_flags |= PF_X;			/* W+X */
	EXPECT_EQ(check(), -ENOEXEC);
}

HTEST(elf_entry_must_be_in_an_executable_segment)
{
	struct elf_ehdr *e = (struct elf_ehdr *)img;

	good();
	e->e_entry = 0x402010;			/* in the data segment */
	EXPECT_EQ(check(), -ENOEXEC);
	good();
	e->e_entry = 0x10;			/* nowhere */
	EXPECT_EQ(check(), -ENOEXEC);
}

HTEST(elf_notes_interp_exec_stack_and_phdr)
{
	struct elf_phdr *ph = good();
	struct elf_ehdr *e = (struct elf_ehdr *)img;
	struct elf_info info;

	ph[2].p_type = PT_INTERP;
	EXPECT_EQ(elf_check(img, sizeof(img), FILE_SIZE, &info), 0);
	EXPECT_TRUE(info.interp);
	ph = good();
	ph[2].p_flags |= PF_X;
	EXPECT_EQ(elf_check(img, sizeof(img), FILE_SIZE, &info), 0);
	EXPECT_TRUE(info.exec_stack);
	ph = good();
	ph[0].p_offset = 0;			/* text maps the headers too */
	ph[0].p_vaddr = ph[0].p_paddr = 0x400000;
	ph[0].p_filesz = ph[0].p_memsz = 0x2000;
	e->e_entry = 0x400100;
	EXPECT_EQ(elf_check(img, sizeof(img), FILE_SIZE, &info), 0);
	EXPECT_EQ(info.phdr_vaddr, 0x400040);
	e->e_type = ET_DYN;			/* static PIE */
	EXPECT_EQ(elf_check(img, sizeof(img), FILE_SIZE, &info), 0);
	EXPECT_EQ(info.type, ET_DYN);
}

HTEST(elf_random_damage_never_crashes)
{
	struct elf_info info;
	uint64_t s = 0x12345678;

	for (int i = 0; i < 20000; i++) {
		good();
		for (int k = 0; k < 4; k++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			img[s % 300] = (unsigned char)(s >> 40);
		}
		/* Whatever it accepts must still be sane (ASan watches reads). */
		if (elf_check(img, sizeof(img), FILE_SIZE, &info) == 0) {
			EXPECT_TRUE(info.phnum >= 1 && info.phnum <= ELF_MAX_PHNUM);
			EXPECT_TRUE(info.entry < ELF_USER_LIMIT);
		}
	}
}
