/*
 * tests/host/cpio_test.c: the cpio "newc" parser (fs/cpio.c) on crafted
 * and hostile archives.
 *
 * A small builder writes entries field by field; every parse runs on a
 * heap copy of exactly the archive's length, so AddressSanitizer reports
 * any read past what the parser was given.  One test also checks the
 * builder (and the parser) against GNU cpio's own output when the `cpio`
 * tool is installed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fs/cpio.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"

#define S_DIR	 0040755u
#define S_REG	 0100644u
#define S_LNK	 0120777u
#define MAX_RECS 64

/* ---- the builder --------------------------------------------------------- */

struct cb {
	uint8_t buf[64 * 1024];
	size_t len;
};

static struct cb b;

/* What one entry holds; namesize 0 means strlen(name) + 1. */
struct ent {
	const char *magic; /* NULL: "070701" */
	uint32_t ino, mode, nlink, mtime, uid, gid;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	const char *name;
	uint32_t namesize;
	const void *data;
	uint32_t size;
	int crc; /* compute the check field (070702) */
};

static void
put(const void *p, size_t n)
{
	if (b.len + n > sizeof(b.buf))
		abort();
	memcpy(b.buf + b.len, p, n);
	b.len += n;
}

static void
pad4(void)
{
	static const uint8_t zero[4];

	put(zero, (4 - b.len % 4) % 4);
}

static void
put_hex(uint32_t v)
{
	char s[9];

	snprintf(s, sizeof(s), "%08X", v);
	put(s, 8);
}

static uint32_t
sum_bytes(const void *p, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += ((const uint8_t *)p)[i];
	return s;
}

/* Append entry @e; returns the offset of its header. */
static size_t
add(const struct ent *e)
{
	size_t at = b.len, nlen = e->name ? strlen(e->name) + 1 : 0;
	uint32_t namesize = e->namesize ? e->namesize : (uint32_t)nlen;
	uint32_t f[] = {e->ino,
			e->mode,
			e->uid,
			e->gid,
			e->nlink,
			e->mtime,
			e->size,
			e->devmajor,
			e->devminor,
			e->rdevmajor,
			e->rdevminor,
			namesize,
			e->crc ? sum_bytes(e->data, e->size) : 0};

	put(e->magic ? e->magic : (e->crc ? "070702" : "070701"), 6);
	for (size_t i = 0; i < 13; i++)
		put_hex(f[i]);
	put(e->name, nlen < namesize ? nlen : namesize);
	for (size_t i = nlen; i < namesize; i++)
		put("x", 1);
	pad4();
	if (e->size)
		put(e->data, e->size);
	pad4();
	return at;
}

static void
add_dir(const char *name)
{
	add(&(struct ent){.ino = 1, .mode = S_DIR, .nlink = 2, .name = name});
}

static void
add_file(const char *name, const char *data)
{
	add(&(struct ent){.ino = 2,
			  .mode = S_REG,
			  .nlink = 1,
			  .name = name,
			  .data = data,
			  .size = (uint32_t)strlen(data)});
}

static void
add_trailer(void)
{
	add(&(struct ent){.nlink = 1, .name = CPIO_TRAILER});
}

static void
reset(void)
{
	memset(&b, 0, sizeof(b));
}

/* Overwrite field @i (0 = ino ... 12 = check) of the header at @hdr. */
static void
set_field(size_t hdr, int i, const char *eight)
{
	memcpy(b.buf + hdr + 6 + 8 * i, eight, 8);
}

/* ---- parsing ------------------------------------------------------------- */

/* One non-zero result of cpio_next. */
struct rec {
	int rc;
	int stopped;
	char name[CPIO_NAME_MAX + 1];
	uint32_t mode, nlink, ino, mtime, rdevmajor, rdevminor;
	size_t size;
	char data[64];
};

static struct rec recs[MAX_RECS];
static int nrec;
static struct cpio_iter it;

