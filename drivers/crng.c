/*
 * drivers/crng.c: the ChaCha20 CSPRNG (drivers/crng.h).
 *
 * State: one 256-bit ChaCha20 key.  Output: the key stream of (key,
 * nonce) from block 0 on; its first 32 bytes replace the key before the
 * lock is dropped, the rest go to the caller, at most CRNG_REKEY_BYTES
 * per key.  Mixing: XOR up to 32 bytes into the key, then replace the
 * key with the first 32 bytes of a block under it.  The nonce separates
 * the two uses (its first word) and carries a generation count; the key
 * changes at every use anyway.
 *
 * Seeding (crng_init): CRNG_SEED_CALLS values of arch_random_seed()
 * (RDSEED, RDRAND or the arch's own TSC jitter), the timing of ChaCha20
 * blocks measured with arch_cycles(), and the early generator's output;
 * all of it is mixed in as above.
 *
 * Locks: [c] crng_lock.
 */
#include "arch/arch.h"
#include "drivers/crng.h"
#include "kernel/chacha20.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/random.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

#define CRNG_SEED_CALLS		8	/* 512 bits from the CPU */
#define CRNG_JITTER_SAMPLES	256	/* timed ChaCha20 blocks */
#define CRNG_JITTER_WORDS	8	/* the samples folded into these */
#define CRNG_EARLY_CALLS	4	/* from random_early_u64() */
#define CRNG_MIX_CHUNK		256	/* input mixed per lock hold */

enum crng_domain {
	CRNG_DOMAIN_OUTPUT = 0,
	CRNG_DOMAIN_MIX = 1,
};

static struct spinlock crng_lock = SPINLOCK_INIT("crng");
static uint8_t crng_key[CHACHA20_KEY_SIZE];	/* [c] */
static uint64_t crng_generation;		/* [c] nonces used so far */
static bool crng_seeded;			/* [c], read unlocked */

/* crng_nonce - the next nonce for @domain.  Context: crng_lock held. */
static void
crng_nonce(uint8_t nonce[CHACHA20_NONCE_SIZE], enum crng_domain domain)
{
	uint64_t gen = crng_generation++;

	for (int i = 0; i < 4; i++)
		nonce[i] = (uint8_t)((uint32_t)domain >> (8 * i));
	for (int i = 0; i < 8; i++)
		nonce[4 + i] = (uint8_t)(gen >> (8 * i));
}

/*
 * crng_absorb - XOR each 32-byte piece of @data into the key, then
 * replace the key by ChaCha20 output under it.  Context: crng_lock held.
 */
static void
crng_absorb(const uint8_t *data, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_SIZE], block[CHACHA20_BLOCK_SIZE];

	while (len > 0) {
		size_t n = MIN(len, (size_t)CHACHA20_KEY_SIZE);

		for (size_t i = 0; i < n; i++)
			crng_key[i] ^= data[i];
		crng_nonce(nonce, CRNG_DOMAIN_MIX);
		chacha20_block(crng_key, 0, nonce, block);
		memcpy(crng_key, block, CHACHA20_KEY_SIZE);
		data += n;
		len -= n;
	}
	chacha20_wipe(block, sizeof(block));
}

/*
 * crng_generate - @len (<= CRNG_REKEY_BYTES) bytes into @out, with fast
 * key erasure: block 0's first half becomes the next key.
 * Context: crng_lock held.
 */
static void
crng_generate(uint8_t *out, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_SIZE], block[CHACHA20_BLOCK_SIZE];
	uint8_t next[CHACHA20_KEY_SIZE];
	uint32_t counter = 0;
	size_t n;

	crng_nonce(nonce, CRNG_DOMAIN_OUTPUT);
	chacha20_block(crng_key, counter++, nonce, block);
	memcpy(next, block, CHACHA20_KEY_SIZE);
	n = MIN(len, (size_t)(CHACHA20_BLOCK_SIZE - CHACHA20_KEY_SIZE));
	memcpy(out, block + CHACHA20_KEY_SIZE, n);
	for (size_t off = n; off < len; off += n) {
		chacha20_block(crng_key, counter++, nonce, block);
		n = MIN(len - off, (size_t)CHACHA20_BLOCK_SIZE);
		memcpy(out + off, block, n);
	}
	memcpy(crng_key, next, CHACHA20_KEY_SIZE);
	chacha20_wipe(block, sizeof(block));
	chacha20_wipe(next, sizeof(next));
}

