/*
 * fs/initrd.h: the initial RAM disk (fs/initrd.c).
 *
 * The boot loader loads a cpio "newc" archive (build/initrd.cpio) as a
 * Multiboot2 module; at boot its entries are created in the root
 * filesystem (tmpfs) through the VFS, and the module's frames are then
 * given back to the frame allocator.  The archive is untrusted: a bad
 * entry is logged and skipped, a broken header ends the unpacking, and
 * nothing is ever created outside the root (fs/cpio.h normalises names).
 */
#pragma once
#include "kernel/types.h"

struct initrd_stats {
	size_t	 entries;	/* members seen (the root entry excluded) */
	size_t	 files;		/* regular files, hard links included */
	size_t	 dirs;
	size_t	 symlinks;
	size_t	 nodes;		/* device nodes, FIFOs, sockets */
	size_t	 skipped;	/* entries logged and not created */
	uint64_t bytes;		/* file data written */
	bool	 complete;	/* the archive ended with its trailer */
};

/*
 * initrd_unpack - create the entries of the cpio archive of @len bytes at
 * @archive relative to the root directory, and fill *@st.  Logs one line
 * per skipped entry and a summary line.  Returns 0 when the archive was
 * read to its end (entries may have been skipped), the fs/cpio.h error
 * that stopped it early (-EINVAL, -EOVERFLOW), or -ENOMEM.
 * Context: thread (after vfs_init); sleeps.  Never panics.
 */
int	initrd_unpack(const void *archive, size_t len, struct initrd_stats *st);

/*
 * initrd_init - unpack the boot module named "initrd" (else the first
 * module, if any) with initrd_unpack(), then release the module's frames
 * with pmm_release_boot_range(): the module must not be used afterwards.
 * Context: boot thread, after vfs_init(); sleeps.
 */
void	initrd_init(void);