/* Parse the first @len builder bytes from an exact-size copy. */
static int
parse_len(size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct cpio_entry e;
	struct rec *r;
	int rc;

	memcpy(copy, b.buf, len);
	cpio_init(&it, copy, len);
	nrec = 0;
	while ((rc = cpio_next(&it, &e)) != 0 && nrec < MAX_RECS) {
		r = &recs[nrec++];
		memset(r, 0, sizeof(*r));
		r->rc = rc;
		r->stopped = cpio_stopped(&it);
		if (rc == 1) {
			memcpy(r->name, e.name, e.name_len + 1);
			memcpy(r->data, e.data, e.size < 63 ? e.size : 63);
		}
		r->mode = e.mode;
		r->nlink = e.nlink;
		r->ino = e.ino;
		r->mtime = e.mtime;
		r->rdevmajor = e.rdevmajor;
		r->rdevminor = e.rdevminor;
		r->size = e.size;
	}
	EXPECT_EQ(cpio_next(&it, &e), 0); /* the end stays the end */
	free(copy);
	return nrec;
}

static int
parse(void)
{
	return parse_len(b.len);
}

/* ---- well-formed archives ---------------------------------------------- */

HTEST(cpio_valid_tree)
{
	reset();
	add_dir(".");
	add_dir("etc");
	add_file("etc/motd", "hello\n");
	add(&(struct ent){.ino = 3,
			  .mode = S_REG,
			  .nlink = 1,
			  .name = "etc/empty",
			  .mtime = 1700000000});
	add(&(struct ent){.ino = 4,
			  .mode = S_LNK,
			  .nlink = 1,
			  .name = "etc/link",
			  .data = "motd",
			  .size = 4});
	add(&(struct ent){
		.ino = 9, .mode = S_REG, .nlink = 2, .name = "etc/h1"});
	add(&(struct ent){.ino = 9,
			  .mode = S_REG,
			  .nlink = 2,
			  .name = "etc/h2",
			  .data = "xyz",
			  .size = 3});
	add(&(struct ent){.ino = 5,
			  .mode = 0020620,
			  .nlink = 1,
			  .name = "dev/tty1",
			  .rdevmajor = 4,
			  .rdevminor = 1});
	add_trailer();
	ASSERT_EQ(parse(), 7);
	EXPECT_STREQ(recs[0].name, "etc");
	EXPECT_EQ(recs[0].mode, S_DIR);
	EXPECT_STREQ(recs[1].name, "etc/motd");
	EXPECT_EQ(recs[1].size, 6);
	EXPECT_STREQ(recs[1].data, "hello\n");
	EXPECT_STREQ(recs[2].name, "etc/empty");
	EXPECT_EQ(recs[2].size, 0);
	EXPECT_EQ(recs[2].mtime, 1700000000);
	EXPECT_STREQ(recs[3].data, "motd");
	EXPECT_EQ(recs[3].mode, S_LNK);
	EXPECT_EQ(recs[4].nlink, 2);
	EXPECT_EQ(recs[4].size, 0);
	EXPECT_EQ(recs[5].ino, recs[4].ino);
	EXPECT_STREQ(recs[5].data, "xyz");
	EXPECT_EQ(recs[6].rdevmajor, 4);
	EXPECT_EQ(recs[6].rdevminor, 1);
	for (int i = 0; i < nrec; i++)
		EXPECT_EQ(recs[i].rc, 1);
	EXPECT_TRUE(it.trailer);
	EXPECT_EQ(it.error, 0);
}

/* Every name length 1..9 exercises every padding of name and data. */
HTEST(cpio_all_paddings)
{
	char name[16], data[16];

	reset();
	for (int n = 1; n <= 9; n++) {
		memset(name, 'a' + n, n);
		name[n] = '\0';
		memset(data, 'A' + n, n);
		data[n] = '\0';
		add_file(name, data);
	}
	add_trailer();
	ASSERT_EQ(parse(), 9);
	for (int n = 1; n <= 9; n++) {
		EXPECT_EQ(strlen(recs[n - 1].name), n);
		EXPECT_EQ(recs[n - 1].size, n);
		EXPECT_EQ(recs[n - 1].data[n - 1], 'A' + n);
	}
	EXPECT_TRUE(it.trailer);
}

HTEST(cpio_empty_archive_is_a_clean_end)
{
	reset();
	EXPECT_EQ(parse(), 0);
	EXPECT_FALSE(it.trailer);
	EXPECT_EQ(it.error, 0);
}

