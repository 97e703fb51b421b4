/*
 * kernel/elf.h: ELF64 executables, as far as exec needs them
 * (kernel/elf.c: header checks, pure and unit-tested on the host).
 */
#pragma once
#include "kernel/types.h"

#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_EH_FRAME	0x6474e550
#define PT_GNU_STACK	0x6474e551
#define PT_GNU_RELRO	0x6474e552
#define PT_GNU_PROPERTY	0x6474e553
#define PF_X		1
#define PF_W		2
#define PF_R		4

/* Auxiliary vector keys (Linux). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31

struct elf_ehdr {
	uint8_t	 e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
		 e_shstrndx;
};

struct elf_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf_info {
	unsigned int type;		/* ET_EXEC or ET_DYN */
	uint64_t entry;
	uint64_t phoff;
	unsigned int phnum;
	uint64_t phdr_vaddr;		/* where the program headers are mapped */
	bool	 interp;		/* has PT_INTERP: needs a dynamic loader */
	bool	 exec_stack;		/* PT_GNU_STACK asks for PF_X */
};

#define ELF_MAX_PHNUM	64
#define ELF_USER_LIMIT	0x0000700000000000ull	/* segments must end below */

/*
 * elf_check - validate an executable whose first @len bytes are @head and
 * whose size is @file_size: identification, byte order, machine,
 * type, every program header (inside @head), every PT_LOAD (offsets and
 * sizes inside the file, filesz <= memsz, no overflow, below
 * ELF_USER_LIMIT, congruent offset and address, no W+X), the entry in
 * an executable segment.  Returns 0 and fills @out, or -ENOEXEC.
 * Context: pure.
 */
int	elf_check(const void *head, size_t len, uint64_t file_size,
		  struct elf_info *out);

/* elf_phdr - program header @i of a checked @head. */
const struct elf_phdr *elf_phdr(const void *head, const struct elf_info *in,
				unsigned int i);
