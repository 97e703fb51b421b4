/*
 * kernel/mb2.c: parse the Multiboot2 boot information into struct boot_info.
 *
 * The information is untrusted input: every read is checked against both
 * the bytes the caller says are readable and the information's own
 * total_size, and every field is read with memcpy() so no alignment is
 * assumed beyond the 8-byte alignment of the start.  A tag whose header is
 * broken ends the walk (nothing after it can be located); a tag too short
 * for its own contents is skipped.  Both are counted in bad_tags.
 * Context: pure, no allocation, any context.
 */
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/string.h"

#define MB2_HDR_SIZE	   8 /* total_size, reserved */
#define MB2_TAG_HDR	   8 /* type, size */
#define MB2_TAG_ALIGN	   8
#define MB2_MMAP_ENTRY_MIN 24 /* base, len, type, reserved */
#define MB2_RSDP_V1_LEN	   20

enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_BASIC_MEMINFO = 4,
	MB2_TAG_MMAP = 6,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
	MB2_TAG_EFI_MMAP = 17,
	MB2_TAG_EFI_BS = 18,
	MB2_TAG_LOAD_BASE = 21,
};

/*
 * A tag parser gets the whole tag (@size bytes, header included, at least
 * the handler's min_size) and returns 0, or -EINVAL if the tag is malformed.
 */
struct mb2_handler {
	uint32_t type;
	uint32_t min_size;
	int (*parse)(struct boot_info *bi, const uint8_t *tag, uint32_t size);
};

static uint32_t
mb2_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t
mb2_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Copy the string of @len bytes at @src into @dst (@max bytes), stopping
 * at its NUL or at @len if it has none; @dst is always terminated.
 */
