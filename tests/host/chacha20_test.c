/*
 * tests/host/chacha20_test.c: ChaCha20 (kernel/chacha20.c) against the
 * test vectors of RFC 8439: section 2.3.2 (block function), 2.4.2
 * (encryption), appendix A.1 (block function, vectors 1-5) and A.2
 * vector 3 (encryption at counter 42), plus properties of the key-stream
 * helper (in place, split calls, decryption).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/chacha20.h"
#include "tests/host/htest.h"

/* unhex - decode the hex string @s (spaces allowed) into @out; the length. */
static size_t
unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		unsigned int byte;

		if (*s == ' ') {
			s++;
			continue;
		}
		if (n >= max || sscanf(s, "%2x", &byte) != 1)
			abort();
		out[n++] = (uint8_t)byte;
		s += 2;
	}
	return n;
}

/* The key 00 01 02 .. 1f of sections 2.3.2 and 2.4.2. */
static void
key_sequence(uint8_t *key)
{
	for (int i = 0; i < CHACHA20_KEY_SIZE; i++)
		key[i] = (uint8_t)i;
}

/* check_block - the block for (@key, @counter, @nonce) is @expect_hex. */
static void
check_block(const uint8_t *key, uint32_t counter, const char *nonce_hex,
	    const char *expect_hex)
{
	uint8_t nonce[CHACHA20_NONCE_SIZE], expect[CHACHA20_BLOCK_SIZE];
	uint8_t out[CHACHA20_BLOCK_SIZE];

	ASSERT_EQ(unhex(nonce_hex, nonce, sizeof(nonce)), sizeof(nonce));
	ASSERT_EQ(unhex(expect_hex, expect, sizeof(expect)), sizeof(expect));
	chacha20_block(key, counter, nonce, out);
	EXPECT_MEMEQ(out, expect, sizeof(out));
}

HTEST(chacha20_rfc8439_2_3_2_block)
{
	uint8_t key[CHACHA20_KEY_SIZE];

	key_sequence(key);
	check_block(key, 1, "000000090000004a00000000",
		    "10f1e7e4d13b5915500fdd1fa32071c4"
		    "c7d1f4c733c068030422aa9ac3d46c4e"
		    "d2826446079faa0914c2d705d98b02a2"
		    "b5129cd1de164eb9cbd083e8a2503c4e");
}

HTEST(chacha20_rfc8439_a1_block_vectors)
{
	uint8_t zero[CHACHA20_KEY_SIZE] = {0}, key[CHACHA20_KEY_SIZE] = {0};

	check_block(zero, 0, "000000000000000000000000",	/* #1 */
		    "76b8e0ada0f13d90405d6ae55386bd28"
		    "bdd219b8a08ded1aa836efcc8b770dc7"
		    "da41597c5157488d7724e03fb8d84a37"
		    "6a43b8f41518a11cc387b669b2ee6586");
	check_block(zero, 1, "000000000000000000000000",	/* #2 */
		    "9f07e7be5551387a98ba977c732d080d"
		    "cb0f29a048e3656912c6533e32ee7aed"
		    "29b721769ce64e43d57133b074d839d5"
		    "31ed1f28510afb45ace10a1f4b794d6f");
	key[31] = 0x01;
	check_block(key, 1, "000000000000000000000000",	/* #3 */
		    "3aeb5224ecf849929b9d828db1ced4dd"
		    "832025e8018b8160b82284f3c949aa5a"
		    "8eca00bbb4a73bdad192b5c42f73f2fd"
		    "4e273644c8b36125a64addeb006c13a0");
	key[31] = 0x00;
	key[1] = 0xff;
	check_block(key, 2, "000000000000000000000000",	/* #4 */
		    "72d54dfbf12ec44b362692df94137f32"
		    "8fea8da73990265ec1bbbea1ae9af0ca"
		    "13b25aa26cb4a648cb9b9d1be65b2c09"
		    "24a66c54d545ec1b7374f4872e99f096");
	check_block(zero, 0, "000000000000000000000002",	/* #5 */
		    "c2c64d378cd536374ae204b9ef933fcd"
		    "1a8b2288b3dfa49672ab765b54ee27c7"
		    "8a970e0e955c14f3a88e741b97c286f7"
		    "5f8fc299e8148362fa198a39531bed6d");
}

