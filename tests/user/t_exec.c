/*
 * tests/user/t_exec.c: execve: arguments, environment and auxiliary
 * vector as exec_target reports them, static and static-PIE images, #!
 * scripts, close-on-exec, the error cases (ENOENT, EACCES, ENOTDIR,
 * E2BIG, EFAULT, ETXTBSY), and malformed ELF files made at test time.
 *
 * exec_target writes its report to $ET_OUT (see exec_target.c); a child
 * whose execve fails exits with EXEC_FAILED + errno instead.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/user/ut.h"

#define EXEC_FAILED 128
#define REPORT_MAX  (256 * 1024)

static char out_env[4200];	/* "ET_OUT=<dir>/out" */
static char report[REPORT_MAX];

/* The environment every exec_target run gets: ET_OUT plus @extra. */
static char **
target_env(const char *extra)
{
	static char *envp[3];

	snprintf(out_env, sizeof(out_env), "ET_OUT=%s/out", ut_dir());
	envp[0] = out_env;
	envp[1] = (char *)extra;
	envp[2] = NULL;
	return envp;
}

/*
 * Runs @path in a child with @argv and @envp; returns its wait status.
 * The child has no core limit, so a planned crash leaves no core file.
 */
static int
exec_status(const char *path, char *const argv[], char *const envp[])
{
	int pid;

	unlink("out");
	pid = OK(fork());
	if (pid == 0) {
		ut_no_core();
		execve(path, argv, envp);
		_exit(EXEC_FAILED + (errno & 127));
	}
	return ut_wait(pid);
}

/* execve(@path) must fail with @err. */
#define CHECK_EXEC_ERR(path, argv, envp, err)                                \
	CHECK_EQ(exec_status((path), (argv), (envp)),                        \
		 (EXEC_FAILED + (err)) << 8)

/* Runs exec_target-like @path, which must exit 0; loads its report. */
static void
run_target(const char *path, char *const argv[], char *const envp[])
{
	int st = exec_status(path, argv, envp);

	if (WIFEXITED(st) && WEXITSTATUS(st) > EXEC_FAILED)
		ut_fail(__FILE__, __LINE__, "execve %s: %s", path,
			strerror(WEXITSTATUS(st) - EXEC_FAILED));
	if (st != 0)
		ut_fail(__FILE__, __LINE__, "%s: wait status %#x", path, st);
	ut_read_file("out", report, sizeof(report));
}

/* Returns the value of @key in the report ("" if missing). */
static const char *
field(const char *key)
{
	static char val[4200];
	size_t klen = strlen(key);
	const char *p = report;

	val[0] = 0;
	while (p && *p && !(strncmp(p, key, klen) == 0 && p[klen] == ' ')) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (p && *p)
		snprintf(val, sizeof(val), "%.*s",
			 (int)strcspn(p + klen + 1, "\n"), p + klen + 1);
	return val;
}

/* Checks what every exec_target report must hold. */
static void
check_auxv(const char *path, const char *type)
{
	CHECK_STREQ(field("pagesz"), "4096");
	CHECK_EQ(strlen(field("random")), 32);	/* 16 bytes in hex */
	CHECK_STREQ(field("entry"), "ok");
	CHECK_STREQ(field("phdr"), "ok");
	CHECK_STREQ(field("phent"), "56");
	CHECK_STREQ(field("phnum"), "ok");
	CHECK_STREQ(field("type"), type);
	CHECK_STREQ(field("execfn"), path);
}

UTEST(exec_args_env_auxv)
{
	char *argv[] = {"exec_target", "one", "two three", "", NULL};
	char **envp = target_env("B=two");
	const char *path = ut_bin("exec_target");
	char pid[16];
	int child;

	run_target(path, argv, envp);
	CHECK_STREQ(field("argc"), "4");
	CHECK_STREQ(field("argv0"), "exec_target");
	CHECK_STREQ(field("argv1"), "one");
	CHECK_STREQ(field("argv2"), "two three");
	CHECK_STREQ(field("argv3"), "");
	CHECK_STREQ(field("envc"), "2");
	CHECK_STREQ(field("env0"), out_env);
	CHECK_STREQ(field("env1"), "B=two");
	check_auxv(path, "EXEC");
	snprintf(pid, sizeof(pid), "%d", getpid());
	CHECK_STREQ(field("ppid"), pid);
	/* The same process: exec keeps the pid fork returned. */
	child = OK(fork());
	if (child == 0) {
		execve(path, argv, envp);
		_exit(EXEC_FAILED + errno);
	}
	CHECK_EXIT(child, 0);
	ut_read_file("out", report, sizeof(report));
	snprintf(pid, sizeof(pid), "%d", child);
	CHECK_STREQ(field("pid"), pid);
}

