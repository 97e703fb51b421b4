/*
 * tests/fuzz/cpio_fuzz.c: libFuzzer target for the cpio "newc" parser
 * (fs/cpio.c).  `make fuzz` builds it with clang's fuzzer, AddressSanitizer
 * and UBSan and runs it on a seed corpus of valid archives.
 *
 * Besides not crashing, every entry the parser accepts must lie inside the
 * input and carry a name that cannot leave the directory it is created in,
 * and the iteration must end.  A broken promise aborts, which libFuzzer
 * reports as a crash with the input that caused it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/cpio.h"

/* Whether accepted @name is absolute or has a ".." component. */
static int
fuzz_name_escapes(const char *name, size_t len)
{
	const char *p = name, *end = name + len, *c;

	if (len == 0 || name[0] == '/' || strlen(name) != len)
		return 1;
	while (p < end) {
		c = p;
		while (p < end && *p != '/')
			p++;
		if (p - c == 2 && c[0] == '.' && c[1] == '.')
			return 1;
		while (p < end && *p == '/')
			p++;
	}
	return 0;
}

/* fuzz_check - abort unless accepted entry @e lies inside [@data, +@size). */
static void
fuzz_check(const struct cpio_entry *e, const uint8_t *data, size_t size)
{
	if (e->data < data || e->size > size ||
	    (size_t)(e->data - data) > size - e->size)
		abort();
	if ((const uint8_t *)e->name < data ||
	    (const uint8_t *)e->name + e->name_len >= data + size)
		abort();
	if (e->name_len >= CPIO_NAME_MAX ||
	    fuzz_name_escapes(e->name, e->name_len))
		abort();
}

/* LLVMFuzzerTestOneInput - parse the whole input; returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpio_iter it;
	struct cpio_entry e;
	size_t calls = 0;
	int rc;

	cpio_init(&it, data, size);
	while ((rc = cpio_next(&it, &e)) != 0) {
		/* each call consumes a header of at least 110 bytes */
		if (++calls > size / CPIO_HDR_SIZE + 1)
			abort();
		if (rc == 1)
			fuzz_check(&e, data, size);
		else if (rc > 0)
			abort();
	}
	if (!cpio_stopped(&it) || cpio_next(&it, &e) != 0)
		abort();
	return 0;
}
