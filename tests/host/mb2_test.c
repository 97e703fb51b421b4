/*
 * tests/host/mb2_test.c: mb2_parse() on crafted Multiboot2 information.
 *
 * A small builder assembles tag buffers; every parse runs on a heap copy
 * of exactly @avail bytes, so AddressSanitizer reports any read past what
 * the parser was allowed to see.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"

#define MBI_PHYS 0x10000ull /* where the information "is" */

struct mb2b {
	uint8_t buf[64 * 1024] __attribute__((aligned(8)));
	size_t len;
	size_t tag; /* offset of the open tag */
};

static struct mb2b b;
static struct boot_info bi;

static void
put(const void *p, size_t n)
{
	if (b.len + n > sizeof(b.buf))
		abort();
	memcpy(b.buf + b.len, p, n);
	b.len += n;
}

static void
put8(uint8_t v)
{
	put(&v, 1);
}

static void
put16(uint16_t v)
{
	put(&v, 2);
}

static void
put32(uint32_t v)
{
	put(&v, 4);
}

static void
put64(uint64_t v)
{
	put(&v, 8);
}

static void
put_str(const char *s)
{
	put(s, strlen(s) + 1);
}

static void
pad8(void)
{
	while (b.len % 8)
		put8(0);
}

static void
set32(size_t off, uint32_t v)
{
	memcpy(b.buf + off, &v, 4);
}

/* Start the information: total_size is filled in by finish(). */
static void
start(void)
{
	memset(&b, 0, sizeof(b));
	put32(0);
	put32(0);
}

/* Open a tag of @type; its size is filled in by tag_end(). */
static void
tag_begin(uint32_t type)
{
	pad8();
	b.tag = b.len;
	put32(type);
	put32(0);
}

static void
tag_end(void)
{
	set32(b.tag + 4, (uint32_t)(b.len - b.tag));
}

/* Close the information, with an end tag if @end; returns total_size. */
static uint32_t
finish_opt(int end)
{
	pad8();
	if (end) {
		put32(0);
		put32(8);
	}
	set32(0, (uint32_t)b.len);
	return (uint32_t)b.len;
}

static uint32_t
finish(void)
{
	return finish_opt(1);
}

static void
tag_string(uint32_t type, const char *s)
{
	tag_begin(type);
	put_str(s);
	tag_end();
}

/* A tag with just a header and no contents (EFI boot services, ...). */
static void
tag_empty(uint32_t type)
{
	tag_begin(type);
	tag_end();
}

static void
tag_module(uint32_t start_pa, uint32_t end_pa, const char *s)
{
	tag_begin(3);
	put32(start_pa);
	put32(end_pa);
	put_str(s);
	tag_end();
}

/* Open an mmap tag; entries follow with mmap_entry(). */
static void
tag_mmap_begin(uint32_t entry_size)
{
	tag_begin(6);
	put32(entry_size);
	put32(0);
}

/* One entry of @esize bytes: the 24-byte core, then 0xee filler. */
static void
mmap_entry(uint32_t esize, uint64_t base, uint64_t len, uint32_t type)
{
	put64(base);
	put64(len);
	put32(type);
	put32(0);
	for (uint32_t i = 24; i < esize; i++)
		put8(0xee);
}

static void
tag_fb_common(uint64_t addr, uint32_t pitch, uint32_t w, uint32_t h,
	      uint8_t bpp, uint8_t type)
{
	tag_begin(8);
	put64(addr);
	put32(pitch);
	put32(w);
	put32(h);
	put8(bpp);
	put8(type);
	put16(0);
}

static void
tag_rsdp(uint32_t type, uint8_t first, size_t n)
{
	tag_begin(type);
	for (size_t i = 0; i < n; i++)
		put8((uint8_t)(first + i));
	tag_end();
}

/*
 * Parse the first @avail bytes of the builder from an exact-size heap
 * copy (bytes beyond b.len are zero).
 */
static int
parse_avail(size_t avail)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	int err;

	memset(copy, 0, avail);
	memcpy(copy, b.buf, avail < b.len ? avail : b.len);
	err = mb2_parse(copy, avail, MBI_PHYS, &bi);
	free(copy);
	return err;
}

static int
parse(void)
{
	return parse_avail(b.len);
}

