/*
 * kernel/random.h: early randomness (kernel/random.c).
 *
 * At boot the kernel takes a seed from the CPU (RDSEED, else RDRAND, else
 * TSC jitter) for address-space randomisation and AT_RANDOM.  This is a
 * mixing generator, not a CSPRNG: /dev/urandom's ChaCha20 (the VFS work)
 * reseeds from here and replaces it for everything security-relevant.
 */
#pragma once
#include "kernel/types.h"

/* random_init - take the early seed and log its source.  Context: boot. */
void	 random_init(void);

/*
 * random_early_u64 - 64 bits from the early generator: splitmix64 over
 * the seed, stirred with the cycle counter and fresh CPU randomness when
 * the CPU has it.  Context: any.
 */
uint64_t random_early_u64(void);

/* random_source - "RDSEED", "RDRAND" or "TSC jitter". */
const char *random_source(void);
