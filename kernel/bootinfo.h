/*
 * kernel/bootinfo.h: everything the boot loader told us, in one structure.
 *
 * mb2_parse() (kernel/mb2.c) fills it from the Multiboot2 information with
 * every tag bounds-checked; later subsystems (memory, ACPI, initrd, consoles)
 * read it and never touch the raw Multiboot2 data again.  The structure is
 * filled once at boot and is read-only afterwards.
 */
#pragma once
#include "kernel/types.h"

#define MB2_BOOTLOADER_MAGIC	0x36d76289u	/* in eax at the 32-bit entry */

#define BOOT_MAX_MMAP		128
#define BOOT_MAX_MODULES	16
#define BOOT_CMDLINE_MAX	1024
#define BOOT_NAME_MAX		64

/* Memory-map entry types, as Multiboot2 (and the E820 BIOS call) number them. */
enum boot_mem_type {
	BOOT_MEM_AVAILABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI_RECLAIMABLE = 3,
	BOOT_MEM_ACPI_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_mmap_entry {
	uint64_t base;
	uint64_t len;
	uint32_t type;		/* enum boot_mem_type; other values = reserved */
};

struct boot_module {
	paddr_t start;		/* first byte */
	paddr_t end;		/* one past the last byte */
	char	cmdline[BOOT_NAME_MAX];
};

enum boot_fb_type {
	BOOT_FB_INDEXED = 0,
	BOOT_FB_RGB = 1,
	BOOT_FB_EGA_TEXT = 2,
};

struct boot_framebuffer {
	paddr_t  addr;
	uint32_t pitch;		/* bytes per line (text mode: bytes per row) */
	uint32_t width;		/* pixels (text mode: columns) */
	uint32_t height;	/* pixels (text mode: rows) */
	uint8_t  bpp;
	uint8_t  type;		/* enum boot_fb_type */
	uint8_t  red_pos, red_size;
	uint8_t  green_pos, green_size;
	uint8_t  blue_pos, blue_size;
};

struct boot_info {
	paddr_t	 mbi_start;		/* the Multiboot2 information itself */
	paddr_t	 mbi_end;		/*   (so the frame allocator keeps it) */

	char	 cmdline[BOOT_CMDLINE_MAX];
	char	 loader_name[BOOT_NAME_MAX];

	bool	 has_basic_mem;
	uint32_t mem_lower_kib;		/* from the basic meminfo tag */
	uint32_t mem_upper_kib;

	struct boot_mmap_entry mmap[BOOT_MAX_MMAP];
	size_t	 mmap_count;
	bool	 mmap_truncated;	/* more entries than BOOT_MAX_MMAP */

	struct boot_module modules[BOOT_MAX_MODULES];
	size_t	 module_count;
	bool	 modules_truncated;	/* more modules than BOOT_MAX_MODULES */

	bool	 has_fb;
	struct boot_framebuffer fb;

	/* ACPI RSDP copied out of its tag: 20 bytes (v1) or up to 36 (v2). */
	uint8_t	 acpi_rsdp[36];
	size_t	 acpi_rsdp_len;
	int	 acpi_rsdp_version;	/* 0 = none, 1 = old tag, 2 = new tag */

	bool	 efi_boot;		/* an EFI system table tag was seen */
	uint64_t efi_system_table;	/* 64-bit or 32-bit pointer */
	bool	 efi_boot_services;	/* boot services not terminated */
	bool	 has_efi_mmap;
	bool	 has_load_base;
	paddr_t	 load_base;		/* image load base physical address */

	unsigned int tag_count;		/* tags seen, including unknown ones */
	unsigned int bad_tags;		/* tags skipped as malformed */
};

/*
 * mb2_parse - fill @out from the Multiboot2 information at @mbi.
 * @avail is how many bytes may be read at @mbi (the parser never reads past
 * it, nor past the information's own total_size).  @mbi_phys is its physical
 * address, recorded in @out.  Malformed tags are counted in out->bad_tags and
 * skipped; a malformed header returns -EINVAL.  Returns 0 on success.
 * Context: pure function, no allocation, any context.
 */
int	mb2_parse(const void *mbi, size_t avail, paddr_t mbi_phys,
		  struct boot_info *out);

/* The boot information of the running kernel, filled by kmain(). */
extern struct boot_info boot_info;