HTEST(cpio_missing_trailer_is_a_clean_end_without_trailer)
{
	reset();
	add_file("a", "1");
	add_file("b", "22");
	ASSERT_EQ(parse(), 2);
	EXPECT_FALSE(it.trailer);
	EXPECT_EQ(it.error, 0);
}

HTEST(cpio_trailer_without_padding_and_data_after_it)
{
	reset();
	add_file("a", "1");
	add_trailer();
	EXPECT_EQ(parse_len(b.len - 3), 1); /* 121 of its 124 bytes */
	EXPECT_TRUE(it.trailer);
	add_file("after", "ignored");
	EXPECT_EQ(parse(), 1);
	EXPECT_TRUE(it.trailer);
}

HTEST(cpio_lowercase_hex_and_last_data_unpadded)
{
	reset();
	add_file("a", "12345");
	memcpy(b.buf + 6 + 8, "000081a4", 8); /* mode, lower case */
	ASSERT_EQ(parse_len(b.len - 3), 1);   /* data padding cut */
	EXPECT_EQ(recs[0].mode, 0100644);
	EXPECT_STREQ(recs[0].data, "12345");
	EXPECT_FALSE(it.trailer);
}

/* ---- names --------------------------------------------------------------- */

HTEST(cpio_names_are_normalised)
{
	static const char *const in[] = {
		"/abs/path", "./x",   ".//./y", "//z", "a/./b",
		"..foo",     "a/..b", "a/b..",	"...", "x/"};
	static const char *const out[] = {"abs/path", "x",     "y",	"z",
					  "a/./b",    "..foo", "a/..b", "a/b..",
					  "...",      "x/"};

	reset();
	for (size_t i = 0; i < 10; i++)
		add_dir(in[i]);
	add_trailer();
	ASSERT_EQ(parse(), 10);
	for (size_t i = 0; i < 10; i++)
		EXPECT_STREQ(recs[i].name, out[i]);
}

HTEST(cpio_root_entries_are_skipped_silently)
{
	reset();
	add_dir(".");
	add_dir("/");
	add_dir("./");
	add_dir("./.");
	add_dir("d");
	add_trailer();
	ASSERT_EQ(parse(), 1);
	EXPECT_STREQ(recs[0].name, "d");
	EXPECT_TRUE(it.trailer);
}

HTEST(cpio_dotdot_is_rejected_and_parsing_continues)
{
	static const char *const bad[] = {
		"../etc/passwd", "a/../../b", "..",
		"a/..",		 "/../x",     "./a//../b"};

	reset();
	for (size_t i = 0; i < 6; i++)
		add_file(bad[i], "evil");
	add_file("good", "ok");
	add_trailer();
	ASSERT_EQ(parse(), 7);
	for (size_t i = 0; i < 6; i++) {
		EXPECT_EQ(recs[i].rc, -EPERM);
		EXPECT_FALSE(recs[i].stopped);
	}
	EXPECT_EQ(recs[6].rc, 1);
	EXPECT_STREQ(recs[6].name, "good");
	EXPECT_TRUE(it.trailer);
}

HTEST(cpio_namesize_zero_is_skipped)
{
	size_t h;

	reset();
	h = add(&(struct ent){.mode = S_REG, .name = "", .namesize = 1});
	set_field(h, 11, "00000000");
	add_file("next", "n");
	add_trailer();
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[0].rc, -EINVAL);
	EXPECT_FALSE(recs[0].stopped);
	EXPECT_STREQ(recs[1].name, "next");
}

HTEST(cpio_empty_name_is_skipped)
{
	reset();
	add(&(struct ent){.mode = S_REG, .name = ""});
	add_file("next", "n");
	add_trailer();
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[0].rc, -EINVAL);
	EXPECT_EQ(recs[1].rc, 1);
}

HTEST(cpio_name_without_nul_is_skipped)
{
	reset();
	/* namesize 6: "abcdef" with no NUL */
	add(&(struct ent){.mode = S_REG, .name = "abcdef", .namesize = 6});
	add(&(struct ent){.mode = S_REG, .name = "abcd", .namesize = 6});
	add_file("next", "n");
	add_trailer();
	ASSERT_EQ(parse(), 3);
	EXPECT_EQ(recs[0].rc, -EINVAL);
	EXPECT_FALSE(recs[0].stopped);
	EXPECT_EQ(recs[1].rc, -EINVAL); /* "abcd\0x": no final NUL */
	EXPECT_STREQ(recs[2].name, "next");
}

