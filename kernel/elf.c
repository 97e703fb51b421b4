/*
 * kernel/elf.c: checking an ELF64 executable before loading it
 * (kernel/elf.h).  Every field is checked against the file; a malformed
 * file is -ENOEXEC, never a crash.  Pure: no allocation, no globals.
 */
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/string.h"

#define PAGE	4096ull

static bool
ident_ok(const struct elf_ehdr *e)
{
	/* EI_CLASS is not checked: Linux's x86_64 loader runs an
	 * EM_X86_64 file whatever its class byte says (tests/user). */
	return memcmp(e->e_ident, "\177ELF", 4) == 0 &&
	       e->e_ident[5] == 1 &&		/* little-endian */
	       e->e_ident[6] == 1 &&		/* EV_CURRENT */
	       e->e_version == 1 && e->e_machine == EM_X86_64 &&
	       (e->e_type == ET_EXEC || e->e_type == ET_DYN) &&
	       e->e_phentsize == sizeof(struct elf_phdr) &&
	       e->e_phnum > 0 && e->e_phnum <= ELF_MAX_PHNUM;
}

/* load_ok - one PT_LOAD's checks; @entry_in set if it holds the entry. */
static bool
load_ok(const struct elf_phdr *ph, uint64_t file_size, uint64_t entry,
	bool *entry_in)
{
	if (ph->p_filesz > ph->p_memsz ||
	    ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return false;
	if (ph->p_vaddr >= ELF_USER_LIMIT ||
	    ph->p_memsz > ELF_USER_LIMIT - ph->p_vaddr)
		return false;
	if ((ph->p_vaddr - ph->p_offset) % PAGE)	/* not mappable */
		return false;
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return false;				/* W^X */
	if ((ph->p_flags & PF_X) && entry >= ph->p_vaddr &&
	    entry - ph->p_vaddr < ph->p_memsz)
		*entry_in = true;
	return true;
}

/* phdr_vaddr - where the headers are visible: PT_PHDR, or the PT_LOAD
 * that maps file offset e_phoff. */
static uint64_t
phdr_vaddr(const struct elf_phdr *ph, unsigned int n, uint64_t phoff)
{
	for (unsigned int i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr;
	for (unsigned int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && phoff >= ph[i].p_offset &&
		    phoff - ph[i].p_offset < ph[i].p_filesz)
			return ph[i].p_vaddr + (phoff - ph[i].p_offset);
	return 0;
}

int
elf_check(const void *head, size_t len, uint64_t file_size,
	  struct elf_info *out)
{
	const struct elf_ehdr *e = head;
	const struct elf_phdr *ph;
	bool entry_in = false, any_load = false;

	if (len < sizeof(*e) || file_size < len || !ident_ok(e))
		return -ENOEXEC;
	if (e->e_phoff > len ||
	    (uint64_t)e->e_phnum * sizeof(*ph) > len - e->e_phoff ||
	    e->e_phoff % 8)
		return -ENOEXEC;
	ph = (const struct elf_phdr *)((const uint8_t *)head + e->e_phoff);
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < e->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			out->interp = true;
		if (ph[i].p_type == PT_GNU_STACK)
			out->exec_stack = ph[i].p_flags & PF_X;
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (!load_ok(&ph[i], file_size, e->e_entry, &entry_in))
			return -ENOEXEC;
		any_load = true;
	}
	if (!any_load || !entry_in)
		return -ENOEXEC;
	out->type = e->e_type;
	out->entry = e->e_entry;
	out->phoff = e->e_phoff;
	out->phnum = e->e_phnum;
	out->phdr_vaddr = phdr_vaddr(ph, e->e_phnum, e->e_phoff);
	return 0;
}

const struct elf_phdr *
elf_phdr(const void *head, const struct elf_info *in, unsigned int i)
{
	return (const struct elf_phdr *)((const uint8_t *)head + in->phoff) + i;
}
