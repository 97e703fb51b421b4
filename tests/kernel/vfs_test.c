/*
 * tests/kernel/vfs_test.c: every VFS operation and its POSIX errors, on
 * tmpfs, plus a stress test.  Each test works in its own directory under
 * /tmp-test-<name> and removes it, so the leak check sees every page back.
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

static struct path root;

static void
setup(const char *dir)
{
	vfs_root(&root);
	KEXPECT_EQ(vfs_mkdir(&root, dir, 0755), 0);
}

static void
teardown(const char *dir)
{
	KEXPECT_EQ(vfs_rmdir(&root, dir), 0);
	path_put(&root);
}

/* put_file - create @name with @text. */
static int
put_file(const char *name, const char *text)
{
	struct file *f;
	int err = vfs_open(&root, name, O_CREAT | O_WRONLY | O_TRUNC, 0644, &f);
	ssize_t n;

	if (err < 0)
		return err;
	n = vfs_write(f, text, strlen(text));
	file_put(f);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

/* get_file - read @name into @buf (NUL-terminated); returns the length. */
static ssize_t
get_file(const char *name, char *buf, size_t len)
{
	struct file *f;
	int err = vfs_open(&root, name, O_RDONLY, 0, &f);
	ssize_t n;

	if (err < 0)
		return err;
	n = vfs_read(f, buf, len - 1);
	buf[n < 0 ? 0 : n] = '\0';
	file_put(f);
	return n;
}

KTEST(vfs_create_read_write_stat)
{
	char buf[64];
	struct kstat st;
	struct file *f;

	setup("/t1");
	KEXPECT_EQ(put_file("/t1/a", "hello"), 0);
	KEXPECT_EQ(get_file("/t1/a", buf, sizeof(buf)), 5);
	KEXPECT_STREQ(buf, "hello");
	KEXPECT_EQ(vfs_stat(&root, "/t1/a", LOOKUP_FOLLOW, &st), 0);
	KEXPECT_EQ(st.size, 5);
	KEXPECT_EQ(st.mode, S_IFREG | 0644);
	KEXPECT_EQ(st.nlink, 1);
	KEXPECT(st.mtime.tv_sec > 1700000000);
	KEXPECT_EQ(vfs_open(&root, "/t1/a", O_CREAT | O_EXCL | O_RDWR, 0644, &f),
		   -EEXIST);
	KEXPECT_EQ(vfs_open(&root, "/t1/missing", O_RDONLY, 0, &f), -ENOENT);
	KEXPECT_EQ(vfs_open(&root, "/t1/a/x", O_RDONLY, 0, &f), -ENOTDIR);
	KEXPECT_EQ(vfs_open(&root, "/t1", O_WRONLY, 0, &f), -EISDIR);
	KEXPECT_EQ(vfs_open(&root, "/t1/a", O_RDONLY | O_DIRECTORY, 0, &f),
		   -ENOTDIR);
	KEXPECT_EQ(vfs_open(&root, "", O_RDONLY, 0, &f), -ENOENT);
	KEXPECT_EQ(vfs_unlink(&root, "/t1/a"), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/t1/a"), -ENOENT);
	teardown("/t1");
}

KTEST(vfs_sparse_files_seek_truncate_append)
{
	struct file *f;
	char buf[16];
	struct kstat st;

	setup("/t2");
	KEXPECT_EQ(vfs_open(&root, "/t2/s", O_CREAT | O_RDWR, 0600, &f), 0);
	KEXPECT_EQ(vfs_lseek(f, 1 << 20, SEEK_SET), 1 << 20);
	KEXPECT_EQ(vfs_write(f, "end", 3), 3);
	KEXPECT_EQ(vfs_pread(f, buf, 4, 4096), 4);
	KEXPECT(buf[0] == 0 && buf[3] == 0);		/* a hole */
	KEXPECT_EQ(vfs_fstat(f, &st), 0);
	KEXPECT_EQ(st.size, (1 << 20) + 3);
	KEXPECT_EQ(st.blocks, 8);			/* one page */
	KEXPECT_EQ(vfs_lseek(f, -1, SEEK_SET), -EINVAL);
	KEXPECT_EQ(vfs_lseek(f, 0, 7), -EINVAL);
	KEXPECT_EQ(vfs_lseek(f, -3, SEEK_END), 1 << 20);
	KEXPECT_EQ(vfs_read(f, buf, 16), 3);
	KEXPECT_EQ(vfs_ftruncate(f, 10), 0);
	KEXPECT_EQ(vfs_fstat(f, &st), 0);
	KEXPECT_EQ(st.size, 10);
	KEXPECT_EQ(st.blocks, 0);
	file_put(f);
	KEXPECT_EQ(vfs_open(&root, "/t2/s", O_WRONLY | O_APPEND, 0, &f), 0);
	KEXPECT_EQ(vfs_write(f, "xy", 2), 2);
	KEXPECT_EQ(vfs_read(f, buf, 1), -EBADF);	/* write-only */
	file_put(f);
	KEXPECT_EQ(vfs_stat(&root, "/t2/s", 0, &st), 0);
	KEXPECT_EQ(st.size, 12);
	KEXPECT_EQ(vfs_truncate(&root, "/t2", 0), -EISDIR);
	KEXPECT_EQ(vfs_unlink(&root, "/t2/s"), 0);
	teardown("/t2");
}

KTEST(vfs_directories_and_their_errors)
{
	struct kstat st;

	setup("/t3");
	KEXPECT_EQ(vfs_mkdir(&root, "/t3/d", 0700), 0);
	KEXPECT_EQ(vfs_mkdir(&root, "/t3/d", 0700), -EEXIST);
	KEXPECT_EQ(vfs_mkdir(&root, "/t3/d/", 0700), -EEXIST);
	KEXPECT_EQ(vfs_mkdir(&root, "/t3/x/y", 0700), -ENOENT);
	KEXPECT_EQ(vfs_mkdir(&root, "/t3/e//", 0700), 0);	/* trailing slashes */
	KEXPECT_EQ(vfs_stat(&root, "/t3", 0, &st), 0);
	KEXPECT_EQ(st.nlink, 4);				/* ., .., d, e */
	KEXPECT_EQ(put_file("/t3/d/f", "x"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/d"), -ENOTEMPTY);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/d/f"), -ENOTDIR);
	KEXPECT_EQ(vfs_unlink(&root, "/t3/d"), -EISDIR);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/d/."), -EINVAL);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/d/.."), -ENOTEMPTY);
	KEXPECT_EQ(vfs_stat(&root, "/t3/d/f/", 0, &st), -ENOTDIR);
	KEXPECT_EQ(vfs_stat(&root, "/t3/./d/../d/./f", 0, &st), 0);
	KEXPECT_EQ(vfs_stat(&root, "///t3///d//f", 0, &st), 0);
	KEXPECT_EQ(vfs_stat(&root, "/..", 0, &st), 0);		/* "/.." is "/" */
	KEXPECT_EQ(vfs_unlink(&root, "/t3/d/f"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/d"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t3/e"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/"), -EEXIST);
	teardown("/t3");
}

KTEST(vfs_name_length_limits)
{
	char *name = kmalloc(PATH_MAX + 16);
	struct kstat st;

	setup("/t4");
	memset(name, 'a', PATH_MAX + 8);
	memcpy(name, "/t4/", 4);
	name[4 + NAME_MAX + 1] = '\0';
	KEXPECT_EQ(vfs_mkdir(&root, name, 0755), -ENAMETOOLONG);
	name[4 + NAME_MAX] = '\0';
	KEXPECT_EQ(vfs_mkdir(&root, name, 0755), 0);
	KEXPECT_EQ(vfs_rmdir(&root, name), 0);
	memset(name, 'b', PATH_MAX + 8);
	name[PATH_MAX + 1] = '\0';
	KEXPECT_EQ(vfs_stat(&root, name, 0, &st), -ENAMETOOLONG);
	kfree(name);
	teardown("/t4");
}

KTEST(vfs_symlinks_and_loops)
{
	char buf[64];
	struct kstat st;

	setup("/t5");
	KEXPECT_EQ(put_file("/t5/target", "data"), 0);
	KEXPECT_EQ(vfs_symlink(&root, "target", "/t5/rel"), 0);
	KEXPECT_EQ(vfs_symlink(&root, "/t5/rel", "/t5/abs"), 0);
	KEXPECT_EQ(vfs_symlink(&root, "nowhere", "/t5/dangling"), 0);
	KEXPECT_EQ(vfs_symlink(&root, "loop2", "/t5/loop1"), 0);
	KEXPECT_EQ(vfs_symlink(&root, "loop1", "/t5/loop2"), 0);
	KEXPECT_EQ(get_file("/t5/abs", buf, sizeof(buf)), 4);
	KEXPECT_STREQ(buf, "data");
	KEXPECT_EQ(vfs_readlink(&root, "/t5/abs", buf, sizeof(buf)), 7);
	KEXPECT_EQ(vfs_readlink(&root, "/t5/target", buf, sizeof(buf)), -EINVAL);
	KEXPECT_EQ(vfs_stat(&root, "/t5/abs", 0, &st), 0);
	KEXPECT(S_ISLNK(st.mode));
	KEXPECT_EQ(vfs_stat(&root, "/t5/abs", LOOKUP_FOLLOW, &st), 0);
	KEXPECT(S_ISREG(st.mode));
	KEXPECT_EQ(vfs_stat(&root, "/t5/dangling", LOOKUP_FOLLOW, &st), -ENOENT);
	KEXPECT_EQ(vfs_stat(&root, "/t5/loop1", LOOKUP_FOLLOW, &st), -ELOOP);
	KEXPECT_EQ(vfs_stat(&root, "/t5/loop1/x", 0, &st), -ELOOP);
	KEXPECT_EQ(vfs_symlink(&root, "x", "/t5/rel"), -EEXIST);
	KEXPECT_EQ(vfs_symlink(&root, "", "/t5/empty"), -ENOENT);
	static const char *const names[] = { "target", "rel", "abs", "dangling",
					     "loop1", "loop2" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		ksnprintf(buf, sizeof(buf), "/t5/%s", names[i]);
		KEXPECT_EQ(vfs_unlink(&root, buf), 0);
	}
	teardown("/t5");
}

/* A chain of 40 links resolves; 41 gives ELOOP (Linux's limit). */
KTEST(vfs_symlink_depth_limit)
{
	char from[32], to[32];
	struct kstat st;

	setup("/t6");
	KEXPECT_EQ(put_file("/t6/l0", "end"), 0);
	for (int i = 1; i <= 41; i++) {
		ksnprintf(from, sizeof(from), "l%d", i - 1);
		ksnprintf(to, sizeof(to), "/t6/l%d", i);
		KEXPECT_EQ(vfs_symlink(&root, from, to), 0);
	}
	KEXPECT_EQ(vfs_stat(&root, "/t6/l40", LOOKUP_FOLLOW, &st), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t6/l41", LOOKUP_FOLLOW, &st), -ELOOP);
	for (int i = 0; i <= 41; i++) {
		ksnprintf(to, sizeof(to), "/t6/l%d", i);
		KEXPECT_EQ(vfs_unlink(&root, to), 0);
	}
	teardown("/t6");
}

KTEST(vfs_hard_links_keep_data_until_last)
{
	char buf[16];
	struct kstat st;
	struct file *f;

	setup("/t7");
	KEXPECT_EQ(put_file("/t7/a", "shared"), 0);
	KEXPECT_EQ(vfs_link(&root, "/t7/a", "/t7/b"), 0);
	KEXPECT_EQ(vfs_link(&root, "/t7/a", "/t7/b"), -EEXIST);
	KEXPECT_EQ(vfs_link(&root, "/t7", "/t7/dirlink"), -EPERM);
	KEXPECT_EQ(vfs_link(&root, "/t7/a", "/dev/a"), -EXDEV);
	KEXPECT_EQ(vfs_stat(&root, "/t7/b", 0, &st), 0);
	KEXPECT_EQ(st.nlink, 2);
	KEXPECT_EQ(vfs_open(&root, "/t7/b", O_RDONLY, 0, &f), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/t7/a"), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/t7/b"), 0);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), 6);	/* still open */
	KEXPECT_EQ(vfs_fstat(f, &st), 0);
	KEXPECT_EQ(st.nlink, 0);
	file_put(f);					/* now it goes */
	teardown("/t7");
}

