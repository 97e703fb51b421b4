/*
 * arch/x86_64/paging.c: 4-level page tables (the arch_pt_* contract).
 *
 * Layout of every address space: PML4 slots 0..255 are the user half,
 * private to it; slots 256..511 are the kernel half, whose PDPT pages are
 * allocated once at boot and shared by every address space, so a kernel
 * mapping made later (vmalloc) is seen everywhere without copying.
 * Kernel mappings are global (G): a CR3 switch keeps them in the TLB.
 *
 * Context: the callers serialise: as->lock for a user half (mm/uvm.c),
 * vmalloc_lock for the kernel's vmalloc area; boot code runs alone.
 * Nothing here sleeps.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/pmm.h"

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PS		(1ull << 7)	/* 2 MiB / 1 GiB page (PD / PDPT level) */
#define PTE_G		(1ull << 8)
#define PTE_COW		(1ull << 9)	/* software: copy on write */
/* software: a PROT_NONE leaf.  P is clear so that every access faults,
 * the kernel's too, but the frame stays recorded for mprotect back. */
#define PTE_NONE	(1ull << 10)
#define PTE_LEAF	(PTE_P | PTE_NONE)	/* a leaf that holds a frame */
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
#define ENTRIES		512
#define KERNEL_HALF	256		/* first kernel PML4 slot */

static paddr_t kernel_root;		/* [I] after arch_paging_init */
static uint64_t pte_nx;			/* PTE_NX when the CPU has NX */
static bool has_gbpages;

extern const char __text_start[], __text_end[], __rodata_start[],
	__rodata_end[], __data_start[], __kernel_end[];

static inline uint64_t *
table(paddr_t pa)
{
	return phys_to_virt(pa);
}

/* pt_index - the table index of @va at @level (4 = PML4 ... 1 = PT). */
static inline unsigned int
pt_index(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (ENTRIES - 1);
}

static inline bool
is_user(vaddr_t va)
{
	return va < USER_TOP;
}

static bool
canonical(vaddr_t va)
{
	return va < USER_TOP || va >= DIRECT_MAP_BASE;
}

/* prot_to_pte - hardware bits for generic @prot at @va. */
static uint64_t
prot_to_pte(vaddr_t va, unsigned int prot)
{
	uint64_t pte = PTE_P;

	if (prot & VM_NONE)
		return PTE_NONE | ((prot & VM_COW) ? PTE_COW : 0);
	if (prot & VM_WRITE)
		pte |= PTE_W;
	if (!(prot & VM_EXEC))
		pte |= pte_nx;
	if (prot & VM_COW)
		pte |= PTE_COW;
	if (prot & VM_USER)
		pte |= PTE_U;
	if (!is_user(va))
		pte |= PTE_G;
	return pte;
}

static unsigned int
pte_to_prot(uint64_t pte)
{
	if (!(pte & PTE_P))
		return VM_NONE | ((pte & PTE_COW) ? VM_COW : 0);
	return ((pte & PTE_W) ? VM_WRITE : 0) |
	       ((pte & PTE_NX) && pte_nx ? 0 : VM_EXEC) |
	       ((pte & PTE_U) ? VM_USER : 0) | ((pte & PTE_COW) ? VM_COW : 0);
}

/* alloc_table - a zeroed page-table page, or 0. */
static paddr_t
alloc_table(void)
{
	paddr_t pa = pmm_alloc_page();

	if (pa)
		memset(table(pa), 0, PAGE_SIZE);
	return pa;
}

/*
 * walk - the level-1 entry for @va under @root, creating missing tables
 * when @create.  NULL when a table is missing (or could not be made) or a
 * large page covers @va.
 */
