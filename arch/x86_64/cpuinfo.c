/*
 * arch/x86_64/cpuinfo.c: the CPU's block of /proc/cpuinfo (arch_cpuinfo).
 *
 * The fields and the flag names are Linux's (arch/x86 cpufeatures), the
 * flags in Linux's order: by capability word, then by bit.  Only a subset
 * is decoded: the flags programs and people look for.  The flags are the
 * CPU's, as CPUID reports them, not filtered by what the kernel enables.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/format.h"
#include "kernel/sched.h"
#include "kernel/string.h"

/* The CPUID registers that hold flags, in Linux's capability-word order. */
enum cpuid_word {
	W_1_EDX,		/* word 0 */
	W_8001_EDX,		/* word 1 */
	W_8007_EDX,		/* word 3, where Linux puts constant_tsc */
	W_1_ECX,		/* word 4 */
	W_8001_ECX,		/* word 6 */
	W_7_EBX,		/* word 9 */
	W_7_ECX,		/* word 16 */
	W_7_EDX,		/* word 18 */
	W_COUNT
};

struct cpuid_flag {
	uint8_t		 word;		/* enum cpuid_word */
	uint8_t		 bit;
	const char	*name;
};

static const struct cpuid_flag flags[] = {
	{ W_1_EDX, 0, "fpu" }, { W_1_EDX, 1, "vme" }, { W_1_EDX, 2, "de" },
	{ W_1_EDX, 3, "pse" }, { W_1_EDX, 4, "tsc" }, { W_1_EDX, 5, "msr" },
	{ W_1_EDX, 6, "pae" }, { W_1_EDX, 7, "mce" }, { W_1_EDX, 8, "cx8" },
	{ W_1_EDX, 9, "apic" }, { W_1_EDX, 11, "sep" }, { W_1_EDX, 12, "mtrr" },
	{ W_1_EDX, 13, "pge" }, { W_1_EDX, 14, "mca" }, { W_1_EDX, 15, "cmov" },
	{ W_1_EDX, 16, "pat" }, { W_1_EDX, 17, "pse36" },
	{ W_1_EDX, 19, "clflush" }, { W_1_EDX, 23, "mmx" },
	{ W_1_EDX, 24, "fxsr" }, { W_1_EDX, 25, "sse" },
	{ W_1_EDX, 26, "sse2" }, { W_1_EDX, 27, "ss" }, { W_1_EDX, 28, "ht" },
	{ W_8001_EDX, 11, "syscall" }, { W_8001_EDX, 20, "nx" },
	{ W_8001_EDX, 22, "mmxext" }, { W_8001_EDX, 25, "fxsr_opt" },
	{ W_8001_EDX, 26, "pdpe1gb" }, { W_8001_EDX, 27, "rdtscp" },
	{ W_8001_EDX, 29, "lm" },
	{ W_8007_EDX, 8, "constant_tsc" }, { W_8007_EDX, 8, "nonstop_tsc" },
	{ W_1_ECX, 0, "pni" }, { W_1_ECX, 1, "pclmulqdq" },
	{ W_1_ECX, 3, "monitor" }, { W_1_ECX, 5, "vmx" },
	{ W_1_ECX, 9, "ssse3" }, { W_1_ECX, 12, "fma" },
	{ W_1_ECX, 13, "cx16" }, { W_1_ECX, 17, "pcid" },
	{ W_1_ECX, 19, "sse4_1" }, { W_1_ECX, 20, "sse4_2" },
	{ W_1_ECX, 21, "x2apic" }, { W_1_ECX, 22, "movbe" },
	{ W_1_ECX, 23, "popcnt" }, { W_1_ECX, 24, "tsc_deadline_timer" },
	{ W_1_ECX, 25, "aes" }, { W_1_ECX, 26, "xsave" },
	{ W_1_ECX, 28, "avx" }, { W_1_ECX, 29, "f16c" },
	{ W_1_ECX, 30, "rdrand" }, { W_1_ECX, 31, "hypervisor" },
	{ W_8001_ECX, 0, "lahf_lm" }, { W_8001_ECX, 2, "svm" },
	{ W_8001_ECX, 5, "abm" }, { W_8001_ECX, 6, "sse4a" },
	{ W_8001_ECX, 8, "3dnowprefetch" },
	{ W_7_EBX, 0, "fsgsbase" }, { W_7_EBX, 3, "bmi1" },
	{ W_7_EBX, 4, "hle" }, { W_7_EBX, 5, "avx2" }, { W_7_EBX, 7, "smep" },
	{ W_7_EBX, 8, "bmi2" }, { W_7_EBX, 9, "erms" },
	{ W_7_EBX, 10, "invpcid" }, { W_7_EBX, 11, "rtm" },
	{ W_7_EBX, 16, "avx512f" }, { W_7_EBX, 17, "avx512dq" },
	{ W_7_EBX, 18, "rdseed" }, { W_7_EBX, 19, "adx" },
	{ W_7_EBX, 20, "smap" }, { W_7_EBX, 23, "clflushopt" },
	{ W_7_EBX, 24, "clwb" }, { W_7_EBX, 28, "avx512cd" },
	{ W_7_EBX, 29, "sha_ni" }, { W_7_EBX, 30, "avx512bw" },
	{ W_7_EBX, 31, "avx512vl" },
	{ W_7_ECX, 2, "umip" }, { W_7_ECX, 3, "pku" }, { W_7_ECX, 8, "gfni" },
	{ W_7_ECX, 9, "vaes" }, { W_7_ECX, 10, "vpclmulqdq" },
	{ W_7_ECX, 16, "la57" }, { W_7_ECX, 22, "rdpid" },
	{ W_7_EDX, 4, "fsrm" }, { W_7_EDX, 10, "md_clear" },
	{ W_7_EDX, 29, "arch_capabilities" },
};