KTEST(vfs_rename_cases)
{
	char buf[16];
	struct kstat st;

	setup("/t8");
	KEXPECT_EQ(vfs_mkdir(&root, "/t8/d1", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&root, "/t8/d2", 0755), 0);
	KEXPECT_EQ(put_file("/t8/d1/f", "one"), 0);
	KEXPECT_EQ(put_file("/t8/g", "two"), 0);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d1/f", "/t8/d2/f", 0), 0);
	KEXPECT_EQ(get_file("/t8/d2/f", buf, sizeof(buf)), 3);
	KEXPECT_EQ(vfs_rename(&root, "/t8/g", "/t8/d2/f", 0), 0);  /* replace */
	KEXPECT_EQ(get_file("/t8/d2/f", buf, sizeof(buf)), 3);
	KEXPECT_STREQ(buf, "two");
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2", "/t8/d2/sub", 0), -EINVAL);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2", "/t8/d2/f", 0), -ENOTDIR);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2/f", "/t8/d1", 0), -EISDIR);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d1", "/t8/d2", 0), -ENOTEMPTY);
	KEXPECT_EQ(vfs_rename(&root, "/t8/none", "/t8/x", 0), -ENOENT);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2/f", "/dev/f", 0), -EXDEV);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2/f", "/t8/d1/f", RENAME_NOREPLACE), 0);
	KEXPECT_EQ(put_file("/t8/h", "3"), 0);
	KEXPECT_EQ(vfs_rename(&root, "/t8/h", "/t8/d1/f", RENAME_NOREPLACE),
		   -EEXIST);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d1", "/t8/d3", 0), 0);  /* move a dir */
	KEXPECT_EQ(vfs_stat(&root, "/t8/d3/f/..", 0, &st), -ENOTDIR);
	KEXPECT_EQ(vfs_mkdir(&root, "/t8/d2/in", 0755), 0);
	KEXPECT_EQ(vfs_rename(&root, "/t8/d2/in", "/t8/d3/in", 0), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t8/d3/in/../f", 0, &st), 0);  /* new .. */
	KEXPECT_EQ(vfs_stat(&root, "/t8/d2", 0, &st), 0);
	KEXPECT_EQ(st.nlink, 2);
	KEXPECT_EQ(vfs_unlink(&root, "/t8/h"), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/t8/d3/f"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t8/d3/in"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t8/d3"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t8/d2"), 0);
	teardown("/t8");
}