static uint64_t *
walk(paddr_t root, vaddr_t va, bool create)
{
	uint64_t *t = table(root);

	for (int level = 4; level > 1; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (!(*e & PTE_P)) {
			paddr_t pa = create ? alloc_table() : 0;
			if (!pa)
				return NULL;
			/* U on every user-half table; the leaf decides. */
			*e = pa | PTE_P | PTE_W | (is_user(va) ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			return NULL;
		}
		t = table(*e & PTE_ADDR);
	}
	return &t[pt_index(va, 1)];
}

static void
flush(paddr_t root, vaddr_t va)
{
	if (!is_user(va) || root == arch_pt_current())
		x86_invlpg(va);
}

/* arch_pt_map - see arch.h.  Context: any; never sleeps. */
int
arch_pt_map(paddr_t root, vaddr_t va, paddr_t pa, unsigned int prot)
{
	uint64_t *pte;

	if ((va | pa) & (PAGE_SIZE - 1) || !canonical(va))
		return -EINVAL;
	if (!(pte = walk(root, va, true)))
		return -ENOMEM;
	if (*pte & PTE_LEAF)
		return -EEXIST;
	*pte = pa | prot_to_pte(va, prot);
	return 0;
}

/* table_empty - whether all 512 entries of the table at @pa are clear. */
static bool
table_empty(paddr_t pa)
{
	const uint64_t *t = table(pa);

	for (int i = 0; i < ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/*
 * prune - free the tables on @va's path that became empty, bottom up.  In
 * the kernel half the PDPT level stays: it is shared by every address space.
 */
static void
prune(paddr_t root, vaddr_t va)
{
	uint64_t *path[5];
	uint64_t *t = table(root);

	for (int level = 4; level > 1; level--) {
		path[level] = &t[pt_index(va, level)];
		t = table(*path[level] & PTE_ADDR);
	}
	for (int level = 2; level <= 4; level++) {
		paddr_t child = *path[level] & PTE_ADDR;
		if ((level == 4 && !is_user(va)) || !table_empty(child))
			return;
		*path[level] = 0;
		pmm_free_page(child);
	}
}

/* arch_pt_unmap - see arch.h.  Context: any; never sleeps. */
int
arch_pt_unmap(paddr_t root, vaddr_t va, paddr_t *pa)
{
	uint64_t *pte = canonical(va) ? walk(root, va, false) : NULL;

	if (!pte || !(*pte & PTE_LEAF))
		return -ENOENT;
	if (pa)
		*pa = *pte & PTE_ADDR;
	*pte = 0;
	flush(root, va);
	prune(root, va);
	return 0;
}

/* arch_pt_protect - see arch.h.  Context: any; never sleeps. */
int
arch_pt_protect(paddr_t root, vaddr_t va, unsigned int prot)
{
	uint64_t *pte = canonical(va) ? walk(root, va, false) : NULL;

	if (!pte || !(*pte & PTE_LEAF))
		return -ENOENT;
	*pte = (*pte & PTE_ADDR) | prot_to_pte(va, prot);
	flush(root, va);
	return 0;
}

/* arch_pt_replace - see arch.h.  Context: any; never sleeps. */
int
arch_pt_replace(paddr_t root, vaddr_t va, paddr_t pa, unsigned int prot)
{
	uint64_t *pte = canonical(va) ? walk(root, va, false) : NULL;

	if (!pte || !(*pte & PTE_LEAF) || (pa & (PAGE_SIZE - 1)))
		return -ENOENT;
	*pte = pa | prot_to_pte(va, prot);
	flush(root, va);
	return 0;
}

/* arch_pt_translate - see arch.h; also resolves the direct map's large pages. */
int
arch_pt_translate(paddr_t root, vaddr_t va, paddr_t *pa, unsigned int *prot)
{
	const uint64_t *t = table(root);
	uint64_t e = 0;
	int level;

	if (!canonical(va))
		return -ENOENT;
	for (level = 4; level >= 1; level--) {
		e = t[pt_index(va, level)];
		if (!(e & (level == 1 ? PTE_LEAF : PTE_P)))
			return -ENOENT;
		if (level == 1 || (level <= 3 && (e & PTE_PS)))
			break;
		t = table(e & PTE_ADDR);
	}
	/* A leaf at level L covers 2^(12 + 9 (L - 1)) bytes. */
	uint64_t span = 1ull << (PAGE_SHIFT + 9 * (level - 1));
	if (pa)
		*pa = (e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
	if (prot)
		*prot = pte_to_prot(e);
	return 0;
}

/* walk_level - arch_pt_walk_user's recursion over one table. */
static int
walk_level(paddr_t pa, int level, vaddr_t base,
	   int (*fn)(vaddr_t, paddr_t, unsigned int, void *), void *arg)
{
	const uint64_t *t = table(pa);
	int limit = level == 4 ? KERNEL_HALF : ENTRIES;
	int err;

	for (int i = 0; i < limit; i++) {
		vaddr_t va = base + ((vaddr_t)i << (PAGE_SHIFT + 9 * (level - 1)));
		if (!(t[i] & (level == 1 ? PTE_LEAF : PTE_P)))
			continue;
		if (level == 1)
			err = fn(va, t[i] & PTE_ADDR, pte_to_prot(t[i]), arg);
		else
			err = walk_level(t[i] & PTE_ADDR, level - 1, va, fn, arg);
		if (err)
			return err;
	}
	return 0;
}

/* arch_pt_walk_user - see arch.h.  Context: any; never sleeps. */
int
arch_pt_walk_user(paddr_t root,
		  int (*fn)(vaddr_t va, paddr_t pa, unsigned int prot, void *arg),
		  void *arg)
{
	return walk_level(root, 4, 0, fn, arg);
}

/* arch_pt_create - see arch.h.  Context: any; never sleeps. */
paddr_t
arch_pt_create(void)
{
	paddr_t root = alloc_table();

	if (root)
		memcpy(&table(root)[KERNEL_HALF], &table(kernel_root)[KERNEL_HALF],
		       KERNEL_HALF * sizeof(uint64_t));
	return root;
}

/* free_tables - free the table at @pa and, above level 1, its children. */
static void
free_tables(paddr_t pa, int level)
{
	const uint64_t *t = table(pa);
	int limit = level == 4 ? KERNEL_HALF : ENTRIES;

	for (int i = 0; level > 1 && i < limit; i++)
		if (t[i] & PTE_P)
			free_tables(t[i] & PTE_ADDR, level - 1);
	pmm_free_page(pa);
}

/* arch_pt_destroy - see arch.h.  @root must not be the active one. */
void
arch_pt_destroy(paddr_t root)
{
	KASSERT(root != kernel_root && root != arch_pt_current());
	free_tables(root, 4);
}

paddr_t
arch_pt_current(void)
{
	return x86_read_cr3() & PTE_ADDR;
}

void
arch_pt_switch(paddr_t root)
{
	if (arch_pt_current() != root)
		x86_write_cr3(root);
}

/* ---- the kernel's own tables -------------------------------------------- */

/* map_direct - the direct map of [0, @end) with the largest pages we have. */
static void
map_direct(paddr_t root, paddr_t end)
{
	const uint64_t flags = PTE_P | PTE_W | PTE_G | PTE_PS | pte_nx;

	for (paddr_t pa = 0; pa < end; pa += 1ull << 30) {
		vaddr_t va = DIRECT_MAP_BASE + pa;
		uint64_t *pml4e = &table(root)[pt_index(va, 4)];
		uint64_t *pdpte = &table(*pml4e & PTE_ADDR)[pt_index(va, 3)];
		if (has_gbpages) {
			*pdpte = pa | flags;
			continue;
		}
		paddr_t pd = alloc_table();
		if (!pd)
			panic("map_direct: out of memory for the direct map");
		for (int i = 0; i < ENTRIES; i++)
			table(pd)[i] = (pa + ((paddr_t)i << 21)) | flags;
		*pdpte = pd | PTE_P | PTE_W;
	}
}

/* map_image - the kernel image, section by section, W^X. */
static void
map_image(paddr_t root, const char *start, const char *end, unsigned int prot)
{
	for (const char *p = start; p < end; p += PAGE_SIZE) {
		vaddr_t va = (vaddr_t)(uintptr_t)p;
		if (arch_pt_map(root, va, kernel_image_to_phys(p), prot) < 0)
			panic("map_image: cannot map %p", p);
	}
}

/* detect_paging_features - NX (found by boot.asm) and 1 GiB pages. */
static void
detect_paging_features(void)
{
	uint32_t a, b, c, d;

	pte_nx = nx_supported ? PTE_NX : 0;
	x86_cpuid(0x80000001, 0, &a, &b, &c, &d);
	has_gbpages = d & (1u << 26);
}

/* arch_paging_init - see arch.h.  Context: boot, interrupts off. */
paddr_t
arch_paging_init(paddr_t phys_end)
{
	paddr_t root;

	detect_paging_features();
	if (!(root = alloc_table()))
		panic("arch_paging_init: out of memory for the root table");
	for (int i = KERNEL_HALF; i < ENTRIES; i++) {
		paddr_t pdpt = alloc_table();
		if (!pdpt)
			panic("arch_paging_init: out of memory for PDPTs");
		table(root)[i] = pdpt | PTE_P | PTE_W;
	}
	map_direct(root, ALIGN_UP(phys_end, 1ull << 30));
	map_image(root, __text_start, __text_end, VM_EXEC);
	map_image(root, __rodata_start, __rodata_end, 0);
	map_image(root, __data_start, __kernel_end, VM_WRITE);
	kernel_root = root;
	x86_write_cr3(root);
	x86_write_cr4(x86_read_cr4() | X86_CR4_PGE);	/* G pages now count */
	pr_info("paging: direct map of %lu GiB with %s pages, image W^X, NX %s\n",
		(unsigned long)(ALIGN_UP(phys_end, 1ull << 30) >> 30),
		has_gbpages ? "1 GiB" : "2 MiB", pte_nx ? "on" : "unavailable");
	return root;
}
