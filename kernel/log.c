/*
 * kernel/log.c: printk() and the kernel log ring.
 *
 * Each message is formatted once, prefixed with a timestamp, appended to a
 * 64 KiB ring (the oldest bytes are overwritten) and, if its level passes
 * the console log level, written to the consoles.  The ring later feeds
 * dmesg and /dev/kmsg.
 *
 * Locks: log_lock (a spinlock: interrupts off inside) covers the ring and
 * the console writes, so lines from different threads and interrupt
 * handlers never interleave.  After a panic has begun, printk no longer
 * takes it: the panicking code may have been holding it.
 */
#include "drivers/console.h"
#include "kernel/format.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

#define LOG_RING_SIZE	65536		/* a power of two */
#define LOG_LINE_MAX	512

static char log_ring[LOG_RING_SIZE];
static uint64_t log_head;		/* bytes ever written */
static int console_level = 7;		/* LOG_DEBUG is hidden by default */
static uint64_t (*log_clock)(void);
static bool at_line_start = true;
static struct spinlock log_lock = SPINLOCK_INIT("log");
static bool lockless;			/* a panic is in progress */

/* log_append - copy @len bytes into the ring. */
static void
log_append(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_ring[(log_head + i) & (LOG_RING_SIZE - 1)] = s[i];
	log_head += len;
}

/* log_prefix - "[    1.234567] " for the start of a line. */
static size_t
log_prefix(char *buf, size_t size)
{
	uint64_t ns = log_clock ? log_clock() : 0;

	return (size_t)ksnprintf(buf, size, "[%5lu.%06lu] ",
				 (unsigned long)(ns / 1000000000u),
				 (unsigned long)(ns % 1000000000u / 1000u));
}

/*
 * vprintk - log one message; see printk.h.  A message may hold several
 * lines; each gets its own timestamp.  Returns the bytes logged.
 * Context: any; never sleeps.
 */
int
vprintk(int level, const char *fmt, va_list ap)
{
	char msg[LOG_LINE_MAX], out[LOG_LINE_MAX + 64];
	size_t len, n = 0;
	int full = kvsnprintf(msg, sizeof(msg), fmt, ap);
	bool locked = !lockless;

	if (locked)
		spin_lock(&log_lock);
	len = strnlen(msg, sizeof(msg));
	for (size_t i = 0; i < len; i++) {
		if (at_line_start && n + 32 < sizeof(out))
			n += log_prefix(out + n, sizeof(out) - n);
		if (n < sizeof(out))
			out[n++] = msg[i];
		at_line_start = msg[i] == '\n';
	}
	if (full >= (int)sizeof(msg) && n < sizeof(out) - 1) {
		out[n++] = '\n';	/* truncated: still end the line */
		at_line_start = true;
	}
	log_append(out, n);
	if (level < console_level)
		console_write(out, n);
	if (locked)
		spin_unlock(&log_lock);
	return (int)n;
}

/* printk - see printk.h.  Context: any; never sleeps. */
int
printk(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(level, fmt, ap);
	va_end(ap);
	return n;
}

/* log_enter_panic - see printk.h.  Context: panic. */
void
log_enter_panic(void)
{
	lockless = true;
	console_enter_panic();
}

/* log_set_console_level - see printk.h.  Context: boot. */
void
log_set_console_level(int level)
{
	console_level = level;
}

/* log_set_clock - see printk.h.  Context: boot. */
void
log_set_clock(uint64_t (*now_ns)(void))
{
	log_clock = now_ns;
}

/* log_size - bytes currently held by the ring.  Context: any. */
size_t
log_size(void)
{
	return log_head < LOG_RING_SIZE ? (size_t)log_head : LOG_RING_SIZE;
}

/*
 * log_read - copy up to @len bytes of the ring, starting @skip bytes after
 * its oldest byte.  Returns the bytes copied.  Context: any.
 */
size_t
log_read(char *buf, size_t len, size_t skip)
{
	size_t held = log_size();
	uint64_t start = log_head - held + skip;

	if (skip >= held)
		return 0;
	len = MIN(len, held - skip);
	for (size_t i = 0; i < len; i++)
		buf[i] = log_ring[(start + i) & (LOG_RING_SIZE - 1)];
	return len;
}

/* log_position - see printk.h.  Context: any. */
uint64_t
log_position(void)
{
	return log_head;
}

/* log_byte - the byte at absolute position @pos (must still be held). */
static char
log_byte(uint64_t pos)
{
	return log_ring[pos & (LOG_RING_SIZE - 1)];
}

/*
 * log_dump - see printk.h.  Unless @from is the very start of the log, the
 * output begins at the first line start at or after it.  Context: any.
 */
void
log_dump(uint64_t from, uint64_t to)
{
	char chunk[128];
	uint64_t oldest = log_head - log_size();
	size_t n;

	from = MAX(from, oldest);
	to = MIN(to, log_head);
	if (from > 0)	/* from == oldest: the byte before it is gone */
		while (from < to &&
		       (from == oldest || log_byte(from - 1) != '\n'))
			from++;
	while (from < to) {
		n = (size_t)MIN((uint64_t)sizeof(chunk), to - from);
		for (size_t i = 0; i < n; i++)
			chunk[i] = log_byte(from + i);
		console_write(chunk, n);
		from += n;
	}
}