UTEST(exec_static_pie)
{
	char *argv[] = {"exec_target_pie", "pie", NULL};
	const char *path = ut_bin("exec_target_pie");
	char random1[40];

	run_target(path, argv, target_env(NULL));
	CHECK_STREQ(field("argc"), "2");
	CHECK_STREQ(field("argv1"), "pie");
	check_auxv(path, "DYN");
	snprintf(random1, sizeof(random1), "%s", field("random"));
	run_target(path, argv, target_env(NULL));
	CHECK(strcmp(random1, field("random")) != 0);	/* fresh AT_RANDOM */
}

UTEST(exec_empty_env_and_many_args)
{
	enum { N = 1000 };
	static char *argv[N + 2], arg[N][104];
	char key[16];

	argv[0] = "exec_target";
	for (int i = 0; i < N; i++) {	/* 100 KiB of arguments */
		snprintf(arg[i], sizeof(arg[i]), "%04d-%0*d", i, 95, i);
		argv[i + 1] = arg[i];
	}
	run_target(ut_bin("exec_target"), argv, target_env(NULL));
	CHECK_EQ(atoi(field("argc")), N + 1);
	for (int i = 0; i < N; i += 97) {
		snprintf(key, sizeof(key), "argv%d", i + 1);
		CHECK_STREQ(field(key), arg[i]);
	}
	CHECK_STREQ(field("envc"), "1");
}

UTEST(exec_null_argv)
{
	/* Since Linux 5.18 an empty argv becomes { "" }. */
	run_target(ut_bin("exec_target"), NULL, target_env(NULL));
	CHECK_STREQ(field("argc"), "1");
	CHECK_STREQ(field("argv0"), "");
}

UTEST(exec_true_min)
{
	char *argv[] = {"true_min", NULL}, *envp[] = {NULL};

	CHECK_EQ(exec_status(ut_bin("true_min"), argv, envp), 0);
}

UTEST(exec_script)
{
	char script[4400], line[4300], *argv[] = {"ignored", "x y", NULL};

	snprintf(line, sizeof(line), "#!%s  interp-arg \n",
		 ut_bin("exec_target"));
	snprintf(script, sizeof(script), "%s/script", ut_dir());
	ut_write_file("script", line, strlen(line));
	OK(chmod("script", 0755));
	run_target(script, argv, target_env(NULL));
	/* interpreter, its one argument, the script, then argv[1...] */
	CHECK_STREQ(field("argc"), "4");
	CHECK_STREQ(field("argv0"), ut_bin("exec_target"));
	CHECK_STREQ(field("argv1"), "interp-arg");
	CHECK_STREQ(field("argv2"), script);
	CHECK_STREQ(field("argv3"), "x y");
	CHECK_STREQ(field("execfn"), script);
	/* relative script path: passed on as given */
	run_target("./script", argv, target_env(NULL));
	CHECK_STREQ(field("argv2"), "./script");
}

UTEST(exec_script_errors)
{
	char *argv[] = {"s", NULL}, *envp[] = {NULL};

	ut_write_file("noint", "#!/nonexistent/interp\n", 22);
	OK(chmod("noint", 0755));
	CHECK_EXEC_ERR("./noint", argv, envp, ENOENT);
	ut_write_file("empty", "#!\n", 3);
	OK(chmod("empty", 0755));
	CHECK_EXEC_ERR("./empty", argv, envp, ENOEXEC);
	ut_write_file("text", "echo hi\n", 8);	/* no #!: not ours */
	OK(chmod("text", 0755));
	CHECK_EXEC_ERR("./text", argv, envp, ENOEXEC);
	ut_write_file("zero", "", 0);
	OK(chmod("zero", 0755));
	CHECK_EXEC_ERR("./zero", argv, envp, ENOEXEC);
}

UTEST(exec_path_errors)
{
	char *argv[] = {"x", NULL}, *envp[] = {NULL};

	OK(mkdir("dir", 0755));
	CHECK_EXEC_ERR("missing", argv, envp, ENOENT);
	CHECK_EXEC_ERR("", argv, envp, ENOENT);
	CHECK_EXEC_ERR("dir", argv, envp, EACCES);
	ut_copy_file(ut_bin("true_min"), "plain", 0644);
	/* no x bit: EACCES even for root */
	CHECK_EXEC_ERR("./plain", argv, envp, EACCES);
	CHECK_EXEC_ERR("./plain/x", argv, envp, ENOTDIR);
	OK(chmod("plain", 0100));
	CHECK_EQ(exec_status("./plain", argv, envp), 0);
}

