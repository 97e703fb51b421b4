/*
 * drivers/input.c: the console input queue (drivers/input.h).
 *
 * One 4 KiB ring per source.  Drivers push from their interrupt handlers;
 * readers take bytes with interrupts on or off.  The indices are updated
 * with interrupts disabled, which is enough on one CPU.
 * FIXME: with more CPUs the ring needs a spinlock (the scheduler work).
 *
 * Locks: [i] interrupts disabled, [a] atomic (a single aligned store).
 */
#include "arch/arch.h"
#include "drivers/input.h"

#define INPUT_RING_SIZE	4096u	/* a power of two: indices wrap freely */

struct input_ring {
	char	 buf[INPUT_RING_SIZE];	/* [i] */
	uint32_t head;			/* [i] bytes ever pushed */
	uint32_t tail;			/* [i] bytes ever read */
	uint64_t dropped;		/* [i] bytes refused: ring full */
	void	(*notify)(enum input_source);	/* [a] one pointer store */
};

static struct input_ring rings[INPUT_SOURCES];

/* ring_put - copy what fits of @bytes into @r.  Returns bytes taken. */
static size_t
ring_put(struct input_ring *r, const char *bytes, size_t len)
{
	size_t room = INPUT_RING_SIZE - (r->head - r->tail);
	size_t n = MIN(len, room);

	for (size_t i = 0; i < n; i++)
		r->buf[(r->head + i) % INPUT_RING_SIZE] = bytes[i];
	r->head += (uint32_t)n;
	r->dropped += len - n;
	return n;
}

/*
 * input_push - see input.h.  Bytes beyond the free space are dropped and
 * counted.  Calls the notify function, if any, when bytes were queued.
 * Context: interrupt (or any, with interrupts on or off); never sleeps.
 */
size_t
input_push(enum input_source src, const char *bytes, size_t len)
{
	struct input_ring *r;
	unsigned long flags;
	size_t n;

	if ((unsigned int)src >= INPUT_SOURCES)
		return 0;
	r = &rings[src];
	flags = arch_irq_save();
	n = ring_put(r, bytes, len);
	arch_irq_restore(flags);
	if (n > 0 && r->notify)
		r->notify(src);
	return n;
}

/*
 * input_read - see input.h.  Never waits: returns 0 when nothing is
 * queued (or @src is not a source).  Context: any; never sleeps.
 */
size_t
input_read(enum input_source src, char *buf, size_t len)
{
	struct input_ring *r;
	unsigned long flags;
	size_t n;

	if ((unsigned int)src >= INPUT_SOURCES)
		return 0;
	r = &rings[src];
	flags = arch_irq_save();
	n = MIN(len, (size_t)(r->head - r->tail));
	for (size_t i = 0; i < n; i++)
		buf[i] = r->buf[(r->tail + i) % INPUT_RING_SIZE];
	r->tail += (uint32_t)n;
	arch_irq_restore(flags);
	return n;
}

/*
 * input_set_notify - see input.h.  @fn may be NULL (no notification).
 * Context: any.
 */
void
input_set_notify(enum input_source src, void (*fn)(enum input_source))
{
	if ((unsigned int)src < INPUT_SOURCES)
		rings[src].notify = fn;
}

/* input_dropped - see input.h.  0 for a bad @src.  Context: any. */
uint64_t
input_dropped(enum input_source src)
{
	unsigned long flags;
	uint64_t n;

	if ((unsigned int)src >= INPUT_SOURCES)
		return 0;
	flags = arch_irq_save();
	n = rings[src].dropped;
	arch_irq_restore(flags);
	return n;
}
