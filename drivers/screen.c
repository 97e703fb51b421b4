/*
 * drivers/screen.c: the screen console for the kernel log.
 *
 * Picks the backend the boot framebuffer calls for (drivers/fbcon.c for a
 * linear RGB framebuffer, drivers/vgacon.c for EGA text mode), owns the
 * one screen VT and its cell grid, and registers the console that feeds
 * printk() output to it.  The grid also lets the tests read the screen
 * back as text (screen_dump_text()).
 *
 * Locks: none here; console_write() serialises the writers.  The state is
 * set once by screen_console_init() at boot: [I] below.
 */
#include "drivers/console.h"
#include "drivers/input.h"
#include "drivers/screen.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"

/* Enough cells for 3840x2160 in 8x16 glyphs; a larger screen uses part. */
#define SCREEN_MAX_COLS		480
#define SCREEN_MAX_ROWS		135
#define SCREEN_MAX_CELLS	(SCREEN_MAX_COLS * SCREEN_MAX_ROWS)

static struct vt_cell screen_cells[SCREEN_MAX_CELLS];
static struct vt screen_vt;
static bool screen_up;			/* [I] a backend is attached */

/* Must not call printk(): it would come back here. */
static void
screen_write(struct console *con __unused, const char *s, size_t len)
{
	vt_write(&screen_vt, s, len);
}

/* screen_reply - the VT answers a query (ESC [ 6 n) as a terminal does:
 * as if typed on the keyboard.  Queued only: tty1's input thread runs
 * it through the line discipline later (its echo writes here again). */
static void
screen_reply(void *ctx __unused, const char *s, size_t len)
{
	input_push(INPUT_KEYBOARD, s, len);
}

/* A terminal's output: its line discipline already turned "\n" into
 * "\r\n" if it should (ONLCR), so a bare "\n" only moves down.  Only a
 * program's queries are answered, never escapes in the kernel log. */
static void
screen_write_raw(struct console *con __unused, const char *s, size_t len)
{
	screen_vt.crlf = false;
	screen_vt.reply = screen_reply;
	vt_write(&screen_vt, s, len);
	screen_vt.reply = NULL;
	screen_vt.crlf = true;
}

static struct console screen_console = {
	.name = "screen",
	.kind = CONSOLE_SCREEN,
	.write = screen_write,
	.write_raw = screen_write_raw,
};

/*
 * screen_console_init - attach fbcon or vgacon for @fb, clear the screen
 * and register the screen console.  Returns 0; -ENODEV if @fb is NULL or
 * unusable; -EBUSY if a screen console is already registered.
 * Context: boot, once; does not print.
 */
int
screen_console_init(const struct boot_framebuffer *fb)
{
	int err;

	if (fb == NULL)
		return -ENODEV;
	if (screen_up)
		return -EBUSY;
	if (fb->type == BOOT_FB_RGB) {
		err = fbcon_setup(fb, &screen_vt, screen_cells,
				  ARRAY_SIZE(screen_cells));
		screen_console.name = "fbcon";
	} else if (fb->type == BOOT_FB_EGA_TEXT) {
		err = vgacon_setup(fb, &screen_vt, screen_cells,
				   ARRAY_SIZE(screen_cells));
		screen_console.name = "vgacon";
	} else {
		err = -ENODEV;		/* indexed colour: not supported */
	}
	if (err < 0)
		return err;
	vt_clear(&screen_vt);
	screen_up = true;
	console_register(&screen_console);
	return 0;
}

/* screen_read_chars - see console.h. */
size_t
screen_read_chars(char *buf, size_t off, size_t len)
{
	size_t cells, n;

	if (!screen_up)
		return 0;
	cells = (size_t)screen_vt.cols * screen_vt.rows;
	if (off >= cells)
		return 0;
	n = MIN(len, cells - off);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)screen_vt.cells[off + i].ch;
	return n;
}

/* screen_size - see console.h. */
bool
screen_size(unsigned int *cols, unsigned int *rows)
{
	if (!screen_up)
		return false;
	*cols = screen_vt.cols;
	*rows = screen_vt.rows;
	return true;
}

/*
 * screen_dump_text - the visible screen text; see console.h.  Returns the
 * bytes written to @buf, not counting the NUL; 0 with no screen console.
 * Context: any; the caller keeps console writers out meanwhile.
 */
size_t
screen_dump_text(char *buf, size_t len)
{
	if (!screen_up) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	return vt_dump_text(&screen_vt, buf, len);
}