UTEST(exec_efault)
{
	char *argv[] = {"x", NULL}, *envp[] = {NULL};
	char *bad_argv[] = {"x", ut_ptr(UT_BAD_LOW), NULL};
	const char *path = ut_bin("true_min");

	CHECK_EXEC_ERR(ut_ptr(UT_BAD_LOW), argv, envp, EFAULT);
	CHECK_EXEC_ERR(ut_ptr(UT_BAD_KERNEL), argv, envp, EFAULT);
	CHECK_EXEC_ERR(path, ut_ptr(UT_BAD_LOW), envp, EFAULT);
	CHECK_EXEC_ERR(path, bad_argv, envp, EFAULT);
	CHECK_EXEC_ERR(path, argv, bad_argv, EFAULT);
}

UTEST(exec_e2big)
{
	enum { ARGS = 768, LEN = 4096 };	/* 3 MiB */
	char **argv = calloc(ARGS + 2, sizeof(char *)), *envp[] = {NULL};
	char *arg = malloc(LEN);
	struct rlimit rl = {8 << 20, 8 << 20};

	CHECK(argv && arg);
	memset(arg, 'a', LEN - 1);
	arg[LEN - 1] = 0;
	argv[0] = "true_min";
	for (int i = 1; i <= ARGS; i++)
		argv[i] = arg;
	/* Linux allows a quarter of the stack limit: pin it at 8 MiB. */
	if (!ut_basalt())
		OK(setrlimit(RLIMIT_STACK, &rl));
	CHECK_EXEC_ERR(ut_bin("true_min"), argv, envp, E2BIG);
	/* same with the environment */
	CHECK_EXEC_ERR(ut_bin("true_min"), envp, argv + 1, E2BIG);
}

UTEST(exec_etxtbsy)
{
	char *argv[] = {"x", NULL}, *envp[] = {NULL};
	int fd;

	ut_copy_file(ut_bin("true_min"), "prog", 0755);
	fd = OK(open("prog", O_WRONLY));
	CHECK_EXEC_ERR("./prog", argv, envp, ETXTBSY);
	OK(close(fd));
	CHECK_EQ(exec_status("./prog", argv, envp), 0);
}

