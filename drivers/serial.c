/*
 * drivers/serial.c: the COM1 16550 UART as an output console and an input
 * source.
 *
 * 115200 baud 8N1, polled transmit.  Received bytes raise IRQ 4 once
 * serial_enable_rx() has run; they go raw to the input queue
 * (INPUT_SERIAL), where the TTY layer applies its own translations.
 */
#include "arch/x86_64/io.h"
#include "drivers/console.h"
#include "drivers/input.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

#define COM1		0x3f8
#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_SCRATCH	7
#define IER_RX_AVAIL	0x01	/* interrupt: received data available */
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define SPIN_LIMIT	100000	/* a missing UART must not hang the kernel */
#define COM1_IRQ	4
#define RX_CHUNK	16	/* the 16550's FIFO depth */
#define RX_MAX_BYTES	256	/* per interrupt, should the UART babble */

static bool uart_found;		/* set once by serial_init() */

/* serial_putc - send one byte, waiting (boundedly) for the transmitter. */
static void
serial_putc(char c)
{
	for (int i = 0; i < SPIN_LIMIT; i++)
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

static void
serial_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static void
serial_write_raw(struct console *con, const char *s, size_t len)
{
	(void)con;
	for (size_t i = 0; i < len; i++)
		serial_putc(s[i]);
}

static struct console serial_console = {
	.name = "ttyS0",
	.kind = CONSOLE_SERIAL,
	.write = serial_write,
	.write_raw = serial_write_raw,
};

/* uart_probe - whether a UART answers at COM1 (its scratch register). */
static bool
uart_probe(void)
{
	outb(COM1 + UART_SCRATCH, 0x5a);
	if (inb(COM1 + UART_SCRATCH) != 0x5a)
		return false;
	outb(COM1 + UART_SCRATCH, 0xa5);
	return inb(COM1 + UART_SCRATCH) == 0xa5;
}

/*
 * serial_init - program COM1 for 115200 8N1 and register it as a console.
 * Does nothing when no UART answers.  Context: boot, interrupts off.
 */
void
serial_init(void)
{
	uart_found = uart_probe();
	if (!uart_found)
		return;
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB: divisor follows */
	outb(COM1 + UART_DATA, 1);	/* 115200 / 1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);	/* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 */
	console_register(&serial_console);
}

/*
 * serial_rx_drain - move what the receive FIFO holds to the input queue.
 * Context: IRQ 4, or boot before IER enables the interrupt.
 */
static void
serial_rx_drain(void)
{
	char buf[RX_CHUNK];
	size_t n = 0, total = 0;

	while (total < RX_MAX_BYTES &&
	       (inb(COM1 + UART_LSR) & LSR_DATA_READY)) {
		buf[n++] = (char)inb(COM1 + UART_DATA);
		total++;
		if (n == sizeof(buf)) {
			input_push(INPUT_SERIAL, buf, n);
			n = 0;
		}
	}
	if (n > 0)
		input_push(INPUT_SERIAL, buf, n);
}

/* serial_irq - IRQ 4: reading the FIFO empty clears the UART's request. */
static void
serial_irq(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	serial_rx_drain();
}

/*
 * serial_enable_rx - see console.h.  Bytes already in the FIFO are kept
 * (type-ahead).  Context: boot, interrupts off, after serial_init() and
 * the interrupt controllers.
 */
int
serial_enable_rx(void)
{
	int err;

	if (!uart_found)
		return -ENODEV;
	err = irq_register(COM1_IRQ, "serial", serial_irq, NULL);
	if (err < 0) {
		pr_err("serial: cannot register IRQ %d (%d)\n", COM1_IRQ, err);
		return err;
	}
	serial_rx_drain();
	outb(COM1 + UART_IER, IER_RX_AVAIL);
	return 0;
}

/* serial_present - see console.h. */
bool
serial_present(void)
{
	return uart_found;
}
