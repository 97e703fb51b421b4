/*
 * arch/x86_64/cpu.h: special instructions as static inline wrappers (xv6's
 * x86.h).  Private to arch/x86_64; generic code goes through arch/arch.h.
 */
#pragma once
#include "kernel/types.h"

static inline uint64_t
x86_read_cr0(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t
x86_read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t
x86_read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void
x86_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void
x86_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t
x86_read_cr4(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void
x86_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline uint64_t
x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
x86_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void
x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c,
	  uint32_t *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t
x86_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
x86_read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; pop %0" : "=r"(v));
	return v;
}

static inline uintptr_t
x86_read_rbp(void)
{
	uintptr_t v;
	__asm__ volatile("mov %%rbp, %0" : "=r"(v));
	return v;
}

static inline void
x86_lgdt(const void *ptr)
{
	__asm__ volatile("lgdt (%0)" : : "r"(ptr) : "memory");
}

static inline void
x86_lidt(const void *ptr)
{
	__asm__ volatile("lidt (%0)" : : "r"(ptr) : "memory");
}

static inline void
x86_ltr(uint16_t sel)
{
	__asm__ volatile("ltr %0" : : "r"(sel));
}

static inline void
x86_invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

#define X86_RFLAGS_IF	(1ull << 9)
#define X86_RFLAGS_AC	(1ull << 18)
#define X86_CR0_MP	(1ull << 1)
#define X86_CR0_EM	(1ull << 2)
#define X86_CR0_WP	(1ull << 16)
#define X86_CR4_PGE	(1ull << 7)
#define X86_CR4_OSFXSR	(1ull << 9)
#define X86_CR4_OSXMMEXCPT (1ull << 10)
#define X86_CR4_SMEP	(1ull << 20)
#define X86_CR4_SMAP	(1ull << 21)
#define X86_MSR_EFER	0xc0000080u
#define X86_MSR_FS_BASE	0xc0000100u
#define X86_MSR_GS_BASE	0xc0000101u
#define X86_MSR_KERNEL_GS_BASE 0xc0000102u

/* Set by boot.asm: whether the CPU has the NX bit (EFER.NXE was set). */
extern uint32_t nx_supported;

/* What CPUID said, filled by x86_cpu_init() (arch/x86_64/cpu.c). */
struct x86_features {
	bool nx, pge, smep, smap, rdrand, rdseed;
};

/* x86_smap_enabled - CR4.SMAP is set (isr.asm clears AC on entry). */
extern bool x86_smap_enabled;
extern struct x86_features x86_cpu;

void	x86_cpu_init(void);
