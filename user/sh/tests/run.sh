#!/bin/sh
# Golden tests for Basalt's /bin/sh.
# Each tests/NAME.sh runs under the shell being tested (default
# build/user/sh, or $SH) in a scratch directory; its stdout plus a final
# "[exit N]" line must equal tests/NAME.out.  The .out files were made
# with dash on Linux: `SH=dash user/sh/tests/run.sh --regen`.
# A test whose first line starts "# not-dash:" checks behaviour that
# differs from dash on purpose: its .out was written by hand, --regen
# leaves it alone, and it is skipped when testing another shell ($SH).
cd "$(dirname "$0")" || exit 2
TESTS=$(pwd)
# The shell built in this tree, or the system's /bin/sh where there is
# none (inside Basalt, where the tests also run: tests/cases.py).
default_sh=$TESTS/../../../build/user/sh
[ -x "$default_sh" ] || default_sh=/bin/sh
SHELL_UNDER_TEST=${SH:-$default_sh}
case $SHELL_UNDER_TEST in /*) ;; *) SHELL_UNDER_TEST=$(command -v "$SHELL_UNDER_TEST") ;; esac
pass=0 fail=0 skip=0
scratch=$(mktemp -d) || exit 2
for t in "$TESTS"/*.sh; do
	name=$(basename "$t" .sh)
	[ "$name" = run ] && continue
	read -r first < "$t"
	case $first in
	"# not-dash:"*)
		[ "$1" = --regen ] && continue
		if [ -n "$SH" ]; then
			skip=$((skip + 1))
			echo "ok $((pass + fail + skip)) $name # skip: not dash"
			continue
		fi
		;;
	esac
	rm -rf "$scratch"/* "$scratch"/.[!.]* 2>/dev/null
	actual=$(cd "$scratch" && env -i PATH="$PATH" HOME="$scratch" \
		TESTDIR="$TESTS" SH="$SHELL_UNDER_TEST" \
		"$SHELL_UNDER_TEST" "$t" 2>/dev/null </dev/null; echo "[exit $?]")
	if [ "$1" = --regen ]; then
		printf '%s\n' "$actual" > "$TESTS/$name.out"
		continue
	fi
	n=$((pass + fail + skip + 1))
	if [ "$actual" = "$(cat "$TESTS/$name.out")" ]; then
		pass=$((pass + 1))
		echo "ok $n $name"
	else
		fail=$((fail + 1))
		echo "not ok $n $name: output differs"
		if command -v diff >/dev/null 2>&1; then
			printf '%s\n' "$actual" | diff "$TESTS/$name.out" - |
				head -20
		else			# Basalt has no diff: show ours
			printf '%s\n' "$actual" | head -20
		fi
	fi
done
rm -rf "$scratch"
[ "$1" = --regen ] && exit 0
# Interactive (pseudo-terminal) tests need python3 on the host; they
# number their results from $((pass + fail + 1)) on.
if [ -z "$SH" ] && command -v python3 >/dev/null 2>&1; then
	out=$(python3 "$TESTS/interactive.py" "$SHELL_UNDER_TEST" \
		$((pass + fail + 1)))
	printf '%s\n' "$out" | grep -v '^interactive tests:'
	pass=$((pass + $(printf '%s\n' "$out" | grep -c '^ok ')))
	fail=$((fail + $(printf '%s\n' "$out" | grep -c '^not ok ')))
fi
if [ "$skip" -gt 0 ]; then
	echo "sh tests: $pass passed, $fail failed, $skip skipped"
else
	echo "sh tests: $pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
