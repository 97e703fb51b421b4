/*
 * kernel/chacha20.h: the ChaCha20 stream cipher as RFC 8439 defines it
 * (kernel/chacha20.c): a 256-bit key, a 96-bit nonce and a 32-bit block
 * counter; 20 rounds.  Pure code, unit-tested on the host against the
 * RFC's test vectors.  The kernel's CSPRNG (drivers/crng.c) is built on
 * it.
 *
 * Keys, nonces and blocks are byte strings; the RFC reads them as
 * little-endian 32-bit words, on any host.
 *
 * Context: any; these functions touch only their arguments and the
 * stack, never sleep and take no lock.
 */
#pragma once
#include "kernel/types.h"

#define CHACHA20_KEY_SIZE	32
#define CHACHA20_NONCE_SIZE	12
#define CHACHA20_BLOCK_SIZE	64

/*
 * chacha20_block - the serialised ChaCha20 block (RFC 8439 section 2.3)
 * for @key, block counter @counter and @nonce, into @out.
 */
void	chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		       const uint8_t nonce[CHACHA20_NONCE_SIZE],
		       uint8_t out[CHACHA20_BLOCK_SIZE]);

/*
 * chacha20_xor - XOR @len bytes of @src with the key stream that starts
 * at block @counter, into @dst (RFC 8439 section 2.4: encryption and
 * decryption are the same operation).  @dst may equal @src.  The counter
 * wraps modulo 2^32: callers keep @len below 256 GiB per (key, nonce).
 */
void	chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		     const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *dst,
		     const uint8_t *src, size_t len);

/*
 * chacha20_wipe - zero @len bytes at @p in a way the compiler may not
 * drop as a dead store (for keys and key streams on the stack).
 */
void	chacha20_wipe(void *p, size_t len);