/* Build a rich, well-formed information structure; returns total_size. */
static uint32_t
build_full(void)
{
	start();
	tag_string(1, "console=ttyS0 loglevel=7");
	tag_string(2, "GRUB 2.06");
	tag_module(0x200000, 0x280000, "initrd.cpio");
	tag_module(0x300000, 0x300000, "");
	tag_begin(4);
	put32(639);
	put32(523264);
	tag_end();
	tag_mmap_begin(24);
	mmap_entry(24, 0, 0x9fc00, 1);
	mmap_entry(24, 0x9fc00, 0x400, 2);
	mmap_entry(24, 0x100000, 0x1ff00000, 1);
	mmap_entry(24, 0xfffc0000, 0x40000, 2);
	tag_end();
	tag_fb_common(0xfd000000, 4096, 1024, 768, 32, BOOT_FB_RGB);
	put8(16), put8(8), put8(8), put8(8), put8(0), put8(8);
	tag_end();
	tag_begin(12);
	put64(0x7f9e1018);
	tag_end();
	tag_rsdp(14, 0x10, 20);
	tag_rsdp(15, 0x40, 36);
	tag_begin(17);
	put32(48);
	put32(1);
	tag_end();
	tag_empty(18);
	tag_begin(21);
	put32(0x100000);
	tag_end();
	tag_empty(99); /* unknown */
	return finish();
}

#define FULL_TAGS 14 /* tags build_full() writes, end tag excluded */

static void
expect_full_fields(void)
{
	EXPECT_STREQ(bi.cmdline, "console=ttyS0 loglevel=7");
	EXPECT_STREQ(bi.loader_name, "GRUB 2.06");
	EXPECT_EQ(bi.module_count, 2);
	EXPECT_EQ(bi.modules[0].start, 0x200000);
	EXPECT_EQ(bi.modules[0].end, 0x280000);
	EXPECT_STREQ(bi.modules[0].cmdline, "initrd.cpio");
	EXPECT_EQ(bi.modules[1].start, 0x300000);
	EXPECT_STREQ(bi.modules[1].cmdline, "");
	EXPECT_FALSE(bi.modules_truncated);
	EXPECT_TRUE(bi.has_basic_mem);
	EXPECT_EQ(bi.mem_lower_kib, 639);
	EXPECT_EQ(bi.mem_upper_kib, 523264);
	EXPECT_EQ(bi.mmap_count, 4);
	EXPECT_EQ(bi.mmap[2].base, 0x100000);
	EXPECT_EQ(bi.mmap[2].len, 0x1ff00000);
	EXPECT_EQ(bi.mmap[2].type, BOOT_MEM_AVAILABLE);
	EXPECT_EQ(bi.mmap[3].base, 0xfffc0000);
	EXPECT_EQ(bi.mmap[3].type, BOOT_MEM_RESERVED);
	EXPECT_FALSE(bi.mmap_truncated);
}

static void
expect_full_fields_2(void)
{
	EXPECT_TRUE(bi.has_fb);
	EXPECT_EQ(bi.fb.addr, 0xfd000000);
	EXPECT_EQ(bi.fb.pitch, 4096);
	EXPECT_EQ(bi.fb.width, 1024);
	EXPECT_EQ(bi.fb.height, 768);
	EXPECT_EQ(bi.fb.bpp, 32);
	EXPECT_EQ(bi.fb.type, BOOT_FB_RGB);
	EXPECT_EQ(bi.fb.red_pos, 16);
	EXPECT_EQ(bi.fb.red_size, 8);
	EXPECT_EQ(bi.fb.green_pos, 8);
	EXPECT_EQ(bi.fb.green_size, 8);
	EXPECT_EQ(bi.fb.blue_pos, 0);
	EXPECT_EQ(bi.fb.blue_size, 8);
	EXPECT_TRUE(bi.efi_boot);
	EXPECT_EQ(bi.efi_system_table, 0x7f9e1018);
	EXPECT_TRUE(bi.efi_boot_services);
	EXPECT_TRUE(bi.has_efi_mmap);
	EXPECT_TRUE(bi.has_load_base);
	EXPECT_EQ(bi.load_base, 0x100000);
	EXPECT_EQ(bi.acpi_rsdp_version, 2);
	EXPECT_EQ(bi.acpi_rsdp_len, 36);
	EXPECT_EQ(bi.acpi_rsdp[0], 0x40);
	EXPECT_EQ(bi.acpi_rsdp[35], 0x40 + 35);
}

