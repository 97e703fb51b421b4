/*
 * tests/kernel/mm_test.c: in-kernel tests of memory management.
 * The runner (kernel/ktest.c) also fails any test that leaks frames.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/vmalloc.h"
#include "mm/vmm.h"

void kmain(paddr_t mbi_phys);
static const char rodata_probe[] = "read-only";
static uint8_t data_probe[64] = { 0xc3 };	/* `ret`, in a data page */

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

KTEST(pmm_alloc_free_and_double_free)
{
	size_t before = pmm_free_count();
	paddr_t pa = pmm_alloc_page();

	KEXPECT(pa != 0 && (pa & (PAGE_SIZE - 1)) == 0);
	KEXPECT_EQ(pmm_free_count(), before - 1);
	KEXPECT(pmm_is_usable(pa));
	KEXPECT_EQ(pmm_free_page(pa), 0);
	KEXPECT_EQ(pmm_free_page(pa), -EFAULT);		/* double free */
	KEXPECT_EQ(pmm_free_page(0), -EINVAL);		/* first MiB: reserved */
	KEXPECT_EQ(pmm_free_page(ALIGN_DOWN(kernel_image_to_phys((void *)kmain),
					    PAGE_SIZE)),
		   -EINVAL);				/* the kernel image */
	KEXPECT_EQ(pmm_free_page(pa + 1), -EINVAL);	/* unaligned */
	KEXPECT_EQ(pmm_free_count(), before);
}

KTEST(pmm_contiguous_aligned_run)
{
	paddr_t pa = pmm_alloc_pages(16, 16);

	KEXPECT(pa != 0);
	KEXPECT_EQ(pa % (16 * PAGE_SIZE), 0);
	for (int i = 0; i < 16; i++)
		memset(phys_to_virt(pa + i * PAGE_SIZE), i, PAGE_SIZE);
	KEXPECT_EQ(*(uint8_t *)phys_to_virt(pa + 15 * PAGE_SIZE), 15);
	KEXPECT_EQ(pmm_free_pages(pa, 16), 0);
}

KTEST(vmm_map_translate_protect_unmap)
{
	struct addrspace *as = as_create();
	paddr_t pa = pmm_alloc_page(), got;
	unsigned int prot;
	const vaddr_t va = 0x400000;

	KEXPECT(as != NULL && pa != 0);
	KEXPECT_EQ(vmm_map(as, va, pa, PAGE_SIZE, VM_WRITE | VM_USER), 0);
	KEXPECT_EQ(vmm_map(as, va, pa, PAGE_SIZE, VM_USER), -EEXIST);
	KEXPECT_EQ(vmm_translate(as, va + 0x123, &got, &prot), 0);
	KEXPECT_EQ(got, pa + 0x123);
	KEXPECT_EQ(prot, VM_WRITE | VM_USER);
	KEXPECT_EQ(vmm_protect(as, va, PAGE_SIZE, VM_USER | VM_EXEC), 0);
	KEXPECT_EQ(vmm_translate(as, va, &got, &prot), 0);
	KEXPECT_EQ(prot, VM_USER | VM_EXEC);
	KEXPECT_EQ(as->user_pages, 1);
	KEXPECT_EQ(vmm_unmap(as, va, PAGE_SIZE, true), 1);
	KEXPECT_EQ(vmm_translate(as, va, &got, &prot), -ENOENT);
	KEXPECT_EQ(vmm_map(as, va + 1, pa, PAGE_SIZE, 0), -EINVAL);
	KEXPECT_EQ(vmm_map(as, 0x0000800000000000ul, pa, PAGE_SIZE, 0),
		   -EINVAL);				/* non-canonical */
	as_destroy(as);
}

KTEST(vmm_kernel_mapping_aliases_frame)
{
	paddr_t pa = pmm_alloc_page();
	volatile uint32_t *alias;
	const vaddr_t va = VMALLOC_BASE + VMALLOC_SIZE - PAGE_SIZE;

	KEXPECT_EQ(vmm_map(&kernel_as, va, pa, PAGE_SIZE, VM_WRITE), 0);
	alias = (volatile uint32_t *)va;
	*alias = 0xfeedf00d;
	KEXPECT_EQ(*(uint32_t *)phys_to_virt(pa), 0xfeedf00d);
	KEXPECT_EQ(vmm_unmap(&kernel_as, va, PAGE_SIZE, true), 1);
	KEXPECT_EQ(arch_probe(PROBE_READ, va, NULL), -EFAULT);	/* TLB flushed */
}