/*
 * crng_jitter - fold the cycle counts of CRNG_JITTER_SAMPLES ChaCha20
 * blocks (cache, pipeline and interrupt noise) into @words.
 */
static void
crng_jitter(uint64_t words[CRNG_JITTER_WORDS])
{
	uint8_t key[CHACHA20_KEY_SIZE] = {0}, nonce[CHACHA20_NONCE_SIZE] = {0};
	uint8_t block[CHACHA20_BLOCK_SIZE];
	uint64_t prev = arch_cycles(), now;

	for (int i = 0; i < CRNG_JITTER_SAMPLES; i++) {
		uint64_t *w = &words[i % CRNG_JITTER_WORDS];

		chacha20_block(key, (uint32_t)i, nonce, block);
		key[i % CHACHA20_KEY_SIZE] ^= block[0];
		now = arch_cycles();
		*w = ((*w << 7) | (*w >> 57)) ^ (now - prev);
		prev = now;
	}
	chacha20_wipe(block, sizeof(block));
}

/* crng_init - see crng.h.  Context: boot, after random_init(). */
void
crng_init(void)
{
	uint64_t seed[CRNG_SEED_CALLS + CRNG_JITTER_WORDS + CRNG_EARLY_CALLS];
	const char *source = NULL, *s;
	size_t n = 0;

	if (crng_ready())
		return;
	for (int i = 0; i < CRNG_SEED_CALLS; i++) {
		seed[n++] = arch_random_seed(&s);
		if (!source)
			source = s;
	}
	memset(&seed[n], 0, CRNG_JITTER_WORDS * sizeof(seed[0]));
	crng_jitter(&seed[n]);
	n += CRNG_JITTER_WORDS;
	for (int i = 0; i < CRNG_EARLY_CALLS; i++)
		seed[n++] = random_early_u64();
	spin_lock(&crng_lock);
	crng_absorb((const uint8_t *)seed, sizeof(seed));
	__atomic_store_n(&crng_seeded, true, __ATOMIC_RELEASE);
	spin_unlock(&crng_lock);
	chacha20_wipe(seed, sizeof(seed));
	pr_info("random: ChaCha20 CSPRNG seeded from %s%s\n", source,
		strcmp(source, "TSC jitter") == 0 ? "" : " + TSC jitter");
}

/* crng_ready - see crng.h.  Context: any. */
bool
crng_ready(void)
{
	return __atomic_load_n(&crng_seeded, __ATOMIC_ACQUIRE);
}

/*
 * crng_get_bytes - see crng.h.  The lock is dropped between keys, so a
 * long request never keeps interrupts off for more than 8 blocks.
 * Context: any; never sleeps.
 */
void
crng_get_bytes(void *buf, size_t len)
{
	uint8_t *p = buf;

	if (!crng_ready())
		panic("crng_get_bytes: called before crng_init");
	while (len > 0) {
		size_t n = MIN(len, (size_t)CRNG_REKEY_BYTES);

		spin_lock(&crng_lock);
		crng_generate(p, n);
		spin_unlock(&crng_lock);
		p += n;
		len -= n;
	}
}

/* crng_mix - see crng.h.  Context: any; never sleeps. */
void
crng_mix(const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len > 0) {
		size_t n = MIN(len, (size_t)CRNG_MIX_CHUNK);

		spin_lock(&crng_lock);
		crng_absorb(p, n);
		spin_unlock(&crng_lock);
		p += n;
		len -= n;
	}
}