HTEST(cpio_nul_inside_name_is_skipped)
{
	size_t h;

	reset();
	h = add(&(struct ent){.mode = S_REG, .name = "abcdef"});
	b.buf[h + CPIO_HDR_SIZE + 2] = '\0'; /* "ab\0def\0" */
	add_file("next", "n");
	add_trailer();
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[0].rc, -EINVAL);
	EXPECT_EQ(recs[1].rc, 1);
}

HTEST(cpio_name_length_limit)
{
	static char name[CPIO_NAME_MAX + 8];

	reset();
	memset(name, 'n', CPIO_NAME_MAX - 1); /* namesize 4096: fits */
	add_file(name, "a");
	memset(name, 'm', CPIO_NAME_MAX); /* namesize 4097: too long */
	add_file(name, "b");
	add_file("next", "n");
	add_trailer();
	ASSERT_EQ(parse(), 3);
	EXPECT_EQ(recs[0].rc, 1);
	EXPECT_EQ(strlen(recs[0].name), CPIO_NAME_MAX - 1);
	EXPECT_EQ(recs[1].rc, -ENAMETOOLONG);
	EXPECT_FALSE(recs[1].stopped);
	EXPECT_EQ(recs[2].rc, 1);
}

/* ---- structural errors: the iterator stops ------------------------------- */

/* Two good entries, then the archive cut @cut bytes into the third. */
static void
check_cut(size_t cut)
{
	size_t third;

	reset();
	add_file("one", "1");
	add_file("two", "22");
	third = add(&(struct ent){.mode = S_REG,
				  .name = "three-long-name",
				  .data = "333333333",
				  .size = 9});
	add_trailer();
	ASSERT_EQ(parse_len(third + cut), 3);
	EXPECT_EQ(recs[2].rc, -EOVERFLOW);
	EXPECT_TRUE(recs[2].stopped);
	EXPECT_EQ(it.error, -EOVERFLOW);
	EXPECT_FALSE(it.trailer);
}

HTEST(cpio_truncated_header_stops)
{
	check_cut(1);
	check_cut(CPIO_HDR_SIZE - 1);
}

HTEST(cpio_truncated_name_stops)
{
	check_cut(CPIO_HDR_SIZE);
	check_cut(CPIO_HDR_SIZE + 5);
}

HTEST(cpio_truncated_data_stops)
{
	check_cut(CPIO_HDR_SIZE + 16 + 4); /* name 16, padded to 128 */
	check_cut(CPIO_HDR_SIZE + 18 + 8); /* one data byte short */
}

HTEST(cpio_bad_magic_stops)
{
	reset();
	add_file("one", "1");
	add(&(struct ent){.magic = "070707", .mode = S_REG, .name = "odc"});
	add_file("never", "x");
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[1].rc, -EINVAL);
	EXPECT_TRUE(recs[1].stopped);
	reset();
	add(&(struct ent){.magic = "171701", .name = "x"});
	ASSERT_EQ(parse(), 1);
	EXPECT_EQ(recs[0].rc, -EINVAL);
}

HTEST(cpio_bad_hex_digit_stops)
{
	size_t h;

	reset();
	add_file("one", "1");
	h = add(&(struct ent){.mode = S_REG, .name = "two"});
	add_file("three", "3");
	add_trailer();
	b.buf[h + 6 + 8 * 1 + 3] = 'g'; /* in the mode field */
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[0].rc, 1);
	EXPECT_EQ(recs[1].rc, -EINVAL);
	EXPECT_TRUE(recs[1].stopped);
	EXPECT_EQ(it.error, -EINVAL);
	b.buf[h + 6 + 8 * 12 + 7] = ' '; /* in the check field too */
	b.buf[h + 6 + 8 * 1 + 3] = '0';
	ASSERT_EQ(parse(), 2);
	EXPECT_EQ(recs[1].rc, -EINVAL);
}

