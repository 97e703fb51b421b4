/*
 * kernel/exec.c: execve: ELF loading, #! scripts, the initial stack.
 *
 * The new program is built in a fresh address space while the old one
 * still runs; only when everything has worked is the old one dropped, so
 * a failed execve leaves the caller exactly as it was.  Static
 * executables only: ET_EXEC, or ET_DYN without PT_INTERP (static PIE).
 * Segments are read into memory at exec time (no file mappings yet).
 */
#include "arch/arch.h"
#include "fs/d_path.h"
#include "fs/vfs.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

#define HEADER_BYTES	4096		/* ELF header + program headers */
#define SCRIPT_DEPTH	4		/* #! nesting, as Linux */
#define PIE_BASE	0x0000555555554000ul
#define AUX_WORDS	40

struct image {
	struct file	*file;
	uint8_t		*head;		/* the first HEADER_BYTES */
	size_t		 head_len;
	struct addrspace *as;
	uintptr_t	 bias, entry, phdr, brk;
	unsigned int	 phnum;
	uintptr_t	 arg_start, env_start, env_end;	/* strings, for /proc */
};

/* open_exec - open @path for execution: a regular file with an x bit. */
static int
open_exec(const char *path, struct image *im)
{
	struct path cwd = current_proc()->cwd;
	struct kstat st;
	int err = vfs_open(&cwd, path, O_RDONLY, 0, &im->file);

	if (err < 0)
		return err;
	vfs_fstat(im->file, &st);
	if (!S_ISREG(st.mode) || !(st.mode & 0111) ||
	    __atomic_load_n(&im->file->inode->writers, __ATOMIC_RELAXED)) {
		err = S_ISREG(st.mode) && (st.mode & 0111) ? -ETXTBSY : -EACCES;
		file_put(im->file);
		im->file = NULL;
		return err;
	}
	if (!(im->head = kzalloc(HEADER_BYTES)))
		return -ENOMEM;
	im->head_len = (size_t)MAX(0L, (long)vfs_pread(im->file, im->head,
							HEADER_BYTES, 0));
	return 0;
}

static void
close_image(struct image *im)
{
	if (im->file)
		file_put(im->file);
	kfree(im->head);
	if (im->as)
		as_put(im->as);
	memset(im, 0, sizeof(*im));
}