HTEST(mb2_full_information)
{
	uint32_t total = build_full();

	ASSERT_EQ(parse(), 0);
	expect_full_fields();
	expect_full_fields_2();
	EXPECT_EQ(bi.tag_count, FULL_TAGS);
	EXPECT_EQ(bi.bad_tags, 0);
	EXPECT_EQ(bi.mbi_start, MBI_PHYS);
	EXPECT_EQ(bi.mbi_end, MBI_PHYS + total);
}

/* More bytes readable than total_size: nothing past it is looked at. */
HTEST(mb2_avail_larger_than_total)
{
	build_full();
	memset(b.buf + b.len, 0xff, 256);
	ASSERT_EQ(parse_avail(b.len + 256), 0);
	expect_full_fields();
	EXPECT_EQ(bi.bad_tags, 0);
}

HTEST(mb2_minimal)
{
	start();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.tag_count, 0);
	EXPECT_EQ(bi.bad_tags, 0);
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_EQ(bi.mmap_count, 0);
	EXPECT_FALSE(bi.has_fb);
	EXPECT_EQ(bi.acpi_rsdp_version, 0);
	EXPECT_EQ(bi.mbi_end, MBI_PHYS + 16);
}

/* Returns -EINVAL and checks that @bi was still zeroed. */
static void
expect_einval(const void *mbi, size_t avail)
{
	static const struct boot_info zero;

	memset(&bi, 0xa5, sizeof(bi));
	EXPECT_EQ(mb2_parse(mbi, avail, MBI_PHYS, &bi), -EINVAL);
	EXPECT_MEMEQ(&bi, &zero, sizeof(bi));
}

HTEST(mb2_bad_header)
{
	static uint64_t raw[8];
	uint8_t *p = (uint8_t *)raw;
	uint32_t v;

	expect_einval(NULL, 64);
	start();
	finish();
	memcpy(raw, b.buf, 16);
	memcpy(p + 24, b.buf, 16);
	expect_einval(p + 4, 32); /* not 8-aligned */
	expect_einval(p, 15);	  /* avail < 16 */
	expect_einval(p, 0);
	for (v = 0; v < 16; v++) { /* total_size < 16 */
		memcpy(p, &v, 4);
		expect_einval(p, 64);
	}
	v = 17; /* total_size > avail */
	memcpy(p, &v, 4);
	expect_einval(p, 16);
	v = 0xffffffff;
	memcpy(p, &v, 4);
	expect_einval(p, 64);
	EXPECT_EQ(mb2_parse(p + 24, 16, MBI_PHYS, &bi), 0);
}

HTEST(mb2_total_size_beyond_avail)
{
	build_full();
	EXPECT_EQ(parse_avail(b.len - 1), -EINVAL);
	EXPECT_EQ(parse_avail(b.len - 8), -EINVAL);
	EXPECT_EQ(parse_avail(16), -EINVAL);
}

/*
 * Cut total_size to every length from 16 to the full size: whatever tags
 * fit whole are kept, and the cut counts as exactly one bad tag.
 */
HTEST(mb2_truncated_at_every_length)
{
	uint32_t total = build_full(), cut;
	unsigned int seen = 0;

	for (cut = 16; cut < total; cut++) {
		build_full();
		set32(0, cut);
		if (!EXPECT_EQ(parse_avail(cut), 0))
			break;
		if (!EXPECT_EQ(bi.bad_tags, 1))
			break;
		EXPECT_TRUE(bi.tag_count >= seen);
		seen = bi.tag_count;
		EXPECT_EQ(bi.mbi_end, MBI_PHYS + cut);
	}
	EXPECT_EQ(seen, FULL_TAGS); /* the end tag was the only loss */
}

