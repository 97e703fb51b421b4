/*
 * drivers/devices.c: bring up the character-device drivers
 * (drivers/devices.h).
 */
#include "drivers/crng.h"
#include "drivers/devices.h"
#include "drivers/tty.h"

/* dev_drivers_init - see devices.h.  Context: boot. */
void
dev_drivers_init(void)
{
	crng_init();
	mem_dev_init();
	tty_init();
	vcs_dev_init();
}
