/*
 * tests/kernel/input_test.c: the input queue, and an echo mode for the
 * keyboard and serial drivers.
 *
 * input_echo (manual: test=input_echo) prints `input: ready`, then every
 * chunk of input as `input: kbd "..."` or `input: serial "..."` with
 * bytes outside printable ASCII shown as \xNN (Up is \x1b[A).  The boot
 * test runner types with QEMU's sendkey and writes to the serial line,
 * then reads these lines back.  The mode ends once both sources have
 * delivered a '.', or after INPUT_ECHO_WAKEUPS idle waits.
 */
#include "arch/arch.h"
#include "drivers/input.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define INPUT_ECHO_WAKEUPS	20000
#define INPUT_ECHO_CHUNK	32
#define INPUT_RING_BYTES	4096	/* drivers/input.c */

static const char *const source_name[INPUT_SOURCES] = {
	[INPUT_KEYBOARD] = "kbd",
	[INPUT_SERIAL] = "serial",
};

/*
 * escape - @len bytes of @in into @out as printable ASCII and \xNN,
 * NUL-terminated; @out holds 4 * @len + 1 bytes.
 */
static void
escape(const char *in, size_t len, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c >= 0x20 && c < 0x7f) {
			*out++ = (char)c;
			continue;
		}
		*out++ = '\\';
		*out++ = 'x';
		*out++ = hex[c >> 4];
		*out++ = hex[c & 0xf];
	}
	*out = '\0';
}

/* echo_chunk - log what @src delivered; note whether it held a '.'. */
static void
echo_chunk(enum input_source src, const char *buf, size_t len, bool *dot)
{
	char text[4 * INPUT_ECHO_CHUNK + 1];

	escape(buf, len, text);
	pr_info("input: %s \"%s\"\n", source_name[src], text);
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '.')
			*dot = true;
}

/* Type on the keyboard and the serial line; see the top of the file. */
KTEST_F(input_echo, KTEST_MANUAL)
{
	char buf[INPUT_SOURCES][INPUT_ECHO_CHUNK];
	size_t len[INPUT_SOURCES];
	bool dot[INPUT_SOURCES] = {false, false};
	int wakeups = 0;

	/* The terminals' input thread drains the queues when notified: stop
	 * the notifications so that this test sees every byte itself. */
	input_set_notify(INPUT_KEYBOARD, NULL);
	input_set_notify(INPUT_SERIAL, NULL);
	arch_irq_enable();
	pr_info("input: ready\n");
	while (!(dot[INPUT_KEYBOARD] && dot[INPUT_SERIAL]) &&
	       wakeups < INPUT_ECHO_WAKEUPS) {
		/*
		 * Read with interrupts off: "nothing queued" then stays true
		 * until the wait, which enables them and halts in one step.
		 */
		arch_irq_disable();
		len[INPUT_KEYBOARD] = input_read(INPUT_KEYBOARD,
						 buf[INPUT_KEYBOARD],
						 INPUT_ECHO_CHUNK);
		len[INPUT_SERIAL] = input_read(INPUT_SERIAL,
					       buf[INPUT_SERIAL],
					       INPUT_ECHO_CHUNK);
		if (len[INPUT_KEYBOARD] == 0 && len[INPUT_SERIAL] == 0) {
			arch_wait_for_interrupt();
			wakeups++;
			continue;
		}
		arch_irq_enable();	/* print with input still arriving */
		for (int s = 0; s < INPUT_SOURCES; s++)
			if (len[s] > 0)
				echo_chunk(s, buf[s], len[s], &dot[s]);
	}
	arch_irq_disable();
	pr_info("input: done (%s)\n", wakeups < INPUT_ECHO_WAKEUPS ?
					     "saw '.' on both" : "timeout");
	KEXPECT(wakeups < INPUT_ECHO_WAKEUPS);
}

/* The ring keeps order, drops and counts what does not fit. */
KTEST(input_ring_drops_when_full)
{
	static char in[INPUT_RING_BYTES + 100], out[INPUT_RING_BYTES + 100];
	unsigned long flags = arch_irq_save();	/* no real key may interleave */
	uint64_t dropped;
	char junk[64];

	while (input_read(INPUT_SERIAL, junk, sizeof(junk)) > 0)
		;
	dropped = input_dropped(INPUT_SERIAL);
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7);
	KEXPECT_EQ(input_push(INPUT_SERIAL, in, 100), 100);
	KEXPECT_EQ(input_read(INPUT_SERIAL, out, 60), 60);	/* wrap later */
	KEXPECT_EQ(input_push(INPUT_SERIAL, in + 100, sizeof(in) - 100),
		   INPUT_RING_BYTES - 40);
	KEXPECT_EQ(input_dropped(INPUT_SERIAL) - dropped, 40);
	KEXPECT_EQ(input_read(INPUT_SERIAL, out + 60, sizeof(out) - 60),
		   INPUT_RING_BYTES);
	KEXPECT(memcmp(in, out, INPUT_RING_BYTES + 60) == 0);
	KEXPECT_EQ(input_read(INPUT_SERIAL, out, 1), 0);
	KEXPECT_EQ(input_push(INPUT_SOURCES, in, 1), 0);	/* bad source */
	arch_irq_restore(flags);
}