static const char sunscreen[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you "
	"only one tip for the future, sunscreen would be it.";

static const char sunscreen_ct[] =
	"6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
	"f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
	"07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
	"5af90bbf74a35be6b40b8eedf2785e42874d";

HTEST(chacha20_rfc8439_2_4_2_encryption)
{
	uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
	uint8_t expect[128], out[128];
	size_t len = strlen(sunscreen);

	key_sequence(key);
	ASSERT_EQ(unhex("000000000000004a00000000", nonce, sizeof(nonce)),
		  sizeof(nonce));
	ASSERT_EQ(unhex(sunscreen_ct, expect, sizeof(expect)), len);
	ASSERT_EQ(len, 114);
	chacha20_xor(key, 1, nonce, out, (const uint8_t *)sunscreen, len);
	EXPECT_MEMEQ(out, expect, len);
	/* Decryption is the same operation, here in place. */
	chacha20_xor(key, 1, nonce, out, out, len);
	EXPECT_MEMEQ(out, sunscreen, len);
}

HTEST(chacha20_rfc8439_a2_vector3_counter42)
{
	static const char text[] =
		"'Twas brillig, and the slithy toves\n"
		"Did gyre and gimble in the wabe:\n"
		"All mimsy were the borogoves,\n"
		"And the mome raths outgrabe.";
	uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
	uint8_t expect[128], out[128];
	size_t len = strlen(text);

	ASSERT_EQ(unhex("1c9240a5eb55d38af333888604f6b5f0"
			"473917c1402b80099dca5cbc207075c0",
			key, sizeof(key)), sizeof(key));
	ASSERT_EQ(unhex("000000000000000000000002", nonce, sizeof(nonce)),
		  sizeof(nonce));
	ASSERT_EQ(unhex("62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73"
			"118effa95b01e5cf166d3df2d721caf9b21e5fb14c616871"
			"fd84c54f9d65b283196c7fe4f60553ebf39c6402c42234e3"
			"2a356b3e764312a61a5532055716ead6962568f87d3f3f77"
			"04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36"
			"757a797ac188d1", expect, sizeof(expect)), len);
	chacha20_xor(key, 42, nonce, out, (const uint8_t *)text, len);
	EXPECT_MEMEQ(out, expect, len);
}

/* The key stream continues across calls that split at a block boundary. */
HTEST(chacha20_xor_split_at_block_matches_one_call)
{
	uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE] = {0};
	uint8_t in[200], whole[200], parts[200], block[CHACHA20_BLOCK_SIZE];

	key_sequence(key);
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 13 + 1);
	chacha20_xor(key, 7, nonce, whole, in, sizeof(in));
	chacha20_xor(key, 7, nonce, parts, in, 64);
	chacha20_xor(key, 8, nonce, parts + 64, in + 64, sizeof(in) - 64);
	EXPECT_MEMEQ(whole, parts, sizeof(in));
	/* and the first block of it is the block function's output */
	chacha20_block(key, 7, nonce, block);
	for (size_t i = 0; i < sizeof(block); i++)
		block[i] ^= in[i];
	EXPECT_MEMEQ(whole, block, sizeof(block));
}

/* Zero bytes touch nothing; the counter wraps at 2^32 without harm. */
HTEST(chacha20_xor_empty_and_counter_wrap)
{
	uint8_t key[CHACHA20_KEY_SIZE] = {0}, nonce[CHACHA20_NONCE_SIZE] = {0};
	uint8_t buf[128], b0[CHACHA20_BLOCK_SIZE], blast[CHACHA20_BLOCK_SIZE];

	memset(buf, 0x5a, sizeof(buf));
	chacha20_xor(key, 0, nonce, buf, buf, 0);
	EXPECT_EQ(buf[0], 0x5a);
	memset(buf, 0, sizeof(buf));
	chacha20_xor(key, UINT32_MAX, nonce, buf, buf, sizeof(buf));
	chacha20_block(key, UINT32_MAX, nonce, blast);
	chacha20_block(key, 0, nonce, b0);
	EXPECT_MEMEQ(buf, blast, sizeof(blast));
	EXPECT_MEMEQ(buf + 64, b0, sizeof(b0));
}

HTEST(chacha20_wipe_zeroes)
{
	uint8_t buf[40];

	memset(buf, 0xff, sizeof(buf));
	chacha20_wipe(buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		EXPECT_EQ(buf[i], 0);
}