HTEST(mb2_truncated_inside_mmap)
{
	size_t mmap_off;

	start();
	tag_string(1, "before");
	mmap_off = b.len;
	tag_mmap_begin(24);
	mmap_entry(24, 0, 0x1000, 1);
	mmap_entry(24, 0x1000, 0x1000, 1);
	tag_end();
	tag_string(2, "after");
	finish();
	set32(0, (uint32_t)(mmap_off + 30)); /* cut in the first entry */
	ASSERT_EQ(parse_avail(mmap_off + 30), 0);
	EXPECT_STREQ(bi.cmdline, "before");
	EXPECT_EQ(bi.mmap_count, 0);
	EXPECT_STREQ(bi.loader_name, "");
	EXPECT_EQ(bi.tag_count, 1);
	EXPECT_EQ(bi.bad_tags, 1);
}

HTEST(mb2_tag_size_below_header)
{
	for (uint32_t size = 0; size < 8; size++) {
		start();
		tag_string(1, "kept");
		tag_begin(2);
		put_str("lost");
		tag_end();
		set32(b.tag + 4, size);
		tag_string(2, "never");
		finish();
		ASSERT_EQ(parse(), 0);
		EXPECT_STREQ(bi.cmdline, "kept");
		EXPECT_STREQ(bi.loader_name, "");
		EXPECT_EQ(bi.tag_count, 1);
		EXPECT_EQ(bi.bad_tags, 1);
	}
}

HTEST(mb2_tag_runs_past_total_size)
{
	static const uint32_t extra[] = {1, 8, 4096, 0x7fffffff};
	uint32_t total;

	for (size_t i = 0; i < ARRAY_SIZE(extra); i++) {
		start();
		tag_string(1, "kept");
		tag_string(2, "loader");
		total = finish();
		/* The loader tag starts at 24; stretch it past the end. */
		set32(24 + 4, total - 24 + extra[i]);
		ASSERT_EQ(parse(), 0);
		EXPECT_STREQ(bi.cmdline, "kept");
		EXPECT_STREQ(bi.loader_name, "");
		EXPECT_EQ(bi.bad_tags, 1);
	}
	/* Size 0xffffffff must not wrap any offset arithmetic. */
	start();
	tag_string(1, "x");
	set32(8 + 4, 0xffffffff);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.bad_tags, 1);
	EXPECT_EQ(bi.tag_count, 0);
}

/* A last tag that reaches total_size exactly is fine, bar the end tag. */
HTEST(mb2_missing_end_tag)
{
	start();
	tag_string(1, "abc"); /* size 12: not a multiple of 8 */
	finish_opt(0);
	set32(0, 20); /* total ends right after the tag */
	ASSERT_EQ(parse_avail(20), 0);
	EXPECT_STREQ(bi.cmdline, "abc");
	EXPECT_EQ(bi.tag_count, 1);
	EXPECT_EQ(bi.bad_tags, 1);

	build_full();
	b.len -= 8; /* drop the end tag */
	set32(0, (uint32_t)b.len);
	ASSERT_EQ(parse(), 0);
	expect_full_fields();
	EXPECT_EQ(bi.tag_count, FULL_TAGS);
	EXPECT_EQ(bi.bad_tags, 1);
}

/* Tags after the end tag are never read. */
HTEST(mb2_stops_at_end_tag)
{
	start();
	tag_string(1, "first");
	tag_empty(0);
	tag_string(2, "hidden");
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_STREQ(bi.cmdline, "first");
	EXPECT_STREQ(bi.loader_name, "");
	EXPECT_EQ(bi.tag_count, 1);
	EXPECT_EQ(bi.bad_tags, 0);
}

HTEST(mb2_unterminated_strings)
{
	start();
	tag_begin(1);
	put("abc", 3); /* no NUL: ends at the tag's end */
	tag_end();
	tag_begin(2);
	put("loader", 6);
	tag_end();
	tag_begin(3);
	put32(0x1000);
	put32(0x2000);
	put("mod", 3);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_STREQ(bi.cmdline, "abc");
	EXPECT_STREQ(bi.loader_name, "loader");
	EXPECT_STREQ(bi.modules[0].cmdline, "mod");
	EXPECT_EQ(bi.bad_tags, 0);

	/* Empty string tags (no bytes at all) give "". */
	start();
	tag_empty(1);
	tag_empty(2);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_STREQ(bi.loader_name, "");
	EXPECT_EQ(bi.tag_count, 2);
}

