/*
 * kernel/main.c: kmain(), the generic boot sequence.
 *
 * boot.asm calls kmain() in 64-bit mode on the boot stack with interrupts
 * off.  Order matters: the serial console first (so everything after can
 * be seen), then the boot information and command line (they choose the
 * consoles), the screen, then the CPU tables.
 */
#include "arch/arch.h"
#include "drivers/acpi.h"
#include "drivers/console.h"
#include "drivers/ps2kbd.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/format.h"
#include "kernel/proc.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/version.h"
#include "fs/initrd.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/vmm.h"

struct boot_info boot_info;
struct cmdline kernel_cmdline;

void kmain(paddr_t mbi_phys) __noreturn;

/*
 * read_boot_info - parse the Multiboot2 information at @mbi_phys into
 * boot_info.  Returns 0, or -1 when it is unusable (the kernel goes on with
 * defaults and says so).
 */
static int
read_boot_info(paddr_t mbi_phys)
{
	const uint32_t *total;
	size_t avail;

	if (mbi_phys == 0 || mbi_phys >= EARLY_DIRECT_MAP_SIZE - 16)
		return -1;
	total = phys_to_virt(mbi_phys);
	avail = MIN((size_t)*total, (size_t)(EARLY_DIRECT_MAP_SIZE - mbi_phys));
	return mb2_parse(total, avail, mbi_phys, &boot_info) == 0 ? 0 : -1;
}

/* setup_consoles - apply console= and loglevel=, then bring up the screen. */
static void
setup_consoles(void)
{
	console_select(kernel_cmdline.consoles);
	log_set_console_level(kernel_cmdline.loglevel);
	if (boot_info.has_fb && (kernel_cmdline.consoles & CONSOLE_SCREEN))
		screen_console_init(&boot_info.fb);
}

/* usable_memory - bytes of available RAM in the boot memory map. */
static uint64_t
usable_memory(void)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < boot_info.mmap_count; i++)
		if (boot_info.mmap[i].type == BOOT_MEM_AVAILABLE)
			sum += boot_info.mmap[i].len;
	return sum;
}

/* log_boot_info - what the boot loader handed us, for the log. */
static void
log_boot_info(void)
{
	const struct boot_framebuffer *fb = &boot_info.fb;

	pr_info("boot: loader \"%s\", %s firmware, cmdline \"%s\"\n",
		boot_info.loader_name, boot_info.efi_boot ? "UEFI" : "BIOS",
		boot_info.cmdline);
	pr_info("boot: memory map: %zu entries%s, %lu MiB usable\n",
		boot_info.mmap_count,
		boot_info.mmap_truncated ? " (truncated)" : "",
		(unsigned long)(usable_memory() >> 20));
	if (!boot_info.has_fb)
		pr_info("boot: no framebuffer information\n");
	else if (fb->type == BOOT_FB_EGA_TEXT)
		pr_info("boot: EGA text mode %ux%u\n", fb->width, fb->height);
	else
		pr_info("boot: framebuffer %ux%ux%u at 0x%lx, pitch %u\n",
			fb->width, fb->height, fb->bpp,
			(unsigned long)fb->addr, fb->pitch);
	pr_info("boot: %zu module(s), ACPI RSDP %s, %u tags (%u malformed)\n",
		boot_info.module_count,
		boot_info.acpi_rsdp_version == 2 ? "v2" :
		boot_info.acpi_rsdp_version == 1 ? "v1" : "absent",
		boot_info.tag_count, boot_info.bad_tags);
}

/* log_cmdline_warnings - unknown or malformed options are logged, not fatal. */
static void
log_cmdline_warnings(void)
{
	for (size_t i = 0; i < kernel_cmdline.count; i++)
		if (!cmdline_known(kernel_cmdline.words[i].key))
			pr_warn("cmdline: unknown option \"%s\" ignored\n",
				kernel_cmdline.words[i].key);
	if (kernel_cmdline.invalid)
		pr_warn("cmdline: %u option(s) with a bad value; defaults kept\n",
			kernel_cmdline.invalid);
	if (kernel_cmdline.truncated)
		pr_warn("cmdline: too long; extra words or characters dropped\n");
}

/* start_input - the keyboard and the serial line feed the input queue. */
static void
start_input(void)
{
	int err;

	if ((err = ps2kbd_init()) < 0)
		pr_info("input: no PS/2 keyboard (%d)\n", err);
	if ((err = serial_enable_rx()) < 0)
		pr_warn("input: serial receive not available (%d)\n", err);
}

/*
 * start_init - PID 1, with the command line's leftover words as Linux
 * passes them: bare words as arguments, unknown key=value words as its
 * environment.  With test=init, PID 1's exit status is the test verdict.
 */
static void
start_init(void)
{
	static char *argv[CMDLINE_MAX_WORDS + 2], *envp[CMDLINE_MAX_WORDS + 3];
	static char words[CMDLINE_MAX_WORDS][CMDLINE_KEY_MAX + CMDLINE_VALUE_MAX];
	size_t na = 0, ne = 0;

	argv[na++] = kernel_cmdline.init;
	envp[ne++] = "HOME=/";
	envp[ne++] = "TERM=linux";
	for (size_t i = 0; i < kernel_cmdline.count; i++) {
		const struct cmdline_word *w = &kernel_cmdline.words[i];
		if (cmdline_known(w->key))
			continue;
		if (!w->has_value) {
			argv[na++] = (char *)w->key;
			continue;
		}
		ksnprintf(words[i], sizeof(words[i]), "%s=%s", w->key, w->value);
		envp[ne++] = words[i];
	}
	proc_start_init(kernel_cmdline.init, argv, envp,
			strcmp(kernel_cmdline.test, "init") == 0);
}

/*
 * kmain - the generic kernel entry.  @mbi_phys: physical address of the
 * Multiboot2 information.  Context: boot, CPU 0, interrupts off.
 */
void
kmain(paddr_t mbi_phys)
{
	int mbi_ok;

	sched_early_init();		/* this_cpu(): spinlocks work from here */
	serial_init();
	mbi_ok = read_boot_info(mbi_phys);
	cmdline_parse(boot_info.cmdline, &kernel_cmdline);
	setup_consoles();

	pr_info("%s %s (%s) booting\n", BASALT_NAME, BASALT_VERSION,
		BASALT_ARCH);
	if (mbi_ok < 0)
		pr_err("boot: the Multiboot2 information at 0x%lx is unusable; "
		       "continuing without it\n", (unsigned long)mbi_phys);
	log_boot_info();
	log_cmdline_warnings();

	arch_init();
	pr_info("cpu: GDT, TSS and IDT loaded\n");
	if (kernel_cmdline.kmalloc_debug)
		kmalloc_set_debug(true);
	mm_init();
	random_init();
	acpi_init();
	arch_irq_init(!kernel_cmdline.noapic);
	sched_init();
	time_init();
	start_input();
	arch_irq_enable();
	vfs_init();
	initrd_init();
	syscall_init();
	proc_init();

	if (kernel_cmdline.test[0] != '\0' &&
	    strcmp(kernel_cmdline.test, "init") != 0)
		ktest_run(kernel_cmdline.test);
	procfs_pid_init();		/* after the tests: they expect none */
	pr_info("%s ready\n", BASALT_NAME);	/* before PID 1 can run */
	start_init();
	for (;;)			/* nothing more to do yet: sleep for good */
		thread_sleep_until(UINT64_MAX);
}
