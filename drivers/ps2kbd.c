/*
 * drivers/ps2kbd.c: the PS/2 keyboard on the first port of an 8042.
 *
 * The keyboard is left in its power-on scancode set 2 and the controller
 * translates it to set 1, the combination every PC firmware uses; the
 * bytes go through drivers/keymap.c to the input queue.  Lock-key LEDs are
 * set from the interrupt handler without waiting for the keyboard: the
 * Set LEDs command and its mask byte each wait for an ACK that arrives as
 * a later interrupt.
 *
 * Locks: [b] boot only, before IRQ 1 is registered; [q] the IRQ 1 handler
 * (interrupts off, one CPU takes IRQ 1).
 */
#include "arch/x86_64/io.h"
#include "drivers/acpi.h"
#include "drivers/input.h"
#include "drivers/keymap.h"
#include "drivers/ps2kbd.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

#define PS2_DATA		0x60
#define PS2_STATUS		0x64	/* read */
#define PS2_COMMAND		0x64	/* write */

#define STATUS_OUT_FULL		0x01	/* a byte waits at PS2_DATA */
#define STATUS_IN_FULL		0x02	/* the controller has not taken ours */
#define STATUS_AUX		0x20	/* the waiting byte is from port 2 */

#define CTL_READ_CONFIG		0x20
#define CTL_WRITE_CONFIG	0x60
#define CTL_DISABLE_PORT2	0xa7
#define CTL_SELF_TEST		0xaa	/* answers 0x55 */
#define CTL_TEST_PORT1		0xab	/* answers 0x00 */
#define CTL_DISABLE_PORT1	0xad
#define CTL_ENABLE_PORT1	0xae
#define CTL_SELF_TEST_OK	0x55
#define CTL_PORT_TEST_OK	0x00

#define CFG_PORT1_IRQ		0x01
#define CFG_PORT2_IRQ		0x02
#define CFG_PORT1_CLOCK_OFF	0x10
#define CFG_TRANSLATE		0x40	/* set 2 from the keyboard -> set 1 */

#define KBD_SET_LEDS		0xed
#define KBD_ENABLE_SCAN		0xf4
#define KBD_RESET		0xff
#define KBD_ACK			0xfa
#define KBD_RESEND		0xfe
#define KBD_BAT_OK		0xaa	/* the power-on self-test passed */
#define KBD_BAT_FAIL1		0xfc
#define KBD_BAT_FAIL2		0xfd

#define ACPI_BOOT_ARCH_8042	0x0002	/* FADT IA-PC boot flags, bit 1 */

#define PS2_SPINS	100000u	/* status polls before a command times out */
#define PS2_RESET_SPINS	(20 * PS2_SPINS) /* a keyboard self-test: ~0.5 s */
#define PS2_IRQ_SPINS	1000u	/* in the handler: the 8042 is quick */
#define PS2_MAX_BYTES	32	/* stray bytes skipped; bytes per IRQ */
#define PS2_RETRIES	3	/* resends of a byte the keyboard NAKed */

enum led_state {
	LED_IDLE,
	LED_SENT_CMD,		/* 0xED sent, waiting for its ACK */
	LED_SENT_MASK,		/* the mask sent, waiting for its ACK */
};

static struct keymap kbd_keymap;	/* [q] */
static enum led_state led_state;	/* [q] */
static uint8_t led_mask;		/* [q] LED bits to send */
static uint8_t led_last;		/* [q] last byte sent, for a resend */
static unsigned int led_resends;	/* [q] */
static bool led_pending;		/* [q] changed again while sending */

/* ctl_wait - poll until the status bits @mask equal @want.  0 or -EIO. */
static int
ctl_wait(uint8_t mask, uint8_t want, unsigned int spins)
{
	for (unsigned int i = 0; i < spins; i++) {
		if ((inb(PS2_STATUS) & mask) == want)
			return 0;
		io_wait();
	}
	return -EIO;
}

/* ctl_command - send a command byte to the controller.  0 or -EIO. */
static int
ctl_command(uint8_t cmd)
{
	if (ctl_wait(STATUS_IN_FULL, 0, PS2_SPINS) < 0)
		return -EIO;
	outb(PS2_COMMAND, cmd);
	return 0;
}

/*
 * ctl_write_data - send @v to the data port: to the keyboard, or as the
 * argument of a controller command.  0 or -EIO.
 */
static int
ctl_write_data(uint8_t v, unsigned int spins)
{
	if (ctl_wait(STATUS_IN_FULL, 0, spins) < 0)
		return -EIO;
	outb(PS2_DATA, v);
	return 0;
}

/* ctl_read_data - wait for a byte from the data port.  0 or -EIO. */
static int
ctl_read_data(uint8_t *v, unsigned int spins)
{
	if (ctl_wait(STATUS_OUT_FULL, STATUS_OUT_FULL, spins) < 0)
		return -EIO;
	*v = inb(PS2_DATA);
	return 0;
}