struct listing {
	char	 names[512];
	size_t	 used;
	int	 count;
};

static int
collect(void *ctx, const char *name, size_t len, uint64_t ino,
	unsigned int type)
{
	struct listing *l = ctx;

	(void)ino, (void)type;
	if (l->used + len + 2 > sizeof(l->names))
		return 1;
	memcpy(l->names + l->used, name, len);
	l->used += len;
	l->names[l->used++] = ' ';
	l->names[l->used] = '\0';
	l->count++;
	return 0;
}

KTEST(vfs_readdir_and_mounts)
{
	struct file *f;
	struct listing l = { .used = 0 };
	struct kstat st, dev;

	setup("/t9");
	KEXPECT_EQ(put_file("/t9/one", "1"), 0);
	KEXPECT_EQ(vfs_mkdir(&root, "/t9/two", 0755), 0);
	KEXPECT_EQ(vfs_open(&root, "/t9", O_RDONLY | O_DIRECTORY, 0, &f), 0);
	KEXPECT_EQ(vfs_readdir(f, collect, &l), 0);
	KEXPECT_STREQ(l.names, ". .. one two ");
	file_put(f);
	KEXPECT_EQ(vfs_mount(&root, "test", "/t9/two", "tmpfs"), 0);
	KEXPECT_EQ(vfs_mount(&root, "test", "/t9/two", "tmpfs"), -EBUSY);
	KEXPECT_EQ(vfs_mount(&root, "x", "/t9/one", "tmpfs"), -ENOTDIR);
	KEXPECT_EQ(vfs_mount(&root, "x", "/t9", "nofs"), -ENODEV);
	KEXPECT_EQ(put_file("/t9/two/inside", "m"), 0);
	KEXPECT_EQ(vfs_mkdir(&root, "/t9/two/sub", 0755), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t9/two/sub/../../one", 0, &st), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t9/two/inside/..", 0, &st), -ENOTDIR);
	KEXPECT_EQ(vfs_rmdir(&root, "/t9/two/sub"), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t9/two", 0, &st), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t9", 0, &dev), 0);
	KEXPECT(st.dev != dev.dev);				/* another fs */
	KEXPECT_EQ(vfs_rmdir(&root, "/t9/two"), -EBUSY);
	KEXPECT_EQ(vfs_rename(&root, "/t9/two/inside", "/t9/inside", 0), -EXDEV);
	KEXPECT_EQ(vfs_unlink(&root, "/t9/two/inside"), 0);
	KEXPECT_EQ(vfs_umount(&root, "/t9/two"), 0);
	KEXPECT_EQ(vfs_umount(&root, "/t9"), -EINVAL);
	KEXPECT_EQ(vfs_unlink(&root, "/t9/one"), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t9/two"), 0);
	teardown("/t9");
}

