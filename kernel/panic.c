/*
 * kernel/panic.c: the end of the line for a broken kernel invariant.
 */
#include "arch/arch.h"
#include "kernel/cmdline.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define BACKTRACE_MAX	32
#define LOG_TAIL_BYTES	2048

static bool panicking;
static uint64_t log_before_panic;	/* log position when the panic began */

/*
 * panic_begin - interrupts off; a panic inside a panic halts at once so
 * that a broken console or log cannot loop.  Context: any.
 */
void
panic_begin(void)
{
	arch_irq_disable();
	if (panicking) {
		arch_debug_exit(ARCH_EXIT_FAIL);
		arch_halt();
	}
	panicking = true;
	log_enter_panic();
	log_before_panic = log_position();
}

/* print_frame - one backtrace line: "  #N 0xADDR function+0xoff". */
static void
print_frame(uintptr_t pc, void *arg)
{
	int *depth = arg;
	const char *name;
	uintptr_t off;

	if (ksym_lookup(pc, &name, &off) == 0)
		pr_emerg("  #%d 0x%016lx %s+0x%lx\n", (*depth)++, pc, name, off);
	else
		pr_emerg("  #%d 0x%016lx ?\n", (*depth)++, pc);
}

/*
 * panic_backtrace - print frame @pc (unless 0), then the return addresses
 * found by walking the frame-pointer chain from @fp.  Context: any.
 */
void
panic_backtrace(uintptr_t pc, uintptr_t fp)
{
	int depth = 0;

	pr_emerg("backtrace:\n");
	if (pc)
		print_frame(pc, &depth);
	arch_backtrace(fp, print_frame, &depth, BACKTRACE_MAX);
}

/*
 * panic_end - show what the log held just before the panic (some of it may
 * have been below the console level), report failure to a test runner,
 * halt.  Context: any.
 */
void
panic_end(void)
{
	uint64_t from = log_before_panic > LOG_TAIL_BYTES ?
				log_before_panic - LOG_TAIL_BYTES : 0;

	pr_emerg("--- the kernel log before the panic (its last %lu bytes) ---\n",
		 (unsigned long)(log_before_panic - from));
	log_dump(from, log_before_panic);
	pr_emerg("--- end of kernel log; system halted ---\n");
	if (kernel_cmdline.test[0] != '\0')
		arch_debug_exit(ARCH_EXIT_FAIL);
	arch_halt();
}

/* panic - see panic.h.  Context: any; never returns. */
void
panic(const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	pr_emerg("PANIC: ");
	va_start(ap, fmt);
	vprintk(LOG_EMERG, fmt, ap);
	va_end(ap);
	pr_emerg("\n");
	panic_backtrace(0, (uintptr_t)__builtin_frame_address(0));
	panic_end();
}