/* The padding after an unterminated last string must not be read. */
HTEST(mb2_unterminated_string_at_very_end)
{
	start();
	tag_begin(1);
	put("1234567", 7); /* size 15, information ends there */
	tag_end();
	finish_opt(0);
	set32(0, 23);
	ASSERT_EQ(parse_avail(23), 0);
	EXPECT_STREQ(bi.cmdline, "1234567");
	EXPECT_EQ(bi.bad_tags, 1); /* no end tag */
}

HTEST(mb2_long_strings_truncated)
{
	static char big[4000];

	memset(big, 'c', sizeof(big) - 1);
	start();
	tag_string(1, big);
	tag_string(2, big);
	tag_module(0, 1, big);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	EXPECT_EQ(strlen(bi.loader_name), BOOT_NAME_MAX - 1);
	EXPECT_EQ(strlen(bi.modules[0].cmdline), BOOT_NAME_MAX - 1);
	EXPECT_EQ(bi.bad_tags, 0);
}

HTEST(mb2_mmap_entry_size)
{
	static const uint32_t bad[] = {0, 1, 8, 16, 20, 23};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		start();
		tag_mmap_begin(bad[i]);
		mmap_entry(24, 0, 0x1000, 1);
		tag_end();
		tag_string(1, "after");
		finish();
		ASSERT_EQ(parse(), 0);
		EXPECT_EQ(bi.mmap_count, 0);
		EXPECT_EQ(bi.bad_tags, 1);
		EXPECT_STREQ(bi.cmdline, "after"); /* the walk goes on */
	}
	start();
	tag_mmap_begin(32); /* larger entries are honoured */
	mmap_entry(32, 0x1000, 0x2000, 1);
	mmap_entry(32, 0x100000, 0x300000, 3);
	mmap_entry(32, 0x400000, 0x10, 4);
	put("partial", 7); /* a trailing partial entry is ignored */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.bad_tags, 0);
	ASSERT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.mmap[1].base, 0x100000);
	EXPECT_EQ(bi.mmap[1].len, 0x300000);
	EXPECT_EQ(bi.mmap[1].type, BOOT_MEM_ACPI_RECLAIMABLE);
	EXPECT_EQ(bi.mmap[2].type, BOOT_MEM_ACPI_NVS);
}

HTEST(mb2_mmap_tag_too_short)
{
	start();
	tag_begin(6);
	put32(24); /* no entry_version */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.bad_tags, 1);
	start();
	tag_mmap_begin(24); /* header only: an empty map */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.bad_tags, 0);
	EXPECT_EQ(bi.mmap_count, 0);
}

HTEST(mb2_too_many_mmap_entries)
{
	start();
	tag_mmap_begin(24);
	for (uint64_t i = 0; i < BOOT_MAX_MMAP + 72; i++)
		mmap_entry(24, i << 12, 0x1000, 1);
	tag_end();
	tag_string(1, "after");
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.mmap_count, BOOT_MAX_MMAP);
	EXPECT_TRUE(bi.mmap_truncated);
	EXPECT_EQ(bi.mmap[BOOT_MAX_MMAP - 1].base, (uint64_t)(BOOT_MAX_MMAP - 1)
							   << 12);
	EXPECT_STREQ(bi.cmdline, "after");

	/* Two tags filling it exactly: no truncation; a third overflows. */
	start();
	for (int t = 0; t < 2; t++) {
		tag_mmap_begin(24);
		for (int i = 0; i < BOOT_MAX_MMAP / 2; i++)
			mmap_entry(24, 0, 1, 1);
		tag_end();
	}
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.mmap_count, BOOT_MAX_MMAP);
	EXPECT_FALSE(bi.mmap_truncated);
}

HTEST(mb2_modules)
{
	start();
	for (uint32_t i = 0; i < BOOT_MAX_MODULES + 3; i++)
		tag_module(i * 0x1000, i * 0x1000 + 0x800, "m");
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.module_count, BOOT_MAX_MODULES);
	EXPECT_TRUE(bi.modules_truncated);
	EXPECT_EQ(bi.modules[BOOT_MAX_MODULES - 1].end,
		  (BOOT_MAX_MODULES - 1) * 0x1000 + 0x800);
	EXPECT_EQ(bi.bad_tags, 0);

	start();
	tag_module(0x2000, 0x1000, "backwards"); /* end < start */
	tag_begin(3);
	put32(0x1000); /* no mod_end */
	tag_end();
	tag_module(0x1000, 0x2000, "good");
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.module_count, 1);
	EXPECT_STREQ(bi.modules[0].cmdline, "good");
	EXPECT_EQ(bi.bad_tags, 2);
}

