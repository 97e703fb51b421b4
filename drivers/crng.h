/*
 * drivers/crng.h: the kernel's cryptographically secure random number
 * generator (drivers/crng.c), behind /dev/random, /dev/urandom and
 * getrandom().
 *
 * A ChaCha20 generator with "fast key erasure": every request runs
 * ChaCha20 under the current key, takes the first 32 bytes of the key
 * stream as the next key and hands out the rest, so that a key seen
 * after a request reveals nothing that request returned.  Long requests
 * change the key every CRNG_REKEY_BYTES of output.  The first key is
 * seeded at boot from the CPU's generator (RDSEED/RDRAND, when present),
 * TSC jitter and the early generator (kernel/random.h).
 *
 * Locks: crng_lock, a spinlock, over the key; it nests inside nothing
 * but may be taken with any other lock held (it calls only ChaCha20).
 */
#pragma once
#include "kernel/types.h"

/* The most output produced under one key (8 ChaCha20 blocks less the
 * 32 bytes that become the next key). */
#define CRNG_REKEY_BYTES	480

/*
 * crng_init - seed the generator and log its source.  Calling it again
 * does nothing.  Context: boot, after random_init().
 */
void	crng_init(void);

/*
 * crng_get_bytes - fill @buf with @len random bytes.  Panics when called
 * before crng_init() (a broken boot order, not a user error).
 * Context: any, including interrupts; never sleeps.
 */
void	crng_get_bytes(void *buf, size_t len);

/*
 * crng_mix - stir @len bytes of @data into the key (writes to
 * /dev/random, interrupt timings).  Data cannot make the key weaker:
 * each 32-byte piece is XORed into the key and the key then replaced
 * by ChaCha20 output under it.  Context: any; never sleeps.
 */
void	crng_mix(const void *data, size_t len);

/* crng_ready - whether crng_init() has seeded the generator. */
bool	crng_ready(void);
