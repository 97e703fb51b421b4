/*
 * tests/kernel/procfs_test.c: /proc, as the boot mounts it.
 *
 * The formats checked are the ones tools parse (procps, busybox), and the
 * errors are the ones Linux gives to root: opening a /proc file for
 * writing succeeds and the write fails with EIO.  The pid-hook test
 * registers a fake hook and removes it again.
 */
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/string.h"

static char text[16384];

/* read_all - the whole of @name into text[] (NUL-terminated); its length. */
static ssize_t
read_all(const char *name)
{
	struct path root;
	struct file *f;
	ssize_t n, total = 0;
	int err;

	vfs_root(&root);
	err = vfs_open(&root, name, O_RDONLY, 0, &f);
	path_put(&root);
	if (err < 0)
		return err;
	/* small reads, so that the position logic is exercised */
	while ((n = vfs_read(f, text + total,
			     MIN((size_t)100, sizeof(text) - 1 - total))) > 0)
		total += n;
	file_put(f);
	text[total] = '\0';
	return n < 0 ? n : total;
}

/* parse_u64 - a decimal number at *@p; advances *@p.  -1 if none. */
static int64_t
parse_u64(const char **p)
{
	int64_t v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

/* meminfo_value - the kB of line @name ("MemTotal:") in text[], or -1. */
static int64_t
meminfo_value(const char *name)
{
	const char *p = strstr(text, name);
	int64_t v;

	if (!p || (p != text && p[-1] != '\n'))
		return -1;
	for (p += strlen(name); *p == ' '; p++)
		;
	v = parse_u64(&p);
	return strncmp(p, " kB\n", 4) == 0 ? v : -1;
}

KTEST(procfs_meminfo_parses)
{
	int64_t total, free;

	KEXPECT(read_all("/proc/meminfo") > 0);
	total = meminfo_value("MemTotal:");
	free = meminfo_value("MemFree:");
	KEXPECT(total > 1024);
	KEXPECT(free > 0 && free <= total);
	KEXPECT(meminfo_value("MemAvailable:") >= 0);
	KEXPECT_EQ(meminfo_value("SwapTotal:"), 0);
	KEXPECT(meminfo_value("Slab:") > 0);
	/* Linux's columns: the value ends at column 24 */
	KEXPECT_EQ(strchr(text, '\n') - text, 27);
	KEXPECT(strncmp(text, "MemTotal:       ", 16) == 0);
}

/* parse_centi - "S.CC" at *@p in hundredths; -1 if malformed. */
static int64_t
parse_centi(const char **p)
{
	int64_t s = parse_u64(p), c;

	if (s < 0 || *(*p)++ != '.')
		return -1;
	if ((*p)[0] < '0' || (*p)[0] > '9' || (*p)[1] < '0' || (*p)[1] > '9')
		return -1;
	c = parse_u64(p);
	return s * 100 + c;
}

KTEST(procfs_uptime_parses)
{
	const char *p = text;
	int64_t up, idle;

	KEXPECT(read_all("/proc/uptime") > 0);
	up = parse_centi(&p);
	KEXPECT(*p++ == ' ');
	idle = parse_centi(&p);
	KEXPECT_STREQ(p, "\n");
	KEXPECT(up > 0);
	KEXPECT(idle >= 0 && idle <= up);
}

KTEST(procfs_interrupts_has_timer)
{
	const char *loc;
	int64_t local;

	KEXPECT(read_all("/proc/interrupts") > 0);
	KEXPECT(strncmp(text, "           CPU0", 15) == 0);
	loc = strstr(text, "\nLOC: ");
	KEXPECT(loc != NULL);
	if (!loc)
		return;
	for (loc += 6; *loc == ' '; loc++)
		;
	local = parse_u64(&loc);
	KEXPECT(strncmp(loc, "   Local timer interrupts\n", 26) == 0);
	/* the tick: the local APIC timer, or the PIT on IRQ 0 (noapic) */
	KEXPECT(local > 0 || strstr(text, "  0:") != NULL);
	KEXPECT(local == 0 || strstr(text, "  0:") == NULL);
	KEXPECT(strstr(text, "  serial\n") || strstr(text, "  i8042\n"));
}

KTEST(procfs_mounts_lists_boot_mounts)
{
	KEXPECT(read_all("/proc/mounts") > 0);
	KEXPECT(strncmp(text, "rootfs / tmpfs rw 0 0\n", 22) == 0);
	KEXPECT(strstr(text, " /dev devtmpfs rw 0 0\n") != NULL);
	KEXPECT(strstr(text, "proc /proc proc rw 0 0\n") != NULL);
}

KTEST(procfs_small_files_have_linux_formats)
{
	const char *p = text;

	KEXPECT(read_all("/proc/version") > 0);
	KEXPECT(strncmp(text, "Basalt version 0.1.0 (gcc version ", 34) == 0);
	KEXPECT(strstr(text, ") #1 SMP\n") != NULL);
	KEXPECT(read_all("/proc/filesystems") > 0);
	KEXPECT(strstr(text, "nodev\ttmpfs\n") != NULL);
	KEXPECT(strstr(text, "nodev\tproc\n") != NULL);
	KEXPECT(read_all("/proc/cmdline") > 0);
	KEXPECT(strstr(text, "test=") != NULL);
	KEXPECT(text[strlen(text) - 1] == '\n');
	KEXPECT(read_all("/proc/loadavg") > 0);
	for (int i = 0; i < 3; i++) {
		KEXPECT(parse_centi(&p) >= 0);
		KEXPECT(*p++ == ' ');
	}
	KEXPECT(parse_u64(&p) >= 1 && *p++ == '/' && parse_u64(&p) >= 1);
	KEXPECT(read_all("/proc/stat") > 0);
	KEXPECT(strncmp(text, "cpu  0 0 ", 9) == 0);
	KEXPECT(strstr(text, "\nintr ") && strstr(text, "\nctxt "));
	KEXPECT(strstr(text, "\nbtime 1") != NULL);
}

KTEST(procfs_cpuinfo_has_linux_fields)
{
	KEXPECT(read_all("/proc/cpuinfo") > 0);
	KEXPECT(strncmp(text, "processor\t: 0\nvendor_id\t: ", 26) == 0);
	KEXPECT(strstr(text, "\nmodel name\t: ") != NULL);
	KEXPECT(strstr(text, "\ncpu MHz\t\t: ") != NULL);
	KEXPECT(strstr(text, "\nflags\t\t: fpu ") != NULL);
	KEXPECT(strstr(text, " lm ") != NULL);		/* 64-bit, surely */
	KEXPECT(strstr(text, "\naddress sizes\t: ") != NULL);
	KEXPECT(strcmp(text + strlen(text) - 19, "power management:\n\n") == 0);
}

/* One name per call, so that every entry needs its cookie to resume. */
struct listing {
	char	 names[512];
	size_t	 used;
	bool	 took_one;
	uint64_t pid_ino;			/* of the "42" entry */
};

static int
take_one(void *ctx, const char *name, size_t len, uint64_t ino,
	 unsigned int d_type)
{
	struct listing *l = ctx;

	if (l->took_one || l->used + len + 2 > sizeof(l->names))
		return 1;
	l->took_one = true;
	memcpy(l->names + l->used, name, len);
	l->used += len;
	l->names[l->used++] = ' ';
	l->names[l->used] = '\0';
	if (len == 2 && memcmp(name, "42", 2) == 0 && d_type == DT_DIR)
		l->pid_ino = ino;
	return 0;
}

static void
list_proc(struct listing *l)
{
	struct path root;
	struct file *f;

	*l = (struct listing){ .used = 0 };
	vfs_root(&root);
	KEXPECT_EQ(vfs_open(&root, "/proc", O_RDONLY | O_DIRECTORY, 0, &f), 0);
	path_put(&root);
	do {
		l->took_one = false;
		KEXPECT_EQ(vfs_readdir(f, take_one, l), 0);
	} while (l->took_one);
	file_put(f);
}

#define STATIC_NAMES ". .. cmdline cpuinfo filesystems interrupts loadavg " \
		     "meminfo mounts stat uptime version "

KTEST(procfs_readdir_lists_static_files)
{
	struct listing l;

	list_proc(&l);
	KEXPECT_STREQ(l.names, STATIC_NAMES);
}

KTEST(procfs_errors_are_linux_errors)
{
	struct path root;
	struct file *f;
	struct kstat st;
	char c = 'x';

	vfs_root(&root);
	KEXPECT_EQ(vfs_open(&root, "/proc/nonexistent", O_RDONLY, 0, &f),
		   -ENOENT);
	KEXPECT_EQ(vfs_open(&root, "/proc/meminfo/x", O_RDONLY, 0, &f),
		   -ENOTDIR);
	KEXPECT_EQ(vfs_open(&root, "/proc/new", O_CREAT | O_WRONLY, 0644, &f),
		   -ENOENT);
	KEXPECT_EQ(vfs_mkdir(&root, "/proc/d", 0755), -ENOENT);
	KEXPECT_EQ(vfs_unlink(&root, "/proc/meminfo"), -EPERM);
	/* root may open for writing (as on Linux); the write fails */
	KEXPECT_EQ(vfs_open(&root, "/proc/meminfo", O_WRONLY | O_TRUNC, 0, &f),
		   0);
	KEXPECT_EQ(vfs_write(f, &c, 1), -EIO);
	file_put(f);
	KEXPECT_EQ(vfs_open(&root, "/proc/meminfo", O_RDONLY, 0, &f), 0);
	KEXPECT_EQ(vfs_write(f, &c, 1), -EBADF);
	file_put(f);
	KEXPECT_EQ(vfs_stat(&root, "/proc/meminfo", 0, &st), 0);
	KEXPECT_EQ(st.mode, S_IFREG | 0444);
	KEXPECT_EQ(st.size, 0);
	KEXPECT_EQ(vfs_stat(&root, "/proc", 0, &st), 0);
	KEXPECT_EQ(st.mode, S_IFDIR | 0555);
	KEXPECT_EQ(st.ino, 1);
	path_put(&root);
}

KTEST(procfs_seek_and_reread)
{
	struct path root;
	struct file *f;
	char a[64], b[64];
	ssize_t n;

	vfs_root(&root);
	KEXPECT_EQ(vfs_open(&root, "/proc/version", O_RDONLY, 0, &f), 0);
	path_put(&root);
	n = vfs_read(f, a, sizeof(a));
	KEXPECT(n > 20);
	KEXPECT_EQ(vfs_lseek(f, 0, SEEK_END), -EINVAL);	/* seq_file */
	KEXPECT_EQ(vfs_lseek(f, -1, SEEK_SET), -EINVAL);
	KEXPECT_EQ(vfs_lseek(f, 5, SEEK_SET), 5);
	KEXPECT_EQ(vfs_lseek(f, 2, SEEK_CUR), 7);	/* "Basalt |version" */
	KEXPECT_EQ(vfs_read(f, b, 7), 7);
	KEXPECT(memcmp(b, "version", 7) == 0);
	KEXPECT_EQ(vfs_lseek(f, 1 << 20, SEEK_SET), 1 << 20);
	KEXPECT_EQ(vfs_read(f, b, sizeof(b)), 0);
	KEXPECT_EQ(vfs_lseek(f, 0, SEEK_SET), 0);	/* regenerates */
	KEXPECT_EQ(vfs_read(f, b, sizeof(b)), n);
	KEXPECT(memcmp(a, b, (size_t)n) == 0);
	KEXPECT_EQ(vfs_pread(f, b, 5, 0), 5);
	KEXPECT(memcmp(b, "Basal", 5) == 0);
	file_put(f);
}

/* A fake process table for the hook: pids 1 and 42. */
static int
fake_list(int from, int (*fn)(void *ctx, int pid), void *ctx)
{
	static const int pids[] = { 1, 42 };

	for (size_t i = 0; i < ARRAY_SIZE(pids); i++)
		if (pids[i] >= from && fn(ctx, pids[i]))
			break;
	return 0;
}

static int
fake_show(struct procfs_buf *b, void *arg)
{
	procfs_printf(b, "pid %d\n", (int)(intptr_t)arg);
	return 0;
}

/* A file stands in for the directory: enough to test the plumbing. */
static int
fake_lookup(struct superblock *sb, int pid, struct inode **out)
{
	if (pid != 1 && pid != 42)
		return -ENOENT;
	return procfs_new_file(sb, fake_show, (void *)(intptr_t)pid, out);
}

static const struct procfs_pid_ops fake_pid_ops = {
	.list	= fake_list,
	.lookup	= fake_lookup,
};

KTEST(procfs_pid_hook_lists_and_looks_up)
{
	struct path root;
	struct kstat st;
	struct listing l;

	procfs_register_pid_hook(&fake_pid_ops);
	list_proc(&l);
	KEXPECT_STREQ(l.names, STATIC_NAMES "1 42 ");
	KEXPECT_EQ(read_all("/proc/42"), 7);
	KEXPECT_STREQ(text, "pid 42\n");
	vfs_root(&root);
	KEXPECT_EQ(vfs_stat(&root, "/proc/42", 0, &st), 0);
	KEXPECT_EQ(st.ino, l.pid_ino);			/* readdir agrees */
	KEXPECT_EQ(vfs_stat(&root, "/proc/042", 0, &st), -ENOENT);
	KEXPECT_EQ(vfs_stat(&root, "/proc/43", 0, &st), -ENOENT);
	KEXPECT_EQ(vfs_stat(&root, "/proc/4x", 0, &st), -ENOENT);
	path_put(&root);
	procfs_register_pid_hook(NULL);
	list_proc(&l);
	KEXPECT_STREQ(l.names, STATIC_NAMES);
}

/* Long texts: pid 7's grows its buffer many times, pid 8's is too long. */
static int
long_show(struct procfs_buf *b, void *arg)
{
	int lines = (int)(intptr_t)arg;

	for (int i = 0; i < lines; i++)
		procfs_printf(b, "%09d\n", i);
	return 0;
}

static int
long_lookup(struct superblock *sb, int pid, struct inode **out)
{
	if (pid != 7 && pid != 8)
		return -ENOENT;
	return procfs_new_file(sb, long_show,
			       (void *)(intptr_t)(pid == 7 ? 50000 : 110000),
			       out);
}

static const struct procfs_pid_ops long_pid_ops = {
	.list	= fake_list,
	.lookup	= long_lookup,
};

KTEST(procfs_long_texts_grow_up_to_a_limit)
{
	struct path root;
	struct file *f;
	char buf[10];
	size_t total = 0, bad = 0;
	ssize_t n;

	procfs_register_pid_hook(&long_pid_ops);
	vfs_root(&root);
	KEXPECT_EQ(vfs_open(&root, "/proc/7", O_RDONLY, 0, &f), 0);
	while ((n = vfs_read(f, buf, sizeof(buf))) == 10) {
		const char *p = buf;

		bad += parse_u64(&p) != (int64_t)(total / 10) || *p != '\n';
		total += 10;
	}
	file_put(f);
	KEXPECT_EQ(n, 0);
	KEXPECT_EQ(total, 500000);
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(vfs_open(&root, "/proc/8", O_RDONLY, 0, &f), -EFBIG);
	path_put(&root);
	procfs_register_pid_hook(NULL);
}

/* A second instance, unmounted again: the leak check sees procfs_kill. */
KTEST(procfs_mount_and_umount_free_everything)
{
	struct path root;

	vfs_root(&root);
	KEXPECT_EQ(vfs_mkdir(&root, "/tproc", 0755), 0);
	KEXPECT_EQ(vfs_mount(&root, "proc", "/tproc", "proc"), 0);
	KEXPECT(read_all("/tproc/meminfo") > 0);
	KEXPECT(read_all("/proc/mounts") > 0);
	KEXPECT(strstr(text, "proc /tproc proc rw 0 0\n") != NULL);
	KEXPECT_EQ(vfs_umount(&root, "/tproc"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/tproc"), 0);
	path_put(&root);
}

/* Every static file to the log, for eyeballing: test=procfs_dump. */
KTEST_F(procfs_dump, KTEST_MANUAL)
{
	static const char *const names[] = {
		"cmdline", "cpuinfo", "filesystems", "interrupts", "loadavg",
		"meminfo", "mounts", "stat", "uptime", "version",
	};
	char path[32];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		ksnprintf(path, sizeof(path), "/proc/%s", names[i]);
		KEXPECT(read_all(path) > 0);
		pr_info("==> %s <==\n", path);
		for (char *line = text, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (!nl)
				break;
			*nl = '\0';
			pr_info("%s\n", line);
		}
	}
}
