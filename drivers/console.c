/*
 * drivers/console.c: the list of output consoles that printk() writes to.
 * Locks: console writes happen under the log's lock (kernel/log.c);
 * registration happens at boot.
 */
#include "drivers/console.h"
#include "kernel/cmdline.h"

static struct console *consoles;
static unsigned int selected = CONSOLE_SERIAL | CONSOLE_SCREEN;

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

/* console_write - see console.h.  Context: any; never sleeps. */
void
console_write(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		if (c->kind & selected)
			c->write(c, s, len);
}
