/*
 * tests/kernel/initrd_test.c: in-kernel tests of the initrd (fs/initrd.c).
 *
 * The boot unpacked build/initrd.cpio into the root before the tests run:
 * its test/blob.bin must read back with the CRC-32 the build computed
 * ($(B)/gen/initrd_crc.h, scripts/initrd-blob.py), and the module's frames
 * must be back in the allocator.  initrd_unpack_semantics unpacks an
 * archive built here (below /kt-initrd, removed afterwards) to check hard
 * links, symlinks, FIFOs, modes, times and missing parents.
 * initrd_bad_archive_contained is manual: it runs only when named, with
 * the malformed build/initrd-bad.cpio booted (tests/cases.py).
 */
#include "arch/arch.h"
#include "fs/initrd.h"
#include "fs/vfs.h"
#include "initrd_crc.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

#define KT_CHUNK   4096
#define KT_AR_SIZE 4096

/* CRC-32 (IEEE 802.3, reflected, as zlib.crc32) of @len bytes, from @crc. */
static uint32_t
kt_crc32(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Read up to @len bytes of @name into @buf; returns the count or -errno. */
static ssize_t
kt_read(const char *name, void *buf, size_t len)
{
	struct path root;
	struct file *f;
	ssize_t n, done = 0;
	int err;

	vfs_root(&root);
	err = vfs_open(&root, name, O_RDONLY, 0, &f);
	path_put(&root);
	if (err < 0)
		return err;
	while ((size_t)done < len &&
	       (n = vfs_read(f, (char *)buf + done, len - done)) > 0)
		done += n;
	file_put(f);
	return done;
}

/* Whether @name exists (not following a last symlink). */
static bool
kt_exists(const char *name)
{
	struct path root;
	struct kstat st;
	int err;

	vfs_root(&root);
	err = vfs_stat(&root, name, 0, &st);
	path_put(&root);
	return err == 0;
}

KTEST(initrd_blob_matches_build_checksum)
{
	uint8_t *buf = kmalloc(KT_CHUNK);
	struct path root;
	struct file *f = NULL;
	uint32_t crc = 0;
	uint64_t total = 0;
	ssize_t n;

	KEXPECT(buf != NULL);
	vfs_root(&root);
	KEXPECT_EQ(vfs_open(&root, "/test/blob.bin", O_RDONLY, 0, &f), 0);
	path_put(&root);
	if (buf == NULL || f == NULL)
		goto out;
	while ((n = vfs_read(f, buf, KT_CHUNK)) > 0) {
		crc = kt_crc32(crc, buf, (size_t)n);
		total += (uint64_t)n;
	}
	KEXPECT_EQ(n, 0);
	file_put(f);
	KEXPECT_EQ(total, INITRD_BLOB_SIZE);
	KEXPECT_EQ(crc, INITRD_BLOB_CRC32);
out:
	kfree(buf);
}

KTEST(initrd_etc_files_unpacked)
{
	char buf[32] = {0};
	struct path root;
	struct kstat st;

	KEXPECT_EQ(kt_read("/etc/hostname", buf, sizeof(buf) - 1), 7);
	KEXPECT_STREQ(buf, "basalt\n");
	vfs_root(&root);
	KEXPECT_EQ(vfs_stat(&root, "/etc", 0, &st), 0);
	KEXPECT(S_ISDIR(st.mode));
	KEXPECT_EQ(st.mode & 07777, 0755);
	KEXPECT_EQ(st.uid, 0);
	KEXPECT(st.mtime.tv_sec > 1500000000); /* the archive's, not 0 */
	KEXPECT_EQ(vfs_stat(&root, "/etc/motd", 0, &st), 0);
	KEXPECT(S_ISREG(st.mode) && st.size > 0);
	path_put(&root);
}

KTEST(initrd_module_frames_released)
{
	const struct boot_module *m = NULL;
	paddr_t mid;

	for (size_t i = 0; i < boot_info.module_count; i++)
		if (strcmp(boot_info.modules[i].cmdline, "initrd") == 0)
			m = &boot_info.modules[i];
	KEXPECT(m != NULL);
	if (m == NULL)
		return;
	mid = ALIGN_DOWN(m->start + (m->end - m->start) / 2, PAGE_SIZE);
	KEXPECT(m->end - m->start > 3 * PAGE_SIZE); /* the blob alone */
	KEXPECT(pmm_is_usable(mid));
	/* a second release is refused: the frames may be in use by now */
	KEXPECT_EQ(pmm_release_boot_range(m->start, m->end), 0);
}

/* ---- initrd_unpack on an archive built here ------------------------------ */

struct kt_ar {
	char *buf;
	size_t len;
};

/* Append a newc entry (data a string, or NULL) to @a. */
static void
kt_add(struct kt_ar *a, const char *name, uint32_t mode, uint32_t ino,
       uint32_t nlink, const char *data)
{
	size_t nsize = strlen(name) + 1, dsize = data ? strlen(data) : 0;

	if (a->len + 128 + nsize + dsize + 8 > KT_AR_SIZE)
		return; /* the test's sizes never get here */
	a->len += (size_t)ksnprintf(
		a->buf + a->len, KT_AR_SIZE - a->len,
		"070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		ino, mode, 0, 0, nlink, 1234567890, (unsigned int)dsize, 0, 1,
		0, 0, (unsigned int)nsize, 0);
	memcpy(a->buf + a->len, name, nsize);
	a->len = ALIGN_UP(a->len + nsize, 4);
	memcpy(a->buf + a->len, data ? data : "", dsize);
	a->len = ALIGN_UP(a->len + dsize, 4);
}

/* Build the archive of initrd_unpack_semantics in @a. */
static void
kt_build(struct kt_ar *a)
{
	kt_add(a, "kt-initrd", 040755, 1, 2, NULL);
	kt_add(a, "kt-initrd/deep/er/f", 0104755, 2, 1, "abc");
	kt_add(a, "kt-initrd/h1", 0100640, 3, 2, NULL);
	kt_add(a, "kt-initrd/h2", 0100640, 3, 2, "shared");
	kt_add(a, "./kt-initrd/l", 0120777, 4, 1, "h2");
	kt_add(a, "/kt-initrd/p", 010600, 5, 1, NULL);
	kt_add(a, "kt-initrd/ro", 040555, 6, 2, NULL);
	kt_add(a, "kt-initrd/ro/x", 0100444, 7, 1, "");
	kt_add(a, "../kt-escape", 0100644, 8, 1, "no");
	kt_add(a, "TRAILER!!!", 0, 0, 1, NULL);
}

/* Check what kt_build's archive created. */
static void
kt_check(struct path *root)
{
	struct kstat st, st2;
	char buf[8] = {0};

	KEXPECT_EQ(vfs_stat(root, "kt-initrd/deep/er/f", 0, &st), 0);
	KEXPECT_EQ(st.mode, 0104755);
	KEXPECT_EQ(st.mtime.tv_sec, 1234567890);
	KEXPECT_EQ(vfs_stat(root, "kt-initrd/deep", 0, &st), 0);
	KEXPECT_EQ(st.mode, 040755); /* a missing parent */
	KEXPECT_EQ(vfs_stat(root, "kt-initrd/h1", 0, &st), 0);
	KEXPECT_EQ(vfs_stat(root, "kt-initrd/h2", 0, &st2), 0);
	KEXPECT_EQ(st.ino, st2.ino);
	KEXPECT_EQ(st.nlink, 2);
	KEXPECT_EQ(st.size, 6);
	KEXPECT_EQ(kt_read("kt-initrd/h1", buf, sizeof(buf) - 1), 6);
	KEXPECT_STREQ(buf, "shared");
	KEXPECT_EQ(vfs_readlink(root, "kt-initrd/l", buf, sizeof(buf)), 2);
	KEXPECT_EQ(vfs_stat(root, "kt-initrd/p", 0, &st), 0);
	KEXPECT(S_ISFIFO(st.mode));
	KEXPECT_EQ(vfs_stat(root, "kt-initrd/ro", 0, &st), 0);
	KEXPECT_EQ(st.mode, 040555); /* set after ro/x */
	KEXPECT_EQ(st.mtime.tv_sec, 1234567890);
	KEXPECT(kt_exists("kt-initrd/ro/x"));
	KEXPECT(!kt_exists("kt-escape"));
}

/* Remove what kt_build's archive created. */
static void
kt_clean(struct path *root)
{
	static const char *const files[] = {
		"kt-initrd/deep/er/f", "kt-initrd/h1", "kt-initrd/h2",
		"kt-initrd/l",	       "kt-initrd/p",  "kt-initrd/ro/x",
	};
	static const char *const dirs[] = {
		"kt-initrd/deep/er",
		"kt-initrd/deep",
		"kt-initrd/ro",
		"kt-initrd",
	};

	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		KEXPECT_EQ(vfs_unlink(root, files[i]), 0);
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		KEXPECT_EQ(vfs_rmdir(root, dirs[i]), 0);
}

KTEST(initrd_unpack_semantics)
{
	struct kt_ar a = {kzalloc(KT_AR_SIZE), 0};
	struct initrd_stats st;
	struct path root;

	KEXPECT(a.buf != NULL);
	if (a.buf == NULL)
		return;
	kt_build(&a);
	KEXPECT_EQ(initrd_unpack(a.buf, a.len, &st), 0);
	KEXPECT_EQ(st.entries, 9);
	KEXPECT_EQ(st.files, 4);
	KEXPECT_EQ(st.dirs, 2);
	KEXPECT_EQ(st.symlinks, 1);
	KEXPECT_EQ(st.nodes, 1);
	KEXPECT_EQ(st.skipped, 1);
	KEXPECT_EQ(st.bytes, 9);
	KEXPECT(st.complete);
	vfs_root(&root);
	kt_check(&root);
	kt_clean(&root);
	path_put(&root);
	kfree(a.buf);
}

/* Booted with build/initrd-bad.cpio (scripts/initrd-bad.py). */
KTEST_F(initrd_bad_archive_contained, KTEST_MANUAL)
{
	static const char *const absent[] = {
		"/escape",	  "/b",	     "/a",
		"/crc-mismatch",  "/no-nul", "/unknown-type",
		"/after-bad-hex", "/tail",
	};
	char buf[16] = {0};

	for (size_t i = 0; i < ARRAY_SIZE(absent); i++)
		if (kt_exists(absent[i]))
			ktest_fail(__FILE__, __LINE__, "%s exists", absent[i]);
	KEXPECT_EQ(kt_read("/abs/ok", buf, sizeof(buf) - 1), 11);
	KEXPECT_STREQ(buf, "normalised\n");
	KEXPECT(kt_exists("/test/blob.bin"));
}
