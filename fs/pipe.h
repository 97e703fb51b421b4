/*
 * fs/pipe.h: pipes and FIFOs (fs/pipe.c).
 *
 * A pipe is a 64 KiB ring of bytes with a count of the files that read
 * from it and of those that write to it.  pipe(2) makes one on a pseudo
 * inode (S_IFIFO, so fstat says FIFO and lseek says ESPIPE); a FIFO made
 * by mknod(2) gets one when it is first opened and loses it when the last
 * file open on it is closed (the bytes still in it go too).
 *
 * Reads return what is there (at most the length asked for), wait while
 * the pipe is empty and has writers, and return 0 (end of file) when it
 * is empty and has none.  Writes of at most PIPE_BUF bytes are atomic:
 * they wait until they fit whole; longer ones may be split around other
 * writers' data.  A write to a pipe with no readers raises SIGPIPE and
 * fails with -EPIPE.  With O_NONBLOCK nothing waits: -EAGAIN instead.
 * Waits end early with -EINTR when a signal is pending.  ioctl FIONREAD
 * gives the bytes buffered; lseek, pread and pwrite fail with -ESPIPE.
 */
#pragma once
#include "kernel/types.h"

struct file;
struct file_ops;

#define PIPE_BUF	4096		/* atomic write size (POSIX, Linux) */
#define PIPE_SIZE	(64u * 1024)	/* capacity, as Linux's default */

/*
 * pipe_create - a new anonymous pipe: *@rd reads from it (O_RDONLY) and
 * *@wr writes to it (O_WRONLY), both with the O_NONBLOCK of @flags and
 * one reference each.  Returns 0 or -ENOMEM.  Context: thread; may sleep.
 */
int	pipe_create(unsigned int flags, struct file **rd, struct file **wr);

/*
 * The operations of a FIFO inode (S_IFIFO on a real filesystem): open
 * attaches the file to the inode's pipe, making it if needed.  Opening
 * O_RDONLY waits for a writer, O_WRONLY for a reader (POSIX), unless
 * O_NONBLOCK: then O_RDONLY succeeds at once and O_WRONLY fails with
 * -ENXIO when there is no reader.  O_RDWR never waits.  A signal ends the
 * wait with -EINTR.  fs/file.c gives these ops to every FIFO inode that
 * has none of its own.
 */
extern const struct file_ops fifo_fops;