static void
mb2_copy_string(char *dst, size_t max, const uint8_t *src, size_t len)
{
	size_t n = strnlen((const char *)src, len);

	if (n > max - 1)
		n = max - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int
mb2_cmdline(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	mb2_copy_string(bi->cmdline, sizeof(bi->cmdline), tag + 8, size - 8);
	return 0;
}

static int
mb2_loader_name(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	mb2_copy_string(bi->loader_name, sizeof(bi->loader_name), tag + 8,
			size - 8);
	return 0;
}

/* Tag 3: u32 mod_start, u32 mod_end, then the module's string. */
static int
mb2_module(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	struct boot_module *m;
	uint32_t start = mb2_u32(tag + 8), end = mb2_u32(tag + 12);

	if (end < start)
		return -EINVAL;
	if (bi->module_count == BOOT_MAX_MODULES) {
		bi->modules_truncated = true;
		return 0;
	}
	m = &bi->modules[bi->module_count++];
	m->start = start;
	m->end = end;
	mb2_copy_string(m->cmdline, sizeof(m->cmdline), tag + 16, size - 16);
	return 0;
}

/* Tag 4: u32 mem_lower, u32 mem_upper (KiB). */
static int
mb2_basic_meminfo(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	(void)size;
	bi->has_basic_mem = true;
	bi->mem_lower_kib = mb2_u32(tag + 8);
	bi->mem_upper_kib = mb2_u32(tag + 12);
	return 0;
}

/*
 * Tag 6: u32 entry_size, u32 entry_version, then entries of at least
 * {u64 base, u64 len, u32 type, u32 reserved}; a larger entry_size is
 * honoured (newer versions may append fields), a smaller one rejected.
 */
static int
mb2_mmap(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	uint32_t esize = mb2_u32(tag + 8);
	struct boot_mmap_entry *e;

	if (esize < MB2_MMAP_ENTRY_MIN)
		return -EINVAL;
	for (uint32_t off = 16; size - off >= esize; off += esize) {
		if (bi->mmap_count == BOOT_MAX_MMAP) {
			bi->mmap_truncated = true;
			break;
		}
		e = &bi->mmap[bi->mmap_count++];
		e->base = mb2_u64(tag + off);
		e->len = mb2_u64(tag + off + 8);
		e->type = mb2_u32(tag + off + 16);
	}
	return 0;
}

/*
 * Tag 8: u64 addr, u32 pitch, u32 width, u32 height, u8 bpp, u8 type,
 * u16 reserved (GRUB's layout), then for RGB six u8 position/size pairs.
 */
static int
mb2_framebuffer(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	struct boot_framebuffer *fb = &bi->fb;

	if (tag[29] == BOOT_FB_RGB && size < 38)
		return -EINVAL;
	memset(fb, 0, sizeof(*fb));
	fb->addr = mb2_u64(tag + 8);
	fb->pitch = mb2_u32(tag + 16);
	fb->width = mb2_u32(tag + 20);
	fb->height = mb2_u32(tag + 24);
	fb->bpp = tag[28];
	fb->type = tag[29];
	if (fb->type == BOOT_FB_RGB) {
		fb->red_pos = tag[32];
		fb->red_size = tag[33];
		fb->green_pos = tag[34];
		fb->green_size = tag[35];
		fb->blue_pos = tag[36];
		fb->blue_size = tag[37];
	}
	bi->has_fb = true;
	return 0;
}

/* Tags 11 and 12: the EFI system table pointer; the 64-bit one wins. */
static int
mb2_efi_table(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	(void)size;
	if (mb2_u32(tag) == MB2_TAG_EFI64)
		bi->efi_system_table = mb2_u64(tag + 8);
	else if (!bi->efi_boot)
		bi->efi_system_table = mb2_u32(tag + 8);
	bi->efi_boot = true;
	return 0;
}

/* Tags 14 and 15: a copy of the RSDP; the new (ACPI 2.0+) one wins. */
static int
mb2_acpi(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	size_t len = size - 8;

	if (mb2_u32(tag) == MB2_TAG_ACPI_OLD) {
		if (bi->acpi_rsdp_version == 2)
			return 0;
		len = MB2_RSDP_V1_LEN;
		bi->acpi_rsdp_version = 1;
	} else {
		if (len > sizeof(bi->acpi_rsdp))
			len = sizeof(bi->acpi_rsdp);
		bi->acpi_rsdp_version = 2;
	}
	memset(bi->acpi_rsdp, 0, sizeof(bi->acpi_rsdp));
	memcpy(bi->acpi_rsdp, tag + 8, len);
	bi->acpi_rsdp_len = len;
	return 0;
}

/* Tags 17, 18 and 21: EFI memory map, boot services, load base. */
static int
mb2_efi_misc(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	(void)size;
	switch (mb2_u32(tag)) {
	case MB2_TAG_EFI_MMAP:
		bi->has_efi_mmap = true;
		break;
	case MB2_TAG_EFI_BS:
		bi->efi_boot_services = true;
		break;
	case MB2_TAG_LOAD_BASE:
		bi->has_load_base = true;
		bi->load_base = mb2_u32(tag + 8);
		break;
	}
	return 0;
}

static const struct mb2_handler mb2_handlers[] = {
	{MB2_TAG_CMDLINE, 8, mb2_cmdline},
	{MB2_TAG_LOADER_NAME, 8, mb2_loader_name},
	{MB2_TAG_MODULE, 16, mb2_module},
	{MB2_TAG_BASIC_MEMINFO, 16, mb2_basic_meminfo},
	{MB2_TAG_MMAP, 16, mb2_mmap},
	{MB2_TAG_FRAMEBUFFER, 32, mb2_framebuffer},
	{MB2_TAG_EFI32, 12, mb2_efi_table},
	{MB2_TAG_EFI64, 16, mb2_efi_table},
	{MB2_TAG_ACPI_OLD, 8 + MB2_RSDP_V1_LEN, mb2_acpi},
	{MB2_TAG_ACPI_NEW, 8 + MB2_RSDP_V1_LEN, mb2_acpi},
	{MB2_TAG_EFI_MMAP, 16, mb2_efi_misc},
	{MB2_TAG_EFI_BS, 8, mb2_efi_misc},
	{MB2_TAG_LOAD_BASE, 12, mb2_efi_misc},
};

/* Dispatch one well-framed tag; unknown types are only counted. */
static void
mb2_tag(struct boot_info *bi, const uint8_t *tag, uint32_t type, uint32_t size)
{
	const struct mb2_handler *h;

	bi->tag_count++;
	for (size_t i = 0; i < ARRAY_SIZE(mb2_handlers); i++) {
		h = &mb2_handlers[i];
		if (h->type != type)
			continue;
		if (size < h->min_size || h->parse(bi, tag, size) < 0)
			bi->bad_tags++;
		return;
	}
}

/*
 * mb2_parse - fill @out from the Multiboot2 information at @mbi, reading
 * at most @avail bytes and never past its total_size.  Returns 0 (with
 * malformed tags counted in out->bad_tags, a missing end tag counting as
 * one), or -EINVAL if @mbi is NULL or not 8-aligned or its total_size is
 * below 16 or above @avail.  Context: pure, any context.
 */
int
mb2_parse(const void *mbi, size_t avail, paddr_t mbi_phys,
	  struct boot_info *out)
{
	const uint8_t *base = mbi;
	uint32_t total, type, size;
	size_t off;

	memset(out, 0, sizeof(*out));
	if (base == NULL || ((uintptr_t)base & (MB2_TAG_ALIGN - 1)) != 0 ||
	    avail < MB2_HDR_SIZE + MB2_TAG_HDR)
		return -EINVAL;
	total = mb2_u32(base);
	if (total < MB2_HDR_SIZE + MB2_TAG_HDR || total > avail)
		return -EINVAL;
	out->mbi_start = mbi_phys;
	out->mbi_end = mbi_phys + total;
	for (off = MB2_HDR_SIZE; total - off >= MB2_TAG_HDR;
	     off += ALIGN_UP((size_t)size, MB2_TAG_ALIGN)) {
		type = mb2_u32(base + off);
		size = mb2_u32(base + off + 4);
		if (size < MB2_TAG_HDR || size > total - off)
			break; /* cannot find the next tag */
		if (type == MB2_TAG_END)
			return 0;
		mb2_tag(out, base + off, type, size);
		if (ALIGN_UP((size_t)size, MB2_TAG_ALIGN) >= total - off)
			break; /* no room left for an end tag */
	}
	out->bad_tags++;
	return 0;
}