HTEST(mb2_framebuffer_rgb_and_text)
{
	start();
	tag_fb_common(0xb8000, 160, 80, 25, 16, BOOT_FB_EGA_TEXT);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_TRUE(bi.has_fb);
	EXPECT_EQ(bi.fb.type, BOOT_FB_EGA_TEXT);
	EXPECT_EQ(bi.fb.addr, 0xb8000);
	EXPECT_EQ(bi.fb.pitch, 160);
	EXPECT_EQ(bi.fb.width, 80);
	EXPECT_EQ(bi.fb.height, 25);
	EXPECT_EQ(bi.fb.bpp, 16);
	EXPECT_EQ(bi.fb.red_size, 0);

	start();
	tag_fb_common(0x80000000, 5120, 1280, 1024, 32, BOOT_FB_RGB);
	put8(0), put8(8), put8(8), put8(8), put8(16), put8(8); /* BGR */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.fb.type, BOOT_FB_RGB);
	EXPECT_EQ(bi.fb.addr, 0x80000000);
	EXPECT_EQ(bi.fb.red_pos, 0);
	EXPECT_EQ(bi.fb.blue_pos, 16);
	EXPECT_EQ(bi.fb.blue_size, 8);
}

HTEST(mb2_framebuffer_malformed)
{
	start();
	tag_fb_common(0xfd000000, 4096, 1024, 768, 32, BOOT_FB_RGB);
	put8(16), put8(8), put8(8); /* colour info cut short */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_FALSE(bi.has_fb);
	EXPECT_EQ(bi.bad_tags, 1);

	start();
	tag_begin(8);
	put64(0xfd000000);
	put32(4096); /* common part cut short */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_FALSE(bi.has_fb);
	EXPECT_EQ(bi.bad_tags, 1);

	start(); /* indexed, with a palette we skip */
	tag_fb_common(0xa0000, 320, 320, 200, 8, BOOT_FB_INDEXED);
	put16(2);
	put8(0), put8(0), put8(0), put8(255), put8(255), put8(255);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_TRUE(bi.has_fb);
	EXPECT_EQ(bi.fb.type, BOOT_FB_INDEXED);
	EXPECT_EQ(bi.bad_tags, 0);
}

HTEST(mb2_acpi_rsdp)
{
	start();
	tag_rsdp(14, 0x10, 20);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.acpi_rsdp_version, 1);
	EXPECT_EQ(bi.acpi_rsdp_len, 20);
	EXPECT_EQ(bi.acpi_rsdp[19], 0x10 + 19);
	EXPECT_EQ(bi.acpi_rsdp[20], 0);

	start(); /* new after old, and old after new: v2 wins */
	tag_rsdp(15, 0x40, 36);
	tag_rsdp(14, 0x10, 20);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.acpi_rsdp_version, 2);
	EXPECT_EQ(bi.acpi_rsdp_len, 36);
	EXPECT_EQ(bi.acpi_rsdp[0], 0x40);

	start(); /* a longer new tag is cut to 36 bytes */
	tag_rsdp(14, 0x10, 20);
	tag_rsdp(15, 0x40, 44);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.acpi_rsdp_version, 2);
	EXPECT_EQ(bi.acpi_rsdp_len, 36);
	EXPECT_EQ(bi.acpi_rsdp[35], 0x40 + 35);

	start(); /* a shorter one copies what it has */
	tag_rsdp(15, 0x40, 24);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.acpi_rsdp_len, 24);
	EXPECT_EQ(bi.acpi_rsdp[24], 0);
}

HTEST(mb2_acpi_rsdp_too_short)
{
	start();
	tag_rsdp(14, 0x10, 19);
	tag_rsdp(15, 0x10, 8);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.acpi_rsdp_version, 0);
	EXPECT_EQ(bi.acpi_rsdp_len, 0);
	EXPECT_EQ(bi.bad_tags, 2);
	EXPECT_EQ(bi.tag_count, 2);
}

