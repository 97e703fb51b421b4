/*
 * kernel/panic.h: stopping the machine on a broken kernel invariant.
 *
 * panic() prints the message, a symbolised backtrace and the tail of the
 * kernel log, then halts, or, when a test was selected with test=, reports
 * failure to QEMU so the test runner sees it at once.  User input never
 * panics the kernel (shared/STYLE.md R5).
 */
#pragma once
#include "kernel/types.h"

/* panic - "fn: why" message; never returns.  Context: any. */
void	panic(const char *fmt, ...) __noreturn __printf(1, 2);

/*
 * The pieces of panic(), for the trap handler, which prints the register
 * frame between them: panic_begin() (interrupts off, nested panics halt),
 * panic_backtrace() (frame @pc first, then the frame-pointer chain at @fp),
 * panic_end() (log tail, report, halt).
 */
void	panic_begin(void);
void	panic_backtrace(uintptr_t pc, uintptr_t fp);
void	panic_end(void) __noreturn;

/* KASSERT - always compiled in; panics naming the condition and place. */
#define KASSERT(cond)                                                        \
	do {                                                                 \
		if (!(cond))                                                 \
			panic("%s: assertion \"%s\" failed at %s:%d",        \
			      __func__, #cond, __FILE__, __LINE__);          \
	} while (0)
