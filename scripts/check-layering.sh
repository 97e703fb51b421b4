#!/bin/sh
# scripts/check-layering.sh: generic code may include arch/arch.h and
# nothing else from arch/ (shared/STYLE.md R1); PC device drivers may also
# include arch/x86_64/io.h.
status=0
bad=$(grep -nE '#include[[:space:]]+"arch/' kernel/*.[ch] mm/*.[ch] fs/*.[ch] 2>/dev/null |
	grep -v '"arch/arch.h"')
if [ -n "$bad" ]; then
	echo "check-layering: generic code reaches into arch/:"
	echo "$bad"
	status=1
fi
bad=$(grep -nE '#include[[:space:]]+"arch/' drivers/*.[ch] 2>/dev/null |
	grep -vE '"arch/(arch\.h|x86_64/io\.h)"')
if [ -n "$bad" ]; then
	echo "check-layering: a driver includes arch internals:"
	echo "$bad"
	status=1
fi
[ $status -eq 0 ] && echo "check-layering: ok"
exit $status