HTEST(mb2_efi_tags)
{
	start();
	tag_begin(11);
	put32(0xdeadbeef);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_TRUE(bi.efi_boot);
	EXPECT_EQ(bi.efi_system_table, 0xdeadbeef);

	start(); /* both present: the 64-bit pointer wins */
	tag_begin(12);
	put64(0x123456789aull);
	tag_end();
	tag_begin(11);
	put32(0x1111);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.efi_system_table, 0x123456789aull);

	start(); /* too short for their pointers */
	tag_begin(12);
	put32(0x1234);
	tag_end();
	tag_empty(11);
	tag_empty(21);
	tag_empty(17);
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_FALSE(bi.efi_boot);
	EXPECT_FALSE(bi.has_load_base);
	EXPECT_FALSE(bi.has_efi_mmap);
	EXPECT_EQ(bi.bad_tags, 4);
}

HTEST(mb2_basic_meminfo_too_short)
{
	start();
	tag_begin(4);
	put32(639);
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_FALSE(bi.has_basic_mem);
	EXPECT_EQ(bi.bad_tags, 1);
}

HTEST(mb2_unknown_tags_counted_and_skipped)
{
	static const uint32_t types[] = {
		5, 7, 9, 10, 13, 16, 19, 20, 22, 1000, 0x7fffffff, 0xffffffff};

	start();
	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		tag_begin(types[i]);
		for (size_t j = 0; j < i * 3; j++)
			put8(0xcc);
		tag_end();
	}
	tag_string(1, "still found");
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(bi.tag_count, ARRAY_SIZE(types) + 1);
	EXPECT_EQ(bi.bad_tags, 0);
	EXPECT_STREQ(bi.cmdline, "still found");
}

/* Sizes that are not multiples of 8 are padded to the next tag. */
HTEST(mb2_tag_padding)
{
	start();
	tag_string(1, "a");	  /* size 10 */
	tag_string(2, "bcdefgh"); /* size 16 */
	tag_begin(21);
	put32(0x200000); /* size 12 */
	tag_end();
	finish();
	ASSERT_EQ(parse(), 0);
	EXPECT_STREQ(bi.cmdline, "a");
	EXPECT_STREQ(bi.loader_name, "bcdefgh");
	EXPECT_EQ(bi.load_base, 0x200000);
	EXPECT_EQ(bi.bad_tags, 0);
	EXPECT_EQ(bi.tag_count, 3);
}

static uint32_t rng_state = 0x2545f491;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Invariants that must hold after any parse, good or bad. */
static void
expect_sane(void)
{
	EXPECT_TRUE(bi.mmap_count <= BOOT_MAX_MMAP);
	EXPECT_TRUE(bi.module_count <= BOOT_MAX_MODULES);
	EXPECT_TRUE(bi.acpi_rsdp_len <= sizeof(bi.acpi_rsdp));
	EXPECT_TRUE(memchr(bi.cmdline, 0, sizeof(bi.cmdline)) != NULL);
	EXPECT_TRUE(memchr(bi.loader_name, 0, sizeof(bi.loader_name)) != NULL);
	for (size_t i = 0; i < bi.module_count; i++)
		EXPECT_TRUE(memchr(bi.modules[i].cmdline, 0, BOOT_NAME_MAX));
}

/*
 * Random corruption of a good information structure: ASan watches for
 * stray reads, and the result must be 0 or -EINVAL with sane contents.
 */
HTEST(mb2_fuzz_corrupted)
{
	uint32_t total = build_full();
	static uint8_t pristine[sizeof(b.buf)];
	int err;

	memcpy(pristine, b.buf, total);
	for (int iter = 0; iter < 20000; iter++) {
		memcpy(b.buf, pristine, total);
		b.len = total;
		for (uint32_t n = 1 + rng() % 8; n > 0; n--) {
			uint32_t off = rng() % total;

			if (rng() % 2)
				b.buf[off] = (uint8_t)rng();
			else if (off % 4 == 0 && off + 4 <= total)
				set32(off, rng() % 2 ? rng() % 64 : rng());
		}
		err = parse_avail(rng() % 4 ? total : 8 + rng() % (total - 7));
		if (!EXPECT_TRUE(err == 0 || err == -EINVAL))
			break;
		expect_sane();
		if (htest_failed())
			break;
	}
}
