/*
 * kernel/ksyms.c: symbol lookup over the generated table (kernel/ksyms.h).
 */
#include "kernel/ksyms.h"

extern const char __text_start[], __text_end[];

/*
 * ksym_lookup - binary search for the last symbol at or below @addr.
 * Returns 0 with *@name, *@offset set, or -1 outside kernel text.
 * Context: any; never sleeps.
 */
int
ksym_lookup(uintptr_t addr, const char **name, uintptr_t *offset)
{
	size_t lo = 0, hi = ksyms_count;

	if (addr < (uintptr_t)__text_start || addr >= (uintptr_t)__text_end)
		return -1;
	while (lo < hi) {	/* first entry with ksyms[i].addr > addr */
		size_t mid = lo + (hi - lo) / 2;
		if (ksyms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	*name = ksyms[lo - 1].name;
	*offset = addr - ksyms[lo - 1].addr;
	return 0;
}
