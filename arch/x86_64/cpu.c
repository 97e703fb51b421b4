/*
 * arch/x86_64/cpu.c: CPU features and protections, early entropy.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/printk.h"

#define CPUID7_EBX_SMEP		(1u << 7)
#define CPUID7_EBX_RDSEED	(1u << 18)
#define CPUID7_EBX_SMAP		(1u << 20)
#define CPUID1_ECX_RDRAND	(1u << 30)

struct x86_features x86_cpu;

/* x86_detect_features - read the CPUID bits the kernel cares about. */
static void
x86_detect_features(void)
{
	uint32_t a, b, c, d, max;

	x86_cpuid(0, 0, &max, &b, &c, &d);
	x86_cpuid(1, 0, &a, &b, &c, &d);
	x86_cpu.rdrand = c & CPUID1_ECX_RDRAND;
	x86_cpu.pge = d & (1u << 13);
	if (max >= 7) {
		x86_cpuid(7, 0, &a, &b, &c, &d);
		x86_cpu.smep = b & CPUID7_EBX_SMEP;
		x86_cpu.smap = b & CPUID7_EBX_SMAP;
		x86_cpu.rdseed = b & CPUID7_EBX_RDSEED;
	}
	x86_cpu.nx = nx_supported;
}

/*
 * x86_cpu_init - switch on the protections the CPU has: write-protect in
 * ring 0 (already set by boot.asm), SMEP (no kernel execution of user
 * pages), SMAP (no kernel access to user pages outside stac/clac).
 * Context: boot, CPU 0.
 */
/* Read by isr_common, which must clear AC on entry when SMAP is on. */
bool x86_smap_enabled;

void
x86_cpu_init(void)
{
	uint64_t cr4 = x86_read_cr4();

	x86_detect_features();
	if (x86_cpu.smep)
		cr4 |= X86_CR4_SMEP;
	if (x86_cpu.smap)
		cr4 |= X86_CR4_SMAP;
	x86_write_cr4(cr4);
	x86_smap_enabled = x86_cpu.smap;
	pr_info("cpu: NX %s, SMEP %s, SMAP %s, RDRAND %s, RDSEED %s\n",
		x86_cpu.nx ? "on" : "absent", x86_cpu.smep ? "on" : "absent",
		x86_cpu.smap ? "on" : "absent",
		x86_cpu.rdrand ? "yes" : "no", x86_cpu.rdseed ? "yes" : "no");
}

/* try_rdseed / try_rdrand - one 64-bit value; false when the unit fails. */
static bool
try_rdseed(uint64_t *v)
{
	for (int i = 0; i < 32; i++) {
		bool ok;
		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

static bool
try_rdrand(uint64_t *v)
{
	for (int i = 0; i < 32; i++) {
		bool ok;
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

/* tsc_jitter - mix the low bits of many TSC deltas (a weak last resort). */
static uint64_t
tsc_jitter(void)
{
	uint64_t h = 0xcbf29ce484222325ull, prev = x86_rdtsc();

	for (int i = 0; i < 256; i++) {
		uint64_t now = x86_rdtsc();
		h = (h ^ (now - prev)) * 0x100000001b3ull;
		prev = now;
	}
	return h;
}

/* arch_random_seed - see arch.h.  Context: any. */
uint64_t
arch_random_seed(const char **source)
{
	uint64_t v;

	if (x86_cpu.rdseed && try_rdseed(&v)) {
		*source = "RDSEED";
		return v;
	}
	if (x86_cpu.rdrand && try_rdrand(&v)) {
		*source = "RDRAND";
		return v;
	}
	*source = "TSC jitter";
	return tsc_jitter();
}

uint64_t
arch_cycles(void)
{
	return x86_rdtsc();
}

/* arch_cycles_per_us - see arch.h: CPUID leaf 0x15, else 0x16.  Context: any. */
uint64_t
arch_cycles_per_us(void)
{
	uint32_t a, b, c, d, max;

	x86_cpuid(0, 0, &max, &b, &c, &d);
	if (max >= 0x15) {
		x86_cpuid(0x15, 0, &a, &b, &c, &d);
		if (a && b && c)
			return (uint64_t)c * b / a / 1000000;
	}
	if (max >= 0x16) {
		x86_cpuid(0x16, 0, &a, &b, &c, &d);
		if (a & 0xffff)
			return a & 0xffff;	/* base frequency in MHz */
	}
	return 0;
}