/* What the block shows, read from CPUID once per call. */
struct cpu_id {
	uint32_t	 max_leaf, max_ext;
	uint32_t	 signature;		/* leaf 1 EAX */
	uint32_t	 misc;			/* leaf 1 EBX */
	uint32_t	 addr_sizes;		/* leaf 0x80000008 EAX */
	uint32_t	 words[W_COUNT];
	char		 vendor[13];
	char		 model[49];
};

/* A bounded append that counts what did not fit (for the return value). */
struct cpuinfo_out {
	char	*buf;
	size_t	 len;
	size_t	 total;
};

static void __printf(2, 3)
out_printf(struct cpuinfo_out *o, const char *fmt, ...)
{
	size_t room = o->total < o->len ? o->len - o->total : 0;
	va_list ap;

	va_start(ap, fmt);
	o->total += (size_t)kvsnprintf(room ? o->buf + o->total : NULL, room,
				       fmt, ap);
	va_end(ap);
}

/* The brand string of leaves 0x80000002-4, without Intel's left padding. */
static void
read_model_name(struct cpu_id *id)
{
	uint32_t r[12];
	size_t skip = 0;

	if (id->max_ext < 0x80000004) {
		strlcpy(id->model, "unknown", sizeof(id->model));
		return;
	}
	for (uint32_t i = 0; i < 3; i++)
		x86_cpuid(0x80000002 + i, 0, &r[4 * i], &r[4 * i + 1],
			  &r[4 * i + 2], &r[4 * i + 3]);
	memcpy(id->model, r, sizeof(r));
	id->model[sizeof(r)] = '\0';
	while (id->model[skip] == ' ')
		skip++;
	memmove(id->model, id->model + skip, sizeof(id->model) - skip);
}