/* ctl_flush - drop the bytes waiting in the output buffer (a few at most). */
static void
ctl_flush(void)
{
	for (int i = 0; i < PS2_MAX_BYTES; i++) {
		if (!(inb(PS2_STATUS) & STATUS_OUT_FULL))
			return;
		(void)inb(PS2_DATA);
		io_wait();
	}
}

/* ctl_query - send controller command @cmd and read its one-byte answer. */
static int
ctl_query(uint8_t cmd, uint8_t *reply)
{
	if (ctl_command(cmd) < 0)
		return -EIO;
	return ctl_read_data(reply, PS2_SPINS);
}

/* ctl_write_config - set the controller's configuration byte.  0 or -EIO. */
static int
ctl_write_config(uint8_t cfg)
{
	if (ctl_command(CTL_WRITE_CONFIG) < 0)
		return -EIO;
	return ctl_write_data(cfg, PS2_SPINS);
}

/* ctl_check - the controller's and port 1's self-tests.  0 or -ENODEV. */
static int
ctl_check(uint8_t cfg)
{
	uint8_t reply;

	if (ctl_query(CTL_SELF_TEST, &reply) < 0)
		return -EIO;
	if (reply != CTL_SELF_TEST_OK) {
		pr_warn("ps2: 8042 self-test failed (0x%02x)\n", reply);
		return -ENODEV;
	}
	/* Some controllers come out of the self-test reset: write it back. */
	if (ctl_write_config(cfg) < 0 || ctl_query(CTL_TEST_PORT1, &reply) < 0)
		return -EIO;
	if (reply != CTL_PORT_TEST_OK) {
		pr_warn("ps2: 8042 port 1 test failed (0x%02x)\n", reply);
		return -ENODEV;
	}
	return 0;
}

/*
 * ctl_init - quiesce and test the controller, then enable port 1 with its
 * IRQ and translation still off; the configuration byte in *@cfg.
 * Returns 0 or -ENODEV (logged).
 */
static int
ctl_init(uint8_t *cfg)
{
	int err;

	if (ctl_command(CTL_DISABLE_PORT1) < 0 ||
	    ctl_command(CTL_DISABLE_PORT2) < 0)
		goto timeout;
	ctl_flush();
	if (ctl_query(CTL_READ_CONFIG, cfg) < 0)
		goto timeout;
	*cfg &= ~(CFG_PORT1_IRQ | CFG_PORT2_IRQ | CFG_TRANSLATE);
	if (ctl_write_config(*cfg) < 0)
		goto timeout;
	if ((err = ctl_check(*cfg)) == -ENODEV)
		return err;
	if (err < 0 || ctl_command(CTL_ENABLE_PORT1) < 0)
		goto timeout;
	*cfg &= ~CFG_PORT1_CLOCK_OFF;	/* what CTL_ENABLE_PORT1 did */
	return 0;
timeout:
	pr_info("ps2: no 8042 controller (timeout)\n");
	return -ENODEV;
}

/*
 * kbd_command - send @cmd to the keyboard and wait for its ACK, resending
 * on a NAK and skipping stray key bytes.  0 or -EIO.
 */
static int
kbd_command(uint8_t cmd)
{
	int resends = 0;
	uint8_t b;

	if (ctl_write_data(cmd, PS2_SPINS) < 0)
		return -EIO;
	for (int i = 0; i < PS2_MAX_BYTES; i++) {
		if (ctl_read_data(&b, PS2_SPINS) < 0)
			return -EIO;
		if (b == KBD_ACK)
			return 0;
		if (b != KBD_RESEND)
			continue;
		if (++resends > PS2_RETRIES ||
		    ctl_write_data(cmd, PS2_SPINS) < 0)
			return -EIO;
	}
	return -EIO;
}

/*
 * kbd_reset - reset the keyboard: it ACKs, runs its self-test and reports
 * 0xAA (some send the two in the other order).  0 or -EIO.
 */
static int
kbd_reset(void)
{
	bool acked = false, passed = false;
	uint8_t b;

	if (ctl_write_data(KBD_RESET, PS2_SPINS) < 0)
		return -EIO;
	for (int i = 0; i < PS2_MAX_BYTES && !(acked && passed); i++) {
		if (ctl_read_data(&b, PS2_RESET_SPINS) < 0)
			return -EIO;
		if (b == KBD_ACK)
			acked = true;
		else if (b == KBD_BAT_OK)
			passed = true;
		else if (b == KBD_BAT_FAIL1 || b == KBD_BAT_FAIL2)
			return -EIO;
		else if (b == KBD_RESEND &&
			 ctl_write_data(KBD_RESET, PS2_SPINS) < 0)
			return -EIO;
	}
	return acked && passed ? 0 : -EIO;
}

