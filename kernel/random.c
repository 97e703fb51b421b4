/*
 * kernel/random.c: the early generator (kernel/random.h).
 */
#include "arch/arch.h"
#include "kernel/printk.h"
#include "kernel/random.h"

static uint64_t state;
static const char *source = "none";

/* splitmix64 - a well-mixed 64-bit step (Steele, Lea and Flood's constants). */
static uint64_t
splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* random_init - see random.h.  Context: boot. */
void
random_init(void)
{
	state = arch_random_seed(&source) ^ arch_cycles();
	pr_info("random: early seed from %s\n", source);
}

/* random_early_u64 - see random.h.  Context: any. */
uint64_t
random_early_u64(void)
{
	const char *unused;

	state ^= arch_cycles();
	if (source[0] == 'R')		/* the CPU has a hardware generator */
		state ^= arch_random_seed(&unused);
	return splitmix64(&state);
}

const char *
random_source(void)
{
	return source;
}
