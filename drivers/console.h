/*
 * drivers/console.h: output consoles for the kernel log.
 *
 * A console driver fills a struct console and registers it; printk() writes
 * to every registered console whose kind is selected by console= on the
 * command line.  Write routines must work in any context (interrupts off,
 * panic) and must not sleep or allocate.
 */
#pragma once
#include "kernel/types.h"

struct console {
	const char *name;
	unsigned int kind;	/* CONSOLE_SERIAL or CONSOLE_SCREEN (cmdline.h) */
	/* write @len bytes; '\n' means newline (the driver adds '\r'). */
	void	(*write)(struct console *con, const char *s, size_t len);
	struct console *next;
};

/* console_register - add @con to the list printk() writes to. */
void	console_register(struct console *con);

/* console_select - only consoles whose kind is in @mask get output. */
void	console_select(unsigned int mask);

/* console_write - write to every selected console. */
void	console_write(const char *s, size_t len);

/* Early drivers, set up by kmain() in this order. */
void	serial_init(void);			/* drivers/serial.c: COM1 */

/*
 * serial_enable_rx - queue bytes received on COM1 for INPUT_SERIAL
 * (drivers/input.h), raw, through IRQ 4.  Returns 0, -ENODEV without a
 * UART, or irq_register()'s error.  Context: boot, interrupts off, after
 * the interrupt controllers are up.  drivers/serial.c.
 */
int	serial_enable_rx(void);

struct boot_framebuffer;
/*
 * screen_console_init - register the framebuffer console for a graphics
 * framebuffer, or the VGA text console when GRUB reports EGA text mode
 * (only then is 0xB8000 touched).  Returns 0, or -ENODEV when there is no
 * usable screen (the framebuffer is not in the early direct map, or has an
 * unsupported depth), -EBUSY if called twice.  drivers/screen.c, with
 * drivers/fbcon.c and drivers/vgacon.c.
 */
int	screen_console_init(const struct boot_framebuffer *fb);

/*
 * screen_dump_text - the text now on the screen console, for tests: one
 * line per text row, rows separated by '\n' (none after the last), trailing
 * spaces trimmed.  Writes at most @len - 1 bytes and a NUL (if @len > 0)
 * to @buf; returns the bytes written, not counting the NUL, and 0 when
 * there is no screen console.  Context: any, with no console write under
 * way.  drivers/screen.c.
 */
size_t	screen_dump_text(char *buf, size_t len);