/* led_write - send one byte of an LED update from the IRQ handler. */
static void
led_write(uint8_t v)
{
	if (ctl_write_data(v, PS2_IRQ_SPINS) < 0) {
		led_state = LED_IDLE;	/* the controller is stuck: give up */
		return;
	}
	led_last = v;
}

/* led_start - begin sending @leds to the keyboard, or queue them. */
static void
led_start(uint8_t leds)
{
	led_mask = leds;
	if (led_state == LED_SENT_MASK)
		led_pending = true;
	if (led_state != LED_IDLE)
		return;		/* LED_SENT_CMD: the new mask goes next */
	led_state = LED_SENT_CMD;
	led_resends = 0;
	led_write(KBD_SET_LEDS);
}

/*
 * led_reply - handle @b if it answers an LED update under way.  Returns
 * whether it did; a key byte instead of the ACK abandons the update.
 */
static bool
led_reply(uint8_t b)
{
	if (led_state == LED_IDLE)
		return false;
	if (b == KBD_RESEND) {
		if (led_resends++ < PS2_RETRIES)
			led_write(led_last);
		else
			led_state = LED_IDLE;
		return true;
	}
	if (b != KBD_ACK) {
		led_state = LED_IDLE;
		return false;
	}
	if (led_state == LED_SENT_CMD) {
		led_state = LED_SENT_MASK;
		led_resends = 0;
		led_write(led_mask);
		return true;
	}
	led_state = LED_IDLE;
	if (led_pending) {
		led_pending = false;
		led_start(led_mask);
	}
	return true;
}

/* kbd_byte - one byte from the keyboard: decode, queue, update LEDs. */
static void
kbd_byte(uint8_t b)
{
	char out[KEYMAP_OUT_MAX];
	uint8_t leds;
	size_t n;

	if (led_reply(b))
		return;
	n = keymap_feed(&kbd_keymap, b, out);
	if (n > 0)
		input_push(INPUT_KEYBOARD, out, n);
	if (keymap_led_update(&kbd_keymap, &leds))
		led_start(leds);
}

/* ps2kbd_irq - IRQ 1: take every byte the controller holds. */
static void
ps2kbd_irq(unsigned int irq, void *arg)
{
	uint8_t status, b;

	(void)irq;
	(void)arg;
	for (int i = 0; i < PS2_MAX_BYTES; i++) {
		status = inb(PS2_STATUS);
		if (!(status & STATUS_OUT_FULL))
			return;
		b = inb(PS2_DATA);
		if (!(status & STATUS_AUX))	/* port 2 is off; drop it */
			kbd_byte(b);
	}
}

/*
 * ps2kbd_enable_irq - translation on, then IRQ 1, then the port's
 * interrupt: a byte that arrives in between raises the IRQ line once the
 * interrupt is enabled, so none is stranded.  0 or an error (logged).
 */
static int
ps2kbd_enable_irq(uint8_t cfg)
{
	int err;

	cfg |= CFG_TRANSLATE;
	if (ctl_write_config(cfg) < 0)
		goto timeout;
	err = irq_register(1, "i8042", ps2kbd_irq, NULL);
	if (err < 0) {
		pr_err("ps2: cannot register IRQ 1 (%d)\n", err);
		return err;
	}
	ctl_flush();
	if (ctl_write_config(cfg | CFG_PORT1_IRQ) < 0) {
		irq_free(1, ps2kbd_irq, NULL);
		goto timeout;
	}
	return 0;
timeout:
	pr_warn("ps2: 8042 stopped answering\n");
	return -EIO;
}

/* ps2kbd_init - see ps2kbd.h.  Context: boot, interrupts off. */
int
ps2kbd_init(void)
{
	uint8_t cfg;
	int err;

	/* A hint only: old FADTs leave the flag 0, and some firmware lies. */
	if (acpi.revision >= 2 && acpi.has_fadt &&
	    !(acpi.boot_arch_flags & ACPI_BOOT_ARCH_8042))
		pr_info("ps2: ACPI reports no 8042; probing anyway\n");
	keymap_init(&kbd_keymap);
	if ((err = ctl_init(&cfg)) < 0)
		return err;
	if (kbd_reset() < 0) {
		pr_info("ps2: no keyboard on port 1 (reset failed)\n");
		return -ENODEV;
	}
	if (kbd_command(KBD_ENABLE_SCAN) < 0) {
		pr_warn("ps2: keyboard refused to enable scanning\n");
		return -EIO;
	}
	if ((err = ps2kbd_enable_irq(cfg)) < 0)
		return err;
	pr_info("ps2: keyboard on IRQ 1 (scancode set 2, translated)\n");
	return 0;
}
