/*
 * drivers/input.h: the console input queue (drivers/input.c).
 *
 * The PS/2 keyboard and the serial port push bytes here: plain characters,
 * control characters (Ctrl-C = 0x03) and the standard escape sequences for
 * special keys (Up = ESC [ A, Home = ESC [ H, Delete = ESC [ 3 ~, ...).
 * The TTY layer (the interactive-system work) reads them.  A 4 KiB ring;
 * when it is full, new bytes are dropped and counted.
 *
 * Context: input_push() runs in interrupt context; input_read() anywhere.
 */
#pragma once
#include "kernel/types.h"

enum input_source {
	INPUT_KEYBOARD = 0,
	INPUT_SERIAL = 1,
	INPUT_SOURCES
};

/* input_push - append @len bytes from @src.  Returns bytes accepted. */
size_t	input_push(enum input_source src, const char *bytes, size_t len);

/* input_read - take up to @len queued bytes of @src; returns how many. */
size_t	input_read(enum input_source src, char *buf, size_t len);

/*
 * input_set_notify - call @fn (in interrupt context) after bytes arrive
 * from @src; the test mode echoes them, the TTY layer wakes readers.
 */
void	input_set_notify(enum input_source src, void (*fn)(enum input_source));

/* input_dropped - bytes dropped because the queue of @src was full. */
uint64_t input_dropped(enum input_source src);
