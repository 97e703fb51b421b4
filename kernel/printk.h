/*
 * kernel/printk.h: the kernel log.
 *
 * Every message goes into the log ring (kernel/log.c, later /dev/kmsg and
 * dmesg) and, when its level is below the console log level (loglevel= on
 * the command line), to every registered console.  Levels are Linux's.
 */
#pragma once
#include "kernel/types.h"

enum log_level {
	LOG_EMERG = 0,
	LOG_ALERT = 1,
	LOG_CRIT = 2,
	LOG_ERR = 3,
	LOG_WARNING = 4,
	LOG_NOTICE = 5,
	LOG_INFO = 6,
	LOG_DEBUG = 7,
};

/*
 * printk - format a message at @level into the log and the consoles.
 * Returns the number of characters logged.  Context: any, including
 * interrupt and panic context; never sleeps.
 */
int	printk(int level, const char *fmt, ...) __printf(2, 3);
int	vprintk(int level, const char *fmt, va_list ap);

#define pr_emerg(...)	printk(LOG_EMERG, __VA_ARGS__)
#define pr_err(...)	printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...)	printk(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)	printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	printk(LOG_DEBUG, __VA_ARGS__)

/* log_enter_panic - from now on printk takes no lock (panic only). */
void	log_enter_panic(void);

/* log_set_console_level - messages with level < @level reach the consoles. */
void	log_set_console_level(int level);

/*
 * log_set_clock - install the monotonic clock (nanoseconds since boot) used
 * for the timestamp on each line; until then lines carry 0.000000.
 */
void	log_set_clock(uint64_t (*now_ns)(void));

/*
 * log_read - copy up to @len bytes of the log ring, starting @skip bytes
 * into what it still holds, to @buf.  Returns the bytes copied.
 */
size_t	log_read(char *buf, size_t len, size_t skip);

/* log_size - how many bytes the log ring currently holds. */
size_t	log_size(void);

/* log_position - how many bytes have ever been logged. */
uint64_t log_position(void);

/*
 * log_dump - write log bytes [@from, @to) (positions as log_position()
 * counts them) straight to the consoles, from the first line start in the
 * range; what the ring no longer holds is skipped.
 */
void	log_dump(uint64_t from, uint64_t to);
