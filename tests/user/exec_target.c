/*
 * tests/user/exec_target.c: the program the execve tests run (t_exec.c).
 *
 *	exec_target [ARG...]		report what the kernel gave us
 *	exec_target exit N		_exit(N) at once
 *	exec_target stack KIB		use KIB KiB of stack, then _exit(0)
 *
 * The report goes to the file named by the environment variable ET_OUT (or
 * to stdout), one `key value` line each: pid, ppid, argc, argv0..., envc,
 * env0..., pagesz, random (AT_RANDOM as hex), entry, phdr, type, execfn,
 * fds (the open descriptors below 64).  It exits 0 if the report was
 * written, 1 if not.  Built twice: static (ET_EXEC) and static-PIE (ET_DYN,
 * no PT_INTERP) as exec_target_pie.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];			/* musl's crt1.o / rcrt1.o */
extern const Elf64_Ehdr __ehdr_start;	/* GNU ld: our own ELF header */

/* Prints AT_RANDOM's 16 bytes as hex, or "null". */
static void
print_random(FILE *f)
{
	const unsigned char *r = (const void *)getauxval(AT_RANDOM);

	fprintf(f, "random ");
	if (!r)
		fprintf(f, "null");
	for (int i = 0; r && i < 16; i++)
		fprintf(f, "%02x", r[i]);
	fprintf(f, "\n");
}

/* Prints the auxiliary-vector facts: page size, entry, headers, name. */
static void
print_auxv(FILE *f)
{
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	unsigned long phdr = getauxval(AT_PHDR);
	unsigned long want = (unsigned long)&__ehdr_start +
			     __ehdr_start.e_phoff;

	fprintf(f, "pagesz %lu\n", getauxval(AT_PAGESZ));
	print_random(f);
	fprintf(f, "entry %s\n",
		getauxval(AT_ENTRY) == (unsigned long)_start ? "ok" : "bad");
	fprintf(f, "phdr %s\n", phdr && phdr == want ? "ok" : "bad");
	fprintf(f, "phent %lu\n", getauxval(AT_PHENT));
	fprintf(f, "phnum %s\n", getauxval(AT_PHNUM) == __ehdr_start.e_phnum ?
			 "ok" : "bad");
	fprintf(f, "type %s\n", __ehdr_start.e_type == ET_DYN ? "DYN" :
				__ehdr_start.e_type == ET_EXEC ? "EXEC" : "?");
	fprintf(f, "execfn %s\n", execfn ? execfn : "(null)");
}

/* Prints the descriptors below 64 that are open. */
static void
print_fds(FILE *f, int self)
{
	fprintf(f, "fds");
	for (int fd = 0; fd < 64; fd++)
		if (fd != self && fcntl(fd, F_GETFD) >= 0)
			fprintf(f, " %d", fd);
	fprintf(f, "\n");
}

/* use_stack - recurse through @kib KiB of stack, touching every page. */
static int __attribute__((noinline))
use_stack(long kib)
{
	volatile char page[4096];

	page[0] = (char)kib;
	if (kib <= 4)
		return page[0];
	return use_stack(kib - 4) + page[0];
}

int
main(int argc, char **argv)
{
	const char *out = getenv("ET_OUT");
	FILE *f = stdout;
	int envc = 0;

	if (argc == 3 && strcmp(argv[1], "stack") == 0) {
		use_stack(atol(argv[2]));
		_exit(0);
	}
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		_exit(atoi(argv[2]));
	if (out && !(f = fopen(out, "w")))
		return 1;
	fprintf(f, "pid %d\nppid %d\nargc %d\n", getpid(), getppid(), argc);
	for (int i = 0; i < argc; i++)
		fprintf(f, "argv%d %s\n", i, argv[i]);
	while (environ[envc])
		envc++;
	fprintf(f, "envc %d\n", envc);
	for (int i = 0; i < envc; i++)
		fprintf(f, "env%d %s\n", i, environ[i]);
	print_auxv(f);
	print_fds(f, out ? fileno(f) : -1);
	return fclose(f) == 0 ? 0 : 1;
}
