/*
 * kernel/sys_misc.c: uname, sethostname, getrandom, reboot, arch_prctl.
 */
#include "arch/arch.h"
#include "drivers/crng.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/uaccess.h"
#include "kernel/version.h"
#include "mm/kmalloc.h"

struct utsname_k {
	char sysname[65], nodename[65], release[65], version[65], machine[65],
	     domainname[65];
};

#define HOST_NAME_MAX	64

static struct spinlock host_lock = SPINLOCK_INIT("hostname");
static char hostname[HOST_NAME_MAX + 1] = "basalt";	/* [host_lock] */

long
sys_uname(long ubuf, long a1, long a2, long a3, long a4, long a5)
{
	struct utsname_k u;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, BASALT_NAME, sizeof(u.sysname));
	spin_lock(&host_lock);
	strlcpy(u.nodename, hostname, sizeof(u.nodename));
	spin_unlock(&host_lock);
	strlcpy(u.release, BASALT_VERSION, sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, BASALT_ARCH, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(ubuf, &u, sizeof(u));
}

/* sys_sethostname - sethostname(2): @len bytes, no NUL needed (Linux). */
long
sys_sethostname(long uname, long len, long a2, long a3, long a4, long a5)
{
	char name[HOST_NAME_MAX + 1];

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (len < 0 || len > HOST_NAME_MAX)
		return -EINVAL;
	if (copy_from_user(name, (uaddr_t)uname, (size_t)len) < 0)
		return -EFAULT;
	name[len] = '\0';
	spin_lock(&host_lock);
	strlcpy(hostname, name, sizeof(hostname));
	spin_unlock(&host_lock);
	return 0;
}

#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4

long
sys_getrandom(long ubuf, long len, long flags, long a3, long a4, long a5)
{
	uint8_t chunk[256];
	size_t done = 0, n = (size_t)len;

	(void)a3, (void)a4, (void)a5;
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (n > 33554431)			/* Linux's cap per call */
		n = 33554431;
	while (done < n) {
		size_t k = MIN(n - done, sizeof(chunk));
		crng_get_bytes(chunk, k);
		if (copy_to_user(ubuf + done, chunk, k) < 0)
			return done ? (long)done : -EFAULT;
		done += k;
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

#define REBOOT_MAGIC1		0xfee1deadul
#define REBOOT_MAGIC2		672274793
#define REBOOT_MAGIC2A		85072278
#define REBOOT_MAGIC2B		369367448
#define REBOOT_MAGIC2C		537993216
#define RB_AUTOBOOT		0x01234567
#define RB_HALT_SYSTEM		0xcdef0123
#define RB_POWER_OFF		0x4321fedc
#define RB_ENABLE_CAD		0x89abcdef
#define RB_DISABLE_CAD		0

long
sys_reboot(long magic1, long magic2, long cmd, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((unsigned long)magic1 != REBOOT_MAGIC1 ||
	    (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
	     magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
		return -EINVAL;
	switch ((unsigned int)cmd) {
	case RB_ENABLE_CAD:
	case RB_DISABLE_CAD:
		return 0;
	case RB_POWER_OFF:
		pr_info("reboot: power off\n");
		arch_power_off();
		pr_err("reboot: power off failed; halting\n");
		arch_halt();
	case RB_HALT_SYSTEM:
		pr_info("reboot: system halted\n");
		arch_halt();
	case RB_AUTOBOOT:
		pr_info("reboot: restarting\n");
		arch_reset();
	default:
		return -EINVAL;
	}
}

long
sys_arch_prctl(long code, long addr, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return arch_prctl_call((int)code, (uintptr_t)addr);
}