KTEST(direct_map_covers_ram)
{
	paddr_t pa;
	unsigned int prot;

	KEXPECT_EQ(vmm_translate(&kernel_as, DIRECT_MAP_BASE + 0x1234, &pa,
				 &prot), 0);
	KEXPECT_EQ(pa, 0x1234);
	KEXPECT_EQ(prot & (VM_WRITE | VM_EXEC | VM_USER),
		   x86_cpu.nx ? VM_WRITE : VM_WRITE | VM_EXEC);
	KEXPECT_EQ(vmm_translate(&kernel_as, DIRECT_MAP_BASE + pmm_phys_end() - 1,
				 &pa, &prot), 0);
}

KTEST(page_zero_is_unmapped)
{
	struct arch_fault_info fi;

	KEXPECT_EQ(arch_probe(PROBE_READ, 0, &fi), -EFAULT);
	KEXPECT_EQ(fi.vector, 14);
	KEXPECT_EQ(fi.addr, 0);
	KEXPECT_EQ(fi.error & 1, 0);			/* not present */
}

KTEST(kernel_text_write_faults)
{
	struct arch_fault_info fi;

	KEXPECT_EQ(arch_probe(PROBE_READ, (uintptr_t)kmain, NULL), 0);
	KEXPECT_EQ(arch_probe(PROBE_WRITE, (uintptr_t)kmain, &fi), -EFAULT);
	KEXPECT_EQ(fi.vector, 14);
	KEXPECT_EQ(fi.addr, (uintptr_t)kmain);
	KEXPECT_EQ(fi.error & 3, 3);			/* present, write */
}

KTEST(kernel_rodata_write_faults)
{
	struct arch_fault_info fi;

	KEXPECT_EQ(arch_probe(PROBE_WRITE, (uintptr_t)rodata_probe, &fi),
		   -EFAULT);
	KEXPECT_EQ(fi.addr, (uintptr_t)rodata_probe);
}

KTEST(data_page_exec_faults)
{
	struct arch_fault_info fi;
	uint8_t *heap = kmalloc(64);

	if (!x86_cpu.nx) {
		ktest_fail(__FILE__, __LINE__, "CPU without NX: W^X impossible");
		return;
	}
	KEXPECT(heap != NULL);
	heap[0] = 0xc3;
	KEXPECT_EQ(arch_probe(PROBE_EXEC, (uintptr_t)data_probe, &fi), -EFAULT);
	KEXPECT_EQ(fi.addr, (uintptr_t)data_probe);
	KEXPECT(fi.error & 0x10);			/* instruction fetch */
	KEXPECT_EQ(arch_probe(PROBE_EXEC, (uintptr_t)heap, &fi), -EFAULT);
	KEXPECT_EQ(fi.addr, (uintptr_t)heap);
	kfree(heap);
}

KTEST(vmalloc_guard_pages_fault)
{
	uint8_t *p = vmalloc(3 * PAGE_SIZE);
	uintptr_t start;
	struct arch_fault_info fi;

	KEXPECT(p != NULL);
	memset(p, 0x5a, 3 * PAGE_SIZE);
	KEXPECT_EQ(p[3 * PAGE_SIZE - 1], 0x5a);
	KEXPECT_EQ(arch_probe(PROBE_READ, (uintptr_t)p - 1, &fi), -EFAULT);
	KEXPECT_EQ(fi.addr, (uintptr_t)p - 1);
	KEXPECT(vmalloc_guard_of((uintptr_t)p - 1, &start));
	KEXPECT_EQ(start, (uintptr_t)p);
	KEXPECT_EQ(arch_probe(PROBE_WRITE, (uintptr_t)p + 3 * PAGE_SIZE, NULL),
		   -EFAULT);
	vfree(p);
	KEXPECT_EQ(arch_probe(PROBE_READ, (uintptr_t)p, NULL), -EFAULT);
}

/* Fills each object with bytes derived from its address and size. */
static void
fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((uintptr_t)p + i * 7 + n);
}

static bool
intact(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)((uintptr_t)p + i * 7 + n))
			return false;
	return true;
}

