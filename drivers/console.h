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
	/* write @len bytes as they are ('\n' only moves down): a terminal's
	 * output, already processed by its line discipline */
	void	(*write_raw)(struct console *con, const char *s, size_t len);
	struct console *next;
};

/* console_register - add @con to the list printk() writes to. */
void	console_register(struct console *con);

/* console_select - only consoles whose kind is in @mask get output. */
void	console_select(unsigned int mask);

/* console_selected - the kinds selected for the kernel log (console=). */
unsigned int console_selected(void);

/* console_write - write to every selected console.  Context: any. */
void	console_write(const char *s, size_t len);

/*
 * console_write_raw - write @len bytes unchanged to every registered
 * console of a kind in @kinds, selected for the kernel log or not (a
 * terminal's output: drivers/tty.c).  Context: any; never sleeps.
 */
void	console_write_raw(unsigned int kinds, const char *s, size_t len);

/* console_hold / console_release - keep every console writer out while
 * the screen is read (drivers/vcs.c). */
void	console_hold(void);
void	console_release(void);

/* console_enter_panic - stop taking the console lock (the panicking CPU
 * may hold it).  Context: panic. */
void	console_enter_panic(void);

/* Early drivers, set up by kmain() in this order. */
void	serial_init(void);			/* drivers/serial.c: COM1 */

/* serial_present - whether a UART answered at COM1 (drivers/serial.c). */
bool	serial_present(void);

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
 * screen_read_chars - copy the characters of the screen's cells, row by
 * row with no line ends (Linux's /dev/vcs format), from cell @off on, at
 * most @len.  Returns how many (0 past the end or with no screen).
 * Context: console_hold() held.  drivers/screen.c.
 */
size_t	screen_read_chars(char *buf, size_t off, size_t len);

/* screen_size - the screen console's text size; false when there is
 * none.  drivers/screen.c. */
bool	screen_size(unsigned int *cols, unsigned int *rows);

/*
 * screen_dump_text - the text now on the screen console, for tests: one
 * line per text row, rows separated by '\n' (none after the last), trailing
 * spaces trimmed.  Writes at most @len - 1 bytes and a NUL (if @len > 0)
 * to @buf; returns the bytes written, not counting the NUL, and 0 when
 * there is no screen console.  Context: any, with no console write under
 * way.  drivers/screen.c.
 */
size_t	screen_dump_text(char *buf, size_t len);