static void
read_cpuid(struct cpu_id *id)
{
	uint32_t a, b, c, d;

	memset(id, 0, sizeof(*id));
	x86_cpuid(0, 0, &id->max_leaf, &b, &c, &d);
	memcpy(id->vendor, &b, 4);
	memcpy(id->vendor + 4, &d, 4);
	memcpy(id->vendor + 8, &c, 4);
	x86_cpuid(1, 0, &id->signature, &id->misc, &id->words[W_1_ECX],
		  &id->words[W_1_EDX]);
	if (id->max_leaf >= 7)
		x86_cpuid(7, 0, &a, &id->words[W_7_EBX], &id->words[W_7_ECX],
			  &id->words[W_7_EDX]);
	x86_cpuid(0x80000000, 0, &id->max_ext, &b, &c, &d);
	if (id->max_ext >= 0x80000001)
		x86_cpuid(0x80000001, 0, &a, &b, &id->words[W_8001_ECX],
			  &id->words[W_8001_EDX]);
	if (id->max_ext >= 0x80000007)
		x86_cpuid(0x80000007, 0, &a, &b, &c, &id->words[W_8007_EDX]);
	id->addr_sizes = 36 | 48 << 8;		/* Linux's guess without it */
	if (id->max_ext >= 0x80000008)
		x86_cpuid(0x80000008, 0, &id->addr_sizes, &b, &c, &d);
	read_model_name(id);
}

/* Family and model with their extended parts, as Linux combines them. */
static unsigned int
cpu_family(uint32_t sig)
{
	unsigned int family = (sig >> 8) & 0xf;

	return family == 0xf ? family + ((sig >> 20) & 0xff) : family;
}

static unsigned int
cpu_model(uint32_t sig)
{
	unsigned int model = (sig >> 4) & 0xf;

	return cpu_family(sig) >= 6 ? model | ((sig >> 12) & 0xf0) : model;
}

static void
out_flags(struct cpuinfo_out *o, const struct cpu_id *id)
{
	out_printf(o, "flags\t\t:");
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (id->words[flags[i].word] & (1u << flags[i].bit))
			out_printf(o, " %s", flags[i].name);
	out_printf(o, "\n");
}

/* processor .. cpuid level: who the CPU is and where it sits. */
static void
out_identity(struct cpuinfo_out *o, const struct cpu_id *id)
{
	uint64_t khz = arch_tsc_hz() / 1000;
	unsigned int apicid = id->misc >> 24;
	bool fpu = id->words[W_1_EDX] & 1;

	out_printf(o, "processor\t: %d\nvendor_id\t: %s\n", this_cpu()->id,
		   id->vendor);
	out_printf(o, "cpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\n",
		   cpu_family(id->signature), cpu_model(id->signature),
		   id->model);
	out_printf(o, "stepping\t: %u\ncpu MHz\t\t: %lu.%03lu\n",
		   id->signature & 0xf, khz / 1000, khz % 1000);
	/* one CPU, one core, no SMT (FIXME: real topology with SMP) */
	out_printf(o, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
		      "cpu cores\t: 1\napicid\t\t: %u\ninitial apicid\t: %u\n",
		   apicid, apicid);
	out_printf(o, "fpu\t\t: %s\nfpu_exception\t: %s\ncpuid level\t: %u\n",
		   fpu ? "yes" : "no", fpu ? "yes" : "no", id->max_leaf);
	out_printf(o, "wp\t\t: %s\n",
		   x86_read_cr0() & X86_CR0_WP ? "yes" : "no");
}

/* arch_cpuinfo - see arch.h.  Context: thread or boot; never sleeps. */
size_t
arch_cpuinfo(char *buf, size_t len)
{
	struct cpuinfo_out o = { .buf = buf, .len = len };
	struct cpu_id id;
	uint64_t bogo = arch_tsc_hz() / 5000;	/* 2 x MHz, in hundredths */
	unsigned int clflush;

	read_cpuid(&id);
	clflush = ((id.misc >> 8) & 0xff) * 8;
	out_identity(&o, &id);
	out_flags(&o, &id);
	out_printf(&o, "bugs\t\t:\nbogomips\t: %lu.%02lu\n", bogo / 100,
		   bogo % 100);
	out_printf(&o, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush,
		   clflush);
	out_printf(&o, "address sizes\t: %u bits physical, %u bits virtual\n",
		   id.addr_sizes & 0xff, (id.addr_sizes >> 8) & 0xff);
	out_printf(&o, "power management:\n\n");
	return o.total;
}