KTEST(vfs_chmod_and_device_nodes)
{
	struct kstat st;
	struct file *f;

	setup("/t10");
	KEXPECT_EQ(put_file("/t10/f", ""), 0);
	KEXPECT_EQ(vfs_chmod(&root, "/t10/f", 04755), 0);
	KEXPECT_EQ(vfs_stat(&root, "/t10/f", 0, &st), 0);
	KEXPECT_EQ(st.mode, S_IFREG | 04755);
	KEXPECT_EQ(vfs_mknod(&root, "/t10/nodev", S_IFCHR | 0600, 0xfff00), 0);
	KEXPECT_EQ(vfs_open(&root, "/t10/nodev", O_RDONLY, 0, &f), -ENXIO);
	KEXPECT_EQ(vfs_mknod(&root, "/t10/d", S_IFDIR | 0600, 0), -EINVAL);
	KEXPECT_EQ(vfs_stat(&root, "/t10/nodev", 0, &st), 0);
	KEXPECT_EQ(st.rdev, 0xfff00);
	KEXPECT_EQ(vfs_unlink(&root, "/t10/nodev"), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/t10/f"), 0);
	teardown("/t10");
}

/* A removed directory that is still referenced stays empty and closed. */
KTEST(vfs_removed_directory_stays_dead)
{
	struct path cwd;
	struct kstat st;

	setup("/t11");
	KEXPECT_EQ(vfs_mkdir(&root, "/t11/gone", 0755), 0);
	KEXPECT_EQ(vfs_lookup(&root, "/t11/gone", 0, &cwd), 0);
	KEXPECT_EQ(vfs_rmdir(&root, "/t11/gone"), 0);
	KEXPECT_EQ(vfs_mkdir(&cwd, "new", 0755), -ENOENT);
	KEXPECT_EQ(vfs_stat(&cwd, "x", 0, &st), -ENOENT);
	path_put(&cwd);
	teardown("/t11");
}

/* Ten thousand files created, written, read back, renamed and removed. */
KTEST(tmpfs_stress_ten_thousand_files)
{
	char name[48], to[48], buf[48];
	int bad = 0;

	setup("/stress");
	for (int i = 0; i < 10000; i++) {
		ksnprintf(name, sizeof(name), "/stress/file-%d", i);
		bad += put_file(name, name) != 0;
	}
	for (int i = 0; i < 10000; i++) {
		ksnprintf(name, sizeof(name), "/stress/file-%d", i);
		ksnprintf(to, sizeof(to), "/stress/renamed-%d", i);
		bad += get_file(name, buf, sizeof(buf)) != (ssize_t)strlen(name);
		bad += strcmp(buf, name) != 0;
		bad += vfs_rename(&root, name, to, 0) != 0;
	}
	for (int i = 0; i < 10000; i++) {
		ksnprintf(to, sizeof(to), "/stress/renamed-%d", i);
		bad += vfs_unlink(&root, to) != 0;
	}
	KEXPECT_EQ(bad, 0);
	teardown("/stress");
}
