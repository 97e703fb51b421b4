/*
 * kernel/chacha20.c: the ChaCha20 block function and key stream
 * (kernel/chacha20.h), written from RFC 8439 sections 2.1-2.4.
 *
 * The state is 16 little-endian 32-bit words: 4 constants, 8 key words,
 * the block counter and 3 nonce words.  Twenty rounds alternate between
 * quarter rounds on the columns and on the diagonals of the 4x4 matrix;
 * the input state is then added word by word and the result serialised
 * little-endian.  Pure code (no globals), shared with the host tests.
 */
#include "kernel/chacha20.h"
#include "kernel/string.h"

#define CHACHA20_WORDS	16
#define CHACHA20_ROUNDS	20

/* "expand 32-byte k" read as four little-endian words (RFC 8439 2.3). */
static const uint32_t chacha20_sigma[4] = {
	0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u,
};

static inline uint32_t
rotl32(uint32_t v, unsigned int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t
load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void
store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* quarter_round - RFC 8439 2.1 on words @a, @b, @c, @d of @x. */
static inline void
quarter_round(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 7);
}

/* chacha20_init_state - the initial state for @key, @counter, @nonce. */
static void
chacha20_init_state(uint32_t *s, const uint8_t *key, uint32_t counter,
		    const uint8_t *nonce)
{
	for (int i = 0; i < 4; i++)
		s[i] = chacha20_sigma[i];
	for (int i = 0; i < 8; i++)
		s[4 + i] = load_le32(key + 4 * i);
	s[12] = counter;
	for (int i = 0; i < 3; i++)
		s[13 + i] = load_le32(nonce + 4 * i);
}

/*
 * chacha20_block - see chacha20.h.  The working copies of the state are
 * wiped before returning: they hold the key.  Context: any.
 */
void
chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
	       const uint8_t nonce[CHACHA20_NONCE_SIZE],
	       uint8_t out[CHACHA20_BLOCK_SIZE])
{
	uint32_t s[CHACHA20_WORDS], x[CHACHA20_WORDS];

	chacha20_init_state(s, key, counter, nonce);
	memcpy(x, s, sizeof(x));
	for (int i = 0; i < CHACHA20_ROUNDS; i += 2) {
		quarter_round(x, 0, 4, 8, 12);		/* columns */
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);		/* diagonals */
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < CHACHA20_WORDS; i++)
		store_le32(out + 4 * i, x[i] + s[i]);
	chacha20_wipe(s, sizeof(s));
	chacha20_wipe(x, sizeof(x));
}

/* chacha20_xor - see chacha20.h.  Context: any. */
void
chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
	     const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *dst,
	     const uint8_t *src, size_t len)
{
	uint8_t ks[CHACHA20_BLOCK_SIZE];

	while (len > 0) {
		size_t n = MIN(len, (size_t)CHACHA20_BLOCK_SIZE);

		chacha20_block(key, counter++, nonce, ks);
		for (size_t i = 0; i < n; i++)
			dst[i] = src[i] ^ ks[i];
		dst += n;
		src += n;
		len -= n;
	}
	chacha20_wipe(ks, sizeof(ks));
}

/*
 * chacha20_wipe - see chacha20.h.  The empty asm with a memory clobber
 * makes the zeroed bytes observable, so the stores stay.  Context: any.
 */
void
chacha20_wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}