HTEST(cpio_huge_namesize_stops)
{
	static const char *const sizes[] = {"FFFFFFFF", "7FFFFFFF", "00001000",
					    "00000080"};

	for (size_t i = 0; i < 4; i++) {
		reset();
		set_field(add(&(struct ent){.mode = S_REG, .name = "x"}), 11,
			  sizes[i]);
		ASSERT_EQ(parse(), 1);
		EXPECT_EQ(recs[0].rc, -EOVERFLOW);
		EXPECT_TRUE(recs[0].stopped);
	}
}

HTEST(cpio_huge_filesize_stops)
{
	static const char *const sizes[] = {"FFFFFFFF", "FFFFFFFC", "80000000",
					    "00000005"};

	for (size_t i = 0; i < 4; i++) {
		reset();
		add_file("one", "1");
		set_field(add(&(struct ent){.mode = S_REG, .name = "x"}), 6,
			  sizes[i]);
		ASSERT_EQ(parse(), 2);
		EXPECT_EQ(recs[1].rc, -EOVERFLOW);
		EXPECT_TRUE(recs[1].stopped);
	}
}

/* ---- 070702: newc with a checksum ---------------------------------------- */

HTEST(cpio_crc_checked)
{
	size_t h;

	reset();
	add(&(struct ent){.mode = S_REG,
			  .name = "good",
			  .data = "\xff\x01z",
			  .size = 3,
			  .crc = 1});
	h = add(&(struct ent){.mode = S_REG,
			      .name = "bad",
			      .data = "abc",
			      .size = 3,
			      .crc = 1});
	add(&(struct ent){
		.mode = S_REG, .name = "plain", .data = "abc", .size = 3});
	add_trailer();
	b.buf[h + 6 + 8 * 12 + 7] ^= 1; /* off by one */
	ASSERT_EQ(parse(), 3);
	EXPECT_EQ(recs[0].rc, 1);
	EXPECT_EQ(recs[1].rc, -EBADMSG);
	EXPECT_FALSE(recs[1].stopped);
	EXPECT_EQ(recs[2].rc, 1); /* 070701 ignores the field */
	EXPECT_TRUE(it.trailer);
}

/* ---- hostile input never crashes ----------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/* One random change: a byte, a hex digit, a whole field, or a cut. */
static void
mutate(size_t *len)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	size_t at = *len ? rng() % *len : 0;

	switch (rng() % 5) {
	case 0:
		b.buf[at] = (uint8_t)rng();
		break;
	case 1:
		b.buf[at] = (uint8_t)hex[rng() % 22];
		break;
	case 2:
		b.buf[at] = "/.\0"[rng() % 3];
		break;
	case 3:
		for (int i = 0; i < 8 && at + i < *len; i++)
			b.buf[at + i] = (uint8_t)hex[rng() % 16];
		break;
	default:
		*len = at;
	}
}

/* Whether an accepted name could leave the directory it is created in. */
static int
name_escapes(const char *n)
{
	return n[0] == '/' || strcmp(n, "..") == 0 ||
	       strncmp(n, "../", 3) == 0 || strstr(n, "/../") ||
	       (strlen(n) >= 3 && strcmp(n + strlen(n) - 3, "/..") == 0);
}

/* Parse the mutated builder bytes; check what every entry claims. */
static void
check_mutant(size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct cpio_entry e;
	int rc, n = 0;

	memcpy(copy, b.buf, len);
	cpio_init(&it, copy, len);
	while ((rc = cpio_next(&it, &e)) != 0) {
		if (!EXPECT_TRUE(++n < 200))
			break;
		if (rc < 0)
			continue;
		EXPECT_TRUE(e.data >= copy && e.size <= len &&
			    (size_t)(e.data - copy) <= len - e.size);
		EXPECT_EQ(strlen(e.name), e.name_len);
		EXPECT_FALSE(name_escapes(e.name));
		EXPECT_TRUE(e.name_len > 0 && e.name_len < CPIO_NAME_MAX);
	}
	EXPECT_TRUE(it.stopped);
	free(copy);
}

