/*
 * kernel/ksyms.h: the kernel's own symbol table, for backtraces.
 *
 * scripts/genksyms.py generates the table from `nm` of a first link of the
 * kernel; the final link carries it (see the Makefile).  Only text symbols
 * are listed, sorted by address.
 */
#pragma once
#include "kernel/types.h"

struct ksym {
	uintptr_t   addr;
	const char *name;
};

extern const struct ksym ksyms[];
extern const size_t ksyms_count;

/*
 * ksym_lookup - find the function containing @addr.  Sets *@name and
 * *@offset and returns 0, or returns -1 when @addr is outside kernel text.
 * Context: any; never sleeps.
 */
int	ksym_lookup(uintptr_t addr, const char **name, uintptr_t *offset);
