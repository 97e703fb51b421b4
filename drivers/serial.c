/*
 * drivers/serial.c: the COM1 16550 UART as an output console.
 *
 * 115200 baud 8N1, polled transmit.  Receive interrupts come with the
 * interrupt work, which feeds the same input path as the keyboard.
 */
#include "arch/x86_64/io.h"
#include "drivers/console.h"
#include "kernel/cmdline.h"

#define COM1		0x3f8
#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_SCRATCH	7
#define LSR_THR_EMPTY	0x20
#define SPIN_LIMIT	100000	/* a missing UART must not hang the kernel */

static bool serial_present;

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

static struct console serial_console = {
	.name = "ttyS0",
	.kind = CONSOLE_SERIAL,
	.write = serial_write,
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
	serial_present = uart_probe();
	if (!serial_present)
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