/* Returns whether descriptor @fd is in the report's "fds" list. */
static int
fd_listed(int fd)
{
	char list[4200], *tok, *save;

	snprintf(list, sizeof(list), "%s", field("fds"));
	for (tok = strtok_r(list, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (atoi(tok) == fd)
			return 1;
	return 0;
}

UTEST(exec_cloexec)
{
	char *argv[] = {"exec_target", NULL};
	int keep = OK(open(".", O_RDONLY | O_DIRECTORY));
	int gone = OK(open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	int later = OK(dup(keep));

	OK(fcntl(later, F_SETFD, FD_CLOEXEC));
	run_target(ut_bin("exec_target"), argv, target_env(NULL));
	CHECK(fd_listed(0) && fd_listed(1) && fd_listed(2));
	CHECK(fd_listed(keep));
	CHECK(!fd_listed(gone));
	CHECK(!fd_listed(later));
	CHECK_EQ(fcntl(gone, F_GETFD), FD_CLOEXEC);	/* ours: untouched */
}

/* ---- malformed ELF images ----------------------------------------------- */

struct bad_elf {
	const char *name;
	int	    err;	/* execve fails with this errno, */
	int	    sig;	/* or it commits, then a signal kills it */
	int	    runs;	/* Linux runs it after all */
	int	    basalt_err;	/* Basalt refuses it at execve instead */
};

static unsigned char image[256 * 1024];
static size_t image_len;

/* Returns the index of the first PT_LOAD whose flags include @flag. */
static int
find_load(int flag)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Phdr *ph = (Elf64_Phdr *)(image + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & flag))
			return i;
	ut_fail(__FILE__, __LINE__, "exec_target has no PT_LOAD with %d",
		flag);
}

/* Damages the fresh copy of exec_target in image[] as @name says;
 * returns the length to write. */
static size_t
damage(const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Phdr *ph = (Elf64_Phdr *)(image + eh->e_phoff);
	int text = find_load(PF_X), data = find_load(PF_W);

	if (strcmp(name, "truncated_10") == 0)
		return 10;
	if (strcmp(name, "truncated_in_phdrs") == 0)
		return eh->e_phoff + 20;
	if (strcmp(name, "bad_magic") == 0)
		image[1] = 'X';
	if (strcmp(name, "class32") == 0)
		image[EI_CLASS] = ELFCLASS32;
	if (strcmp(name, "machine_i386") == 0)
		eh->e_machine = EM_386;
	if (strcmp(name, "machine_aarch64") == 0)
		eh->e_machine = EM_AARCH64;
	if (strcmp(name, "type_rel") == 0)
		eh->e_type = ET_REL;
	if (strcmp(name, "phoff_past_end") == 0)
		eh->e_phoff = image_len + 4096;
	if (strcmp(name, "phnum_huge") == 0)
		eh->e_phnum = 0xffff;
	if (strcmp(name, "phnum_zero") == 0)
		eh->e_phnum = 0;
	if (strcmp(name, "phentsize_wrong") == 0)
		eh->e_phentsize = 32;
	if (strcmp(name, "filesz_gt_memsz") == 0)
		ph[data].p_filesz = ph[data].p_memsz + 1;
	if (strcmp(name, "offset_past_eof") == 0)
		ph[text].p_offset += 1024 * 1024;	/* still aligned */
	if (strcmp(name, "vaddr_in_kernel") == 0)
		ph[text].p_vaddr = 0xffffffff80000000UL;
	if (strcmp(name, "entry_unmapped") == 0)
		eh->e_entry = 0x10;
	return image_len;
}

/*
 * What Linux 6.18 does with each.  ENOEXEC: refused before the point of
 * no return.  A signal: execve committed (the old image is gone) before
 * mapping failed or the program faulted, so the process is killed; this
 * is SIGBUS for a text page past EOF (the fault comes at first touch).
 * class32: the x86_64 loader never looks at EI_CLASS; it runs.
 */
static const struct bad_elf bad_elves[] = {
	{"truncated_10", ENOEXEC, 0, 0, 0},
	{"truncated_in_phdrs", ENOEXEC, 0, 0, 0},
	{"bad_magic", ENOEXEC, 0, 0, 0},
	{"class32", 0, 0, 1, 0},
	{"machine_i386", ENOEXEC, 0, 0, 0},
	{"machine_aarch64", ENOEXEC, 0, 0, 0},
	{"type_rel", ENOEXEC, 0, 0, 0},
	{"phoff_past_end", ENOEXEC, 0, 0, 0},
	{"phnum_huge", ENOEXEC, 0, 0, 0},
	{"phnum_zero", ENOEXEC, 0, 0, 0},
	{"phentsize_wrong", ENOEXEC, 0, 0, 0},
	/* Linux commits and the program dies; Basalt checks every header
	 * field first and refuses the file (ENOEXEC), as its design asks. */
	{"filesz_gt_memsz", 0, SIGSEGV, 0, ENOEXEC},
	{"offset_past_eof", 0, SIGBUS, 0, ENOEXEC},
	{"vaddr_in_kernel", 0, SIGSEGV, 0, ENOEXEC},
	{"entry_unmapped", 0, SIGSEGV, 0, ENOEXEC},
};

/* Writes the damaged image @b->name, runs it, checks the outcome. */
static void
try_bad_elf(const struct bad_elf *b, const char *orig)
{
	char *argv[] = {(char *)b->name, NULL};
	size_t len;
	int st;

	image_len = ut_read_file(orig, (char *)image, sizeof(image));
	CHECK(image_len > 1024 && image_len < sizeof(image) - 1);
	len = damage(b->name);
	ut_write_file(b->name, image, len);
	OK(chmod(b->name, 0755));
	st = exec_status(b->name, argv, target_env(NULL));
	if (b->basalt_err && ut_basalt()) {
		if (st != (EXEC_FAILED + b->basalt_err) << 8)
			ut_fail(__FILE__, __LINE__, "%s: status %#x, expected "
				"Basalt's execve to fail with %s", b->name, st,
				strerror(b->basalt_err));
		return;
	}
	if (b->err && st != (EXEC_FAILED + b->err) << 8)
		ut_fail(__FILE__, __LINE__, "%s: status %#x, expected execve "
			"to fail with %s", b->name, st, strerror(b->err));
	if (b->sig && !(WIFSIGNALED(st) && WTERMSIG(st) == b->sig))
		ut_fail(__FILE__, __LINE__, "%s: status %#x, expected death "
			"by signal %d (%s)", b->name, st, b->sig,
			strsignal(b->sig));
	if (b->runs && st != 0)
		ut_fail(__FILE__, __LINE__, "%s: status %#x, expected it to "
			"run", b->name, st);
}

UTEST(exec_malformed_elf)
{
	for (size_t i = 0; i < sizeof(bad_elves) / sizeof(bad_elves[0]); i++)
		try_bad_elf(&bad_elves[i], ut_bin("exec_target"));
}

UTEST(exec_malformed_elf_pie)
{
	for (size_t i = 0; i < sizeof(bad_elves) / sizeof(bad_elves[0]); i++)
		try_bad_elf(&bad_elves[i], ut_bin("exec_target_pie"));
}

UTEST(exec_bad_then_good)
{
	/* A refused execve leaves the caller intact and able to exec. */
	char *argv[] = {"x", NULL}, *envp[] = {NULL};
	int pid = OK(fork());

	if (pid == 0) {
		ut_write_file("junk", "\177ELF junk", 9);
		OK(chmod("junk", 0755));
		CHECK_ERR(execve("./junk", argv, envp), ENOEXEC);
		execve(ut_bin("true_min"), argv, envp);
		_exit(EXEC_FAILED + errno);
	}
	CHECK_EXIT(pid, 0);
}
