/*
 * fs/cpio.c: the cpio "newc" parser (fs/cpio.h).
 *
 * Every offset is a size_t below it->len and every length is compared
 * with the bytes left before it is added, so no sum can wrap.  Errors
 * come in two kinds: before the end of an entry is known (magic, hex
 * digits, a name or data running past the end) nothing after it can be
 * found, so the iterator stops; after that (bad names, checksums) only the
 * entry is skipped.
 * Context: pure, no allocation, any context.
 */
#include "fs/cpio.h"
#include "kernel/errno.h"
#include "kernel/string.h"

#define CPIO_MAGIC_LEN 6
#define CPIO_FIELD_LEN 8
#define CPIO_ALIGN     4

/* The header's fields, in archive order. */
enum cpio_field {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	F_COUNT
};

/* cpio_init - see cpio.h.  Context: pure. */
void
cpio_init(struct cpio_iter *it, const void *archive, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->base = archive;
	it->len = archive ? len : 0;
}

/* The value of hex digit @c, or -1. */
static int
cpio_xdigit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse the 13 fields after the magic at @p into @f; -EINVAL on a non-digit. */
static int
cpio_fields(const uint8_t *p, uint32_t *f)
{
	int d;

	for (int i = 0; i < F_COUNT; i++) {
		f[i] = 0;
		for (int j = 0; j < CPIO_FIELD_LEN; j++) {
			if ((d = cpio_xdigit(*p++)) < 0)
				return -EINVAL;
			f[i] = f[i] << 4 | (uint32_t)d;
		}
	}
	return 0;
}

/* Copy the fields @f into @out. */
static void
cpio_fill(struct cpio_entry *out, const uint32_t *f)
{
	out->ino = f[F_INO];
	out->mode = f[F_MODE];
	out->uid = f[F_UID];
	out->gid = f[F_GID];
	out->nlink = f[F_NLINK];
	out->mtime = f[F_MTIME];
	out->size = f[F_FILESIZE];
	out->devmajor = f[F_DEVMAJOR];
	out->devminor = f[F_DEVMINOR];
	out->rdevmajor = f[F_RDEVMAJOR];
	out->rdevminor = f[F_RDEVMINOR];
	out->check = f[F_CHECK];
}

/*
 * Read the header at it->off and locate the name and data of its entry;
 * *@next receives the offset of the following header.  Returns 0, or an
 * error after which nothing more can be found.
 */
static int
cpio_locate(struct cpio_iter *it, struct cpio_entry *out, size_t *next)
{
	const uint8_t *h = it->base + it->off;
	size_t left = it->len - it->off, namesize, data_off;
	uint32_t f[F_COUNT];

	if (left < CPIO_HDR_SIZE)
		return -EOVERFLOW;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return -EINVAL;
	out->has_crc = h[5] == '2';
	if (cpio_fields(h + CPIO_MAGIC_LEN, f) < 0)
		return -EINVAL;
	cpio_fill(out, f);
	namesize = f[F_NAMESIZE];
	if (namesize > left - CPIO_HDR_SIZE)
		return -EOVERFLOW;
	out->raw_name = (const char *)h + CPIO_HDR_SIZE;
	out->raw_len = namesize;
	/* it->off is 4-aligned, so aligning the length aligns the offset. */
	data_off = ALIGN_UP(CPIO_HDR_SIZE + namesize, CPIO_ALIGN);
	if (data_off > left && out->size == 0)
		data_off = left; /* the trailer, its padding cut off */
	if (data_off > left || out->size > left - data_off)
		return -EOVERFLOW;
	out->data = h + data_off;
	/* Missing padding after the last entry's data is tolerated. */
	*next = it->off + MIN(ALIGN_UP(data_off + out->size, CPIO_ALIGN), left);
	return 0;
}

/* Whether the NUL-terminated path @p has a ".." component. */
static bool
cpio_has_dotdot(const char *p)
{
	const char *c;

	while (*p) {
		c = p;
		while (*p && *p != '/')
			p++;
		if (p - c == 2 && c[0] == '.' && c[1] == '.')
			return true;
		while (*p == '/')
			p++;
	}
	return false;
}

/*
 * Check the name of the located entry @e and normalise it into e->name.
 * Returns 0, 1 for the root itself, or an entry error.
 */
static int
cpio_check_name(struct cpio_entry *e)
{
	const char *p = e->raw_name;

	if (e->raw_len == 0)
		return -EINVAL;
	if (e->raw_len > CPIO_NAME_MAX)
		return -ENAMETOOLONG;
	if (strnlen(p, e->raw_len) != e->raw_len - 1 || e->raw_len == 1)
		return -EINVAL;
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			break;
	}
	if (p[0] == '\0' || (p[0] == '.' && p[1] == '\0'))
		return 1;
	if (cpio_has_dotdot(p))
		return -EPERM;
	e->name = p;
	e->name_len = strlen(p);
	return 0;
}

/* The 070702 checksum: whether the data bytes sum to the check field. */
static bool
cpio_crc_ok(const struct cpio_entry *e)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < e->size; i++)
		sum += e->data[i];
	return sum == e->check;
}

/* Stop @it with @err (0 for a clean end) and return @err. */
static int
cpio_stop(struct cpio_iter *it, int err, bool trailer)
{
	it->stopped = true;
	it->trailer = trailer;
	it->error = err;
	return err;
}

/* cpio_next - see cpio.h.  Context: pure. */
int
cpio_next(struct cpio_iter *it, struct cpio_entry *out)
{
	size_t next;
	int err;

	for (;;) {
		if (it->stopped)
			return 0;
		memset(out, 0, sizeof(*out));
		out->offset = it->off;
		if (it->off == it->len)
			return cpio_stop(it, 0, false);
		if ((err = cpio_locate(it, out, &next)) < 0)
			return cpio_stop(it, err, false);
		it->off = next;
		err = cpio_check_name(out);
		if (err < 0)
			return err;
		if (err == 1)
			continue; /* the root: nothing to create */
		if (strcmp(out->name, CPIO_TRAILER) == 0 &&
		    out->name == out->raw_name)
			return cpio_stop(it, 0, true);
		if (out->has_crc && !cpio_crc_ok(out))
			return -EBADMSG;
		return 1;
	}
}