/* load_segment - read one PT_LOAD's bytes into its new region. */
static int
load_segment(struct image *im, const struct elf_phdr *ph)
{
	uintptr_t start = ALIGN_DOWN(im->bias + ph->p_vaddr, PAGE_SIZE);
	uintptr_t end = ALIGN_UP(im->bias + ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned int prot = ((ph->p_flags & PF_W) ? VM_WRITE : 0) |
			    ((ph->p_flags & PF_X) ? VM_EXEC : 0);
	uint8_t *buf;
	int err = vma_add(im->as, start, end, prot, 0);

	if (err < 0)
		return err == -EEXIST ? -ENOEXEC : err;	/* overlapping segments */
	if (!(buf = kmalloc(PAGE_SIZE)))
		return -ENOMEM;
	for (uint64_t done = 0; err == 0 && done < ph->p_filesz;) {
		size_t n = (size_t)MIN((uint64_t)PAGE_SIZE, ph->p_filesz - done);
		if (vfs_pread(im->file, buf, n, ph->p_offset + done) != (ssize_t)n)
			err = -EIO;
		else
			err = as_write_user(im->as, im->bias + ph->p_vaddr + done,
					    buf, n);
		done += n;
	}
	kfree(buf);
	im->brk = MAX(im->brk, end);
	return err;
}

/* load_elf - check the headers and load every segment into im->as. */
static int
load_elf(struct image *im, uint64_t file_size)
{
	struct elf_info info;
	int err = elf_check(im->head, im->head_len, file_size, &info);

	if (err < 0)
		return err;
	if (info.interp) {
		pr_info("exec: %s: dynamically linked (PT_INTERP); only static "
			"programs run for now\n", current_proc()->comm);
		return -ENOEXEC;
	}
	im->bias = info.type == ET_DYN ?
		   PIE_BASE + (random_early_u64() & 0xfffff) * PAGE_SIZE : 0;
	if (!(im->as = as_user_create()))
		return -ENOMEM;
	for (unsigned int i = 0; i < info.phnum; i++) {
		const struct elf_phdr *ph = elf_phdr(im->head, &info, i);
		if (ph->p_type == PT_LOAD && ph->p_memsz > 0 &&
		    (err = load_segment(im, ph)) < 0)
			return err;
	}
	im->entry = im->bias + info.entry;
	im->phdr = im->bias + info.phdr_vaddr;
	im->phnum = info.phnum;
	return 0;
}

/* ---- the initial stack ------------------------------------------------------ */

struct stack {
	struct addrspace *as;
	uintptr_t	 sp;		/* grows down */
	int		 err;
};

/* push_bytes - copy @len bytes below sp; returns their address. */
static uintptr_t
push_bytes(struct stack *s, const void *p, size_t len)
{
	s->sp -= len;
	if (!s->err)
		s->err = as_write_user(s->as, s->sp, p, len);
	return s->sp;
}

static size_t
count(char *const v[])
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* push_strings - push @v's strings; their user addresses go to @out. */
static void
push_strings(struct stack *s, char *const v[], size_t n, uintptr_t *out)
{
	for (size_t i = n; i-- > 0;)
		out[i] = push_bytes(s, v[i], strlen(v[i]) + 1);
}

/* auxv - the auxiliary vector, as Linux builds it. */
static size_t
auxv(uint64_t *a, const struct image *im, uintptr_t random, uintptr_t execfn)
{
	size_t n = 0;
#define AUX(k, v) (a[n++] = (k), a[n++] = (uint64_t)(v))
	AUX(AT_HWCAP, arch_user_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, im->phdr);
	AUX(AT_PHENT, sizeof(struct elf_phdr));
	AUX(AT_PHNUM, im->phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, im->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/*
 * build_stack - the stack a program starts with: from the top, 16 random
 * bytes, the file name, the environment and argument strings; below
 * them, 16-byte aligned: argc, argv[], NULL, envp[], NULL, auxv.
 */
static int
build_stack(struct image *im, const char *path, char *const argv[],
	    char *const envp[], uintptr_t *sp_out)
{
	size_t argc = count(argv), envc = count(envp), words, na;
	struct stack s = { .as = im->as, .sp = USER_STACK_TOP, .err = 0 };
	uint64_t rnd[2] = { random_early_u64(), random_early_u64() }, *v;
	uintptr_t random = push_bytes(&s, rnd, sizeof(rnd));
	uintptr_t execfn = push_bytes(&s, path, strlen(path) + 1);

	words = 1 + argc + 1 + envc + 1 + AUX_WORDS;
	if (!(v = kzalloc(words * 8)))
		return -ENOMEM;
	im->env_end = s.sp;
	push_strings(&s, envp, envc, v + 1 + argc + 1);
	im->env_start = s.sp;
	push_strings(&s, argv, argc, v + 1);
	im->arg_start = s.sp;
	v[0] = argc;
	na = auxv(v + 1 + argc + 1 + envc + 1, im, random, execfn);
	words = 1 + argc + 1 + envc + 1 + na;
	s.sp = ALIGN_DOWN(s.sp - words * 8, 16);
	if (!s.err)
		s.err = as_write_user(im->as, s.sp, v, words * 8);
	kfree(v);
	*sp_out = s.sp;
	return s.err;
}

/* ---- scripts ---------------------------------------------------------------- */

/*
 * script_args - for "#!interp [arg]" in im->head, the argv of the
 * interpreter: interp, [arg], @path, argv[1..].  Returns a kmalloc'd
 * block (vector + strings) or NULL with *err set.
 */
static char **
script_args(struct image *im, const char *path, char *const argv[], int *err)
{
	char line[256], *interp, *arg = NULL, **v, *q;
	size_t len = 0, argc = count(argv), need;

	while (len < im->head_len - 2 && len < sizeof(line) - 1 &&
	       im->head[2 + len] != '\n')
		len++;
	memcpy(line, im->head + 2, len);
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
			   line[len - 1] == '\r'))
		len--;				/* trailing blanks, as Linux */
	line[len] = '\0';
	for (interp = line; *interp == ' ' || *interp == '\t'; interp++)
		;
	for (q = interp; *q && *q != ' ' && *q != '\t'; q++)
		;
	if (*q) {
		*q++ = '\0';
		while (*q == ' ' || *q == '\t')
			q++;
		arg = *q ? q : NULL;
	}
	*err = *interp ? 0 : -ENOEXEC;
	need = (argc + 3) * sizeof(char *) + sizeof(line) + strlen(path) + 1;
	if (*err || !(v = kzalloc(need))) {
		*err = *err ? *err : -ENOMEM;
		return NULL;
	}
	q = (char *)(v + argc + 3);
	memcpy(q, line, sizeof(line));
	memcpy(q + sizeof(line), path, strlen(path) + 1);
	len = 0;
	v[len++] = q + (interp - line);
	if (arg)
		v[len++] = q + (arg - line);
	v[len++] = q + sizeof(line);
	for (size_t i = 1; i < argc; i++)
		v[len++] = argv[i];
	return v;
}

/* ---- execve -------------------------------------------------------------------- */

/*
 * note_exec - what /proc/<pid> shows of the new program: where its
 * argument and environment strings are, its absolute name (@path as
 * given, if no name is found), and that it has exec'd (setpgid).
 */
static void
note_exec(struct proc *p, struct image *im, const char *path)
{
	struct path file = { .mnt = im->file->mnt, .inode = im->file->inode };
	char *exe = kmalloc(sizeof(p->exe));

	if (exe && d_path_hint(&file, &p->cwd, path, exe, sizeof(p->exe)) < 0)
		strlcpy(exe, path, sizeof(p->exe));
	mutex_lock(&proc_lock);		/* /proc reads them under it */
	strlcpy(p->exe, exe ? exe : path, sizeof(p->exe));
	p->arg_start = im->arg_start;
	p->arg_end = p->env_start = im->env_start;
	p->env_end = im->env_end;
	p->did_exec = true;
	mutex_unlock(&proc_lock);
	kfree(exe);
}

/* commit - the point of no return: the process takes the new image. */
static void
commit(struct image *im, const char *path)
{
	struct proc *p = current_proc();
	struct addrspace *old = p->as;
	const char *name = path;

	for (const char *c = path; *c; c++)
		if (*c == '/' && c[1])
			name = c + 1;
	strlcpy(p->comm, name, sizeof(p->comm));
	p->as = im->as;
	p->thread->as = im->as;
	im->as = NULL;
	as_switch(p->as);
	if (old)
		as_put(old);
	p->brk_start = p->brk = im->brk;
	fdt_close_on_exec(p->fdt);
	signal_exec(p);
	note_exec(p, im, path);
	arch_thread_user_init(&p->thread->arch);
}

/*
 * stack_size - the stack region: RLIMIT_STACK (soft), at least 128 KiB
 * and at most 1 GiB, so the mmap area below it keeps its room.
 */
static uintptr_t
stack_size(void)
{
	struct rlimit_k rl;

	rlimit_get(current_proc(), RLIMIT_STACK, &rl);
	return ALIGN_UP(MIN(MAX(rl.cur, 128ul << 10), 1ul << 30), PAGE_SIZE);
}

/* exec_image - load @path (or its script interpreter) and its stack;
 * @execfn is the name execve was given (AT_EXECFN, even for scripts). */
static int
exec_image(const char *path, const char *execfn, char *const argv[],
	   char *const envp[], int depth, struct image *im, uintptr_t *sp)
{
	struct kstat st;
	char **sargv;
	int err;

	if ((err = open_exec(path, im)) < 0)
		return err;
	if (im->head_len >= 2 && im->head[0] == '#' && im->head[1] == '!') {
		if (depth >= SCRIPT_DEPTH)
			return -ELOOP;
		if (!(sargv = script_args(im, path, argv, &err)))
			return err;
		close_image(im);
		err = exec_image(sargv[0], execfn, sargv, envp, depth + 1, im,
				 sp);
		kfree(sargv);
		return err;
	}
	vfs_fstat(im->file, &st);
	if ((err = load_elf(im, st.size)) < 0)
		return err;
	if ((err = vma_add(im->as, USER_STACK_TOP - stack_size(),
			   USER_STACK_TOP, VM_WRITE, VMA_ANON | VMA_STACK)) < 0)
		return err == -EEXIST ? -ENOEXEC : err;
	return build_stack(im, execfn, argv, envp, sp);
}

/* do_execve - see proc.h.  Context: the calling process's thread. */
int
do_execve(const char *path, char *const argv[], char *const envp[],
	  uintptr_t *entry, uintptr_t *sp)
{
	struct image im = { 0 };
	int err = exec_image(path, path, argv, envp, 0, &im, sp);

	if (err == 0) {
		*entry = im.entry;
		commit(&im, path);
	}
	close_image(&im);
	return err;
}
