/*
 * drivers/console.c: the list of output consoles that printk() and the
 * terminals write to.
 *
 * Locks: console_lock (a spinlock, interrupts off) serialises every write
 * to a console device, so that a line of the kernel log and a terminal's
 * output never interleave inside one escape sequence.  Lock order: the
 * log's lock and a terminal's lock come before console_lock.  After a
 * panic the lock is no longer taken: the panicking CPU may hold it.
 * Registration happens at boot.
 */
#include "drivers/console.h"
#include "kernel/cmdline.h"
#include "kernel/spinlock.h"

static struct console *consoles;
static unsigned int selected = CONSOLE_SERIAL | CONSOLE_SCREEN;
static struct spinlock console_lock = SPINLOCK_INIT("console");
static bool lockless;

/* console_register - append @con to the list.  Context: boot. */
void
console_register(struct console *con)
{
	struct console **p = &consoles;

	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
}

/* console_select - see console.h.  Context: boot. */
void
console_select(unsigned int mask)
{
	selected = mask;
}

unsigned int
console_selected(void)
{
	return selected;
}

void
console_enter_panic(void)
{
	lockless = true;
}

static void
lock(void)
{
	if (!lockless)
		spin_lock(&console_lock);
}

static void
unlock(void)
{
	if (!lockless)
		spin_unlock(&console_lock);
}

/* console_hold / console_release - keep every console writer out (a
 * reader of the screen's cells).  Context: any; do not sleep between. */
void
console_hold(void)
{
	lock();
}

void
console_release(void)
{
	unlock();
}

/* console_write - see console.h.  Context: any; never sleeps. */
void
console_write(const char *s, size_t len)
{
	lock();
	for (struct console *c = consoles; c; c = c->next)
		if (c->kind & selected)
			c->write(c, s, len);
	unlock();
}

/* console_write_raw - see console.h.  Context: any; never sleeps. */
void
console_write_raw(unsigned int kinds, const char *s, size_t len)
{
	lock();
	for (struct console *c = consoles; c; c = c->next)
		if ((c->kind & kinds) && c->write_raw)
			c->write_raw(c, s, len);
	unlock();
}