HTEST(cpio_random_mutations_never_crash)
{
	static uint8_t good[sizeof(b.buf)];
	size_t good_len, len;

	reset();
	add_dir(".");
	add_dir("bin");
	add_file("bin/sh", "#!/bin/true\n");
	add(&(struct ent){.mode = S_LNK,
			  .name = "bin/ls",
			  .data = "sh",
			  .size = 2,
			  .crc = 1});
	add_file("../up", "..");
	add(&(struct ent){.mode = S_REG, .nlink = 2, .ino = 7, .name = "h"});
	add_file("etc/hostname", "basalt\n");
	add_trailer();
	memcpy(good, b.buf, b.len);
	good_len = b.len;
	for (int i = 0; i < 20000 && !htest_failed(); i++) {
		memcpy(b.buf, good, good_len);
		len = good_len;
		for (uint32_t m = 1 + rng() % 4; m > 0; m--)
			mutate(&len);
		check_mutant(len);
	}
}

/* ---- against the real tool ----------------------------------------------- */

/* Run @cmd in a shell; returns its exit status (-1 if it cannot run). */
static int
run(const char *cmd)
{
	int st = system(cmd);

	return st == -1 ? -1 : WEXITSTATUS(st);
}

/* Read the whole file @path into b; returns its length, or -1. */
static long
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(b.buf, 1, sizeof(b.buf), f);
	fclose(f);
	b.len = n;
	return (long)n;
}

/* Rebuild the archive from the parsed entries with the builder. */
static void
rebuild_from(const uint8_t *orig, size_t len)
{
	struct cpio_iter ci;
	struct cpio_entry e;

	cpio_init(&ci, orig, len);
	reset();
	while (cpio_next(&ci, &e) == 1)
		add(&(struct ent){.ino = e.ino,
				  .mode = e.mode,
				  .uid = e.uid,
				  .gid = e.gid,
				  .nlink = e.nlink,
				  .mtime = e.mtime,
				  .devmajor = e.devmajor,
				  .devminor = e.devminor,
				  .name = e.raw_name,
				  .data = e.data,
				  .size = (uint32_t)e.size});
	add_trailer();
	while (b.len % 512)
		put("", 1);
}

/* The record of the last parse named @name, or NULL. */
static const struct rec *
find_rec(const char *name)
{
	for (int i = 0; i < nrec; i++)
		if (recs[i].rc == 1 && strcmp(recs[i].name, name) == 0)
			return &recs[i];
	return NULL;
}

HTEST(cpio_builder_matches_gnu_cpio)
{
	static uint8_t real[sizeof(b.buf)];
	char dir[] = "/tmp/cpio_test.XXXXXX", cmd[512];
	long len;

	if (run("command -v cpio >/dev/null 2>&1") != 0) {
		fprintf(stderr, "# cpio not installed: comparison skipped\n");
		return;
	}
	ASSERT_TRUE(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && mkdir d && printf 'hello\\n' > d/f && : > e && "
		 "printf abcdefg > d/h1 && ln d/h1 h2 && ln -s d/f l && "
		 "printf 'd\\nd/f\\nd/h1\\ne\\nh2\\nl\\n' | "
		 "cpio -o -H newc --quiet -R 0:0 > a.cpio",
		 dir);
	ASSERT_EQ(run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/a.cpio", dir);
	len = slurp(cmd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	run(cmd);
	ASSERT_TRUE(len > 0);
	memcpy(real, b.buf, (size_t)len);
	ASSERT_EQ(parse(), 6);
	EXPECT_TRUE(it.trailer);
	/* GNU cpio defers a hard link's data to the last of its names. */
	ASSERT_TRUE(find_rec("d/h1") && find_rec("h2"));
	EXPECT_EQ(find_rec("d/h1")->size, 0);
	EXPECT_EQ(find_rec("d/h1")->ino, find_rec("h2")->ino);
	EXPECT_EQ(find_rec("h2")->nlink, 2);
	EXPECT_STREQ(find_rec("h2")->data, "abcdefg");
	EXPECT_STREQ(find_rec("l")->data, "d/f");
	rebuild_from(real, (size_t)len);
	EXPECT_EQ(b.len, (size_t)len);
	EXPECT_MEMEQ(b.buf, real, (size_t)len);
}
