/*
 * fs/cpio.h: a parser of cpio archives in the "newc" format (fs/cpio.c),
 * the format of Linux's initramfs and of `cpio -o -H newc`.
 *
 * An entry is a 110-byte header (the magic "070701", or "070702" when the
 * check field holds the sum of the data bytes, then 13 fields of 8 hex
 * digits), the name (namesize bytes, NUL included) padded so that header
 * and name end 4-byte aligned, then the data padded to 4 bytes.  The entry
 * named "TRAILER!!!" ends the archive; what follows it (tools pad to 512
 * bytes) is ignored.
 *
 * The archive is untrusted: every length is checked against the bytes
 * left, and names are normalised so that a caller creating the entries
 * under a directory never leaves it.  Pure code: no allocation, no state
 * outside the iterator; unit-tested on the host and fuzzed.
 */
#pragma once
#include "kernel/types.h"

#define CPIO_HDR_SIZE	110
#define CPIO_NAME_MAX	4096	/* longest namesize (NUL included), PATH_MAX */
#define CPIO_TRAILER	"TRAILER!!!"

/* One archive member.  Pointers point into the archive. */
struct cpio_entry {
	const char	*name;		/* normalised, NUL-terminated */
	size_t		 name_len;	/* strlen(name) */
	const char	*raw_name;	/* as stored, for messages: may lack */
	size_t		 raw_len;	/*   a NUL, so print raw_len bytes */
	const uint8_t	*data;		/* the file's bytes or symlink target */
	size_t		 size;		/* filesize */
	size_t		 offset;	/* of the header in the archive */
	uint32_t	 ino, mode, uid, gid, nlink, mtime;
	uint32_t	 devmajor, devminor;	/* the device holding it */
	uint32_t	 rdevmajor, rdevminor;	/* device nodes */
	uint32_t	 check;		/* 070702: sum of the data bytes */
	bool		 has_crc;	/* magic 070702 (check verified) */
};

/* Iterator state: set up by cpio_init(), advanced by cpio_next(). */
struct cpio_iter {
	const uint8_t	*base;
	size_t		 len;
	size_t		 off;		/* next header */
	bool		 stopped;	/* nothing more can be read */
	bool		 trailer;	/* it stopped at the trailer */
	int		 error;		/* the error that stopped it, or 0 */
};

/* cpio_init - start iterating over the @len bytes at @archive. */
void	cpio_init(struct cpio_iter *it, const void *archive, size_t len);

/*
 * cpio_next - read the next entry into *@out.  Returns
 *   1	an entry: out->name is safe to create below a directory;
 *   0	the end: it->trailer tells whether it was the trailer or the data
 *	ran out exactly at a header boundary (no trailer); every later
 *	call returns 0 too;
 *  <0	an error.  If cpio_stopped(@it) is false the entry was skipped and
 *	parsing continues with the next call; out->offset and out->raw_name
 *	describe it.  Entry errors: -EINVAL (namesize 0, name without its
 *	NUL or with a NUL inside, empty name), -ENAMETOOLONG (namesize above
 *	CPIO_NAME_MAX), -EPERM (a ".." component), -EBADMSG (070702
 *	checksum mismatch).  If cpio_stopped(@it) is true the archive is
 *	broken at out->offset and the next entry cannot be found: -EINVAL
 *	(bad magic or hex digit), -EOVERFLOW (header, name or data runs past
 *	the end).  A stopping error is returned once; later calls return 0
 *	and it->error keeps it.
 * Names: leading "/" and "./" are removed ("/x", "./x" and "x" are all
 * "x"); an entry naming the root ("." or "/") is skipped silently.
 * Context: pure.
 */
int	cpio_next(struct cpio_iter *it, struct cpio_entry *out);

/* cpio_stopped - whether @it can read no further entry. */
static inline bool
cpio_stopped(const struct cpio_iter *it)
{
	return it->stopped;
}
