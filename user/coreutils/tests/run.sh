#!/bin/sh
# user/coreutils/tests/run.sh: golden tests for the Basalt coreutils.
#
#   run.sh          run every case in cases.txt against build/user/bin
#   run.sh --gen    (re)write expected/NAME from the host's GNU tools in
#                   /usr/bin, except cases marked '=' (hand-checked
#                   expectations documenting a deliberate difference)
#   run.sh --accept NAME   write expected/NAME for a '=' case from our own
#                   output (review the diff before keeping it)
#
# A case whose output starts "SKIP: why" cannot run on this host (it
# needs root, say) and is reported as "ok N name # SKIP why".
# A case line is "NAME|SHELL COMMAND"; $B is the tool directory. Each case
# runs in a fresh copy of a fixture tree; stdout and stderr are captured
# together, followed by "[exit N]".
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
TESTS=$ROOT/user/coreutils/tests
GEN=0
[ "$1" = "--gen" ] && GEN=1 && shift
[ "$1" = "--accept" ] && GEN=2 && shift
if [ $GEN = 1 ]; then B=/usr/bin; else B=$ROOT/build/user/bin; fi
export B LC_ALL=C TZ=UTC
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# fixture - build the tree every case starts from, with fixed times.
fixture() {
	umask 022
	mkdir -p "$1/d/sub" "$1/e"
	printf 'hello\nworld\n' > "$1/a.txt"
	printf 'banana\napple\ncherry\napple\n10\n9\nApple\n' > "$1/fruit"
	printf 'one two  three\nfour\n\nfive six\n' > "$1/words"
	printf 'a:b:c\n1:2:3\nxyz\n' > "$1/colon"
	printf 'x\n' > "$1/d/x"
	printf 'yy\n' > "$1/d/y"
	printf 'zzz\n' > "$1/d/sub/z"
	printf '#!/bin/sh\n' > "$1/d/run.sh"
	chmod 755 "$1/d/run.sh"
	ln -s a.txt "$1/link"
	find "$1" -exec touch -h -d '2020-01-02 03:04:05' {} +
}

if [ $GEN != 1 ]; then
	sh "$ROOT/user/coreutils/build.sh" || exit 1
fi

pass=0
fail=0
failed=""
while IFS='|' read -r name cmd; do
	case "$name" in ''|'#'*) continue ;; esac
	manual=0
	case "$name" in =*) manual=1; name=${name#=} ;; esac
	[ -n "$1" ] && case "$name" in "$1"*) ;; *) continue ;; esac
	rm -rf "$TMP/w"
	mkdir "$TMP/w"
	fixture "$TMP/w"
	out=$(cd "$TMP/w" && sh -c "$cmd" 2>&1 </dev/null; echo "[exit $?]")
	out=$(printf '%s\n' "$out" | sed "s|$B/||g")
	exp=$TESTS/expected/$name
	if [ $GEN = 2 ]; then
		[ $manual = 1 ] && printf '%s\n' "$out" > "$exp"
		continue
	fi
	if [ $GEN = 1 ]; then
		[ $manual = 1 ] && continue
		printf '%s\n' "$out" > "$exp"
		continue
	fi
	n=$((pass + fail + 1))
	case "$out" in
	"SKIP: "*)	# the case cannot run on this host (it says why)
		pass=$((pass + 1))
		printf 'ok %d %s # SKIP %s\n' "$n" "$name" \
			"$(printf '%s\n' "$out" | head -n 1 | cut -c7-)"
		continue ;;
	esac
	if [ -f "$exp" ] && [ "$out" = "$(cat "$exp")" ]; then
		pass=$((pass + 1))
		printf 'ok %d %s\n' "$n" "$name"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		printf 'not ok %d %s: output differs\n' "$n" "$name"
		printf '%s\n' "$out" | diff "$exp" - | head -20
	fi
done < "$TESTS/cases.txt"
[ $GEN != 0 ] && exit 0
echo "coreutils tests: $pass passed, $fail failed"
[ $fail = 0 ]