#define SLOTS 512
KTEST(kmalloc_100k_random_verified)
{
	static uint8_t *ptr[SLOTS];
	static size_t len[SLOTS];
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	int bad = 0;

	for (int i = 0; i < 100000; i++) {
		int s = xorshift(&seed) % SLOTS;
		if (ptr[s]) {
			bad += !intact(ptr[s], len[s]);
			kfree(ptr[s]);
			ptr[s] = NULL;
			continue;
		}
		len[s] = 1 + xorshift(&seed) % (xorshift(&seed) % 8 ? 512 : 9000);
		if (!(ptr[s] = kmalloc(len[s]))) {
			bad++;
			continue;
		}
		fill(ptr[s], len[s]);
	}
	for (int s = 0; s < SLOTS; s++) {
		if (ptr[s])
			bad += !intact(ptr[s], len[s]);
		kfree(ptr[s]);
		ptr[s] = NULL;
	}
	KEXPECT_EQ(bad, 0);
}

/* One page of user data, cloned and checked. */
static bool
clone_cycle(uint64_t i)
{
	struct addrspace *a = as_create(), *b;
	paddr_t pa = pmm_alloc_page(), pb;
	bool ok;

	if (!a || !pa)
		return false;
	*(uint64_t *)phys_to_virt(pa) = i;
	vmm_map(a, 0x10000000 + (i % 64) * PAGE_SIZE, pa, PAGE_SIZE,
		VM_USER | VM_WRITE);
	b = as_clone(a);
	ok = b && vmm_translate(b, 0x10000000 + (i % 64) * PAGE_SIZE, &pb,
				NULL) == 0 &&
	     pb != pa && *(uint64_t *)phys_to_virt(pb) == i;
	as_destroy(a);
	if (b)
		as_destroy(b);
	return ok;
}

KTEST(addrspace_1000_cycles_no_leak)
{
	size_t before;
	int failures = 0;

	kmalloc_trim();
	before = pmm_free_count();
	for (uint64_t i = 0; i < 1000; i++)
		failures += !clone_cycle(i);
	kmalloc_trim();
	KEXPECT_EQ(failures, 0);
	KEXPECT_EQ(pmm_free_count(), before);
}

KTEST(cpu_protections_enabled)
{
	uint64_t cr4 = x86_read_cr4();

	KEXPECT(!x86_cpu.smep || (cr4 & X86_CR4_SMEP));
	KEXPECT(!x86_cpu.smap || (cr4 & X86_CR4_SMAP));
	KEXPECT(x86_read_cr0() & X86_CR0_WP);
}

/* Recurse with a 512-byte frame until the guarded stack runs out. */
static long __attribute__((noinline))
recurse(void *depth)
{
	volatile uint8_t pad[512];

	pad[0] = (uint8_t)(uintptr_t)depth;
	if ((uintptr_t)depth > (1u << 30))	/* never: the stack is 16 KiB */
		return 0;
	return recurse((uint8_t *)depth + 1) + pad[0];
}

/* Manual: the boot test expects "kernel stack overflow" in the panic. */
KTEST_F(stack_overflow, KTEST_MANUAL)
{
	uint8_t *stack = vmalloc(4 * PAGE_SIZE);

	KEXPECT(stack != NULL);
	arch_call_on_stack(recurse, NULL, (uintptr_t)stack + 4 * PAGE_SIZE);
	ktest_fail(__FILE__, __LINE__, "the recursion returned");
}

/* Manual, with kmalloc.debug: a one-byte overflow is caught at kfree. */
KTEST_F(kmalloc_overflow, KTEST_MANUAL)
{
	uint8_t *p = kmalloc(24);

	KEXPECT(p != NULL);
	p[24] = 0;
	kfree(p);
	ktest_fail(__FILE__, __LINE__, "the overflow was not detected");
}

/* Manual, with kmalloc.debug: a write after free is caught on reuse. */
KTEST_F(kmalloc_use_after_free, KTEST_MANUAL)
{
	volatile uint8_t *p = kmalloc(64);
	void *q;

	KEXPECT(p != NULL);
	kfree((void *)p);
	p[8] = 1;
	q = kmalloc(64);
	kfree(q);
	ktest_fail(__FILE__, __LINE__, "the write after free was not detected");
}
