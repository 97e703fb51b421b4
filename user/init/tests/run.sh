#!/bin/sh
# user/init/tests/run.sh: tests for Basalt's /sbin/init.
#
#   run.sh            build init (user/init/build.sh), then run every case
#   run.sh --accept   rewrite expected/NAME from the current output
#                     (review the diff before keeping it)
#
# Each case's output, ending in an "[exit N]" line, must equal
# expected/NAME.
#
# 1. inittab cases: "init --test-inittab FILE" on the *.inittab files here
#    and on the shipped initrd/etc/inittab, plus init's refusal to run as
#    any pid but 1.
# 2. PID 1 cases, only as root with unshare(1) and musl-gcc (else SKIP):
#    init runs as PID 1 of new PID, mount and UTS namespaces, chrooted into
#    a scratch root holding /bin/sh and the coreutils built from this
#    tree.  The host stays safe: in a PID namespace other than the first,
#    reboot(2) only ends that namespace (its init dies, of SIGINT for
#    power off or halt and SIGHUP for reboot, and unshare passes that on),
#    the hostname set from /etc/hostname lives in the new UTS namespace,
#    and kill(-1, ...) reaches only the namespace's processes.
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
T=$ROOT/user/init/tests
INIT=$ROOT/build/user/init
ACCEPT=0
[ "$1" = "--accept" ] && ACCEPT=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

sh "$ROOT/user/init/build.sh" || exit 1

# check NAME OUTPUT - compare OUTPUT with expected/NAME (or write it).
check() {
	if [ $ACCEPT = 1 ]; then
		printf '%s\n' "$2" > "$T/expected/$1"
	elif [ -f "$T/expected/$1" ] && [ "$2" = "$(cat "$T/expected/$1")" ]
	then
		pass=$((pass + 1))
		printf 'ok %d %s\n' $((pass + fail)) "$1"
	else
		fail=$((fail + 1))
		printf 'not ok %d %s: output differs\n' $((pass + fail)) "$1"
		printf '%s\n' "$2" | diff "$T/expected/$1" - | head -20
	fi
}

# tab NAME ARG... - run "init ARG..." in the tests directory.
tab() {
	name=$1
	shift
	check "$name" "$(cd "$T" && "$INIT" "$@" 2>&1; echo "[exit $?]")"
}

tab inittab-good --test-inittab good.inittab
tab inittab-bad --test-inittab bad.inittab
tab inittab-empty --test-inittab empty.inittab
tab inittab-many --test-inittab many.inittab
tab inittab-missing --test-inittab no-such.inittab
tab inittab-shipped --test-inittab ../../../initrd/etc/inittab
tab usage --test-inittab
tab not-pid1
tab not-pid1-args --test-inittab good.inittab extra

# ---- PID 1 in namespaces ---------------------------------------------------

# pid1_possible - true if this host can run the PID 1 cases.
pid1_possible() {
	[ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
		command -v musl-gcc >/dev/null &&
		unshare --pid --fork --mount --uts true 2>/dev/null
}

# make_root DIR - a root filesystem for init: the programs and /etc.
make_root() {
	mkdir -p "$1/bin" "$1/sbin" "$1/etc" "$1/dev" "$1/term" "$1/log"
	cp "$INIT" "$1/sbin/init"
	cp "$TMP/sh" "$TMP/coreutils" "$1/bin/"
	for n in cat grep mount poweroff reboot sleep uname; do
		ln -s coreutils "$1/bin/$n"
	done
	echo pid1-test > "$1/etc/hostname"
	echo MOTD > "$1/etc/motd"
	cat > "$1/etc/rc" <<-'EOF'
	echo "rc: start" >> /log/events
	echo "rc: hostname $(uname -n)" >> /log/events
	grep -q '^proc /proc proc ' /proc/mounts && echo "rc: /proc" >> /log/events
	sleep 0.3
	echo "rc: end" >> /log/events
	exit 3
	EOF
}

# boot DIR - run DIR/sbin/init as PID 1 with its output in DIR/init.log;
# prints unshare's exit status.  /dev gets a tmpfs first, so init leaves
# it alone (a devtmpfs would be the host's) and finds no /dev/console.
# The log is opened inside, as the shell running unshare may report the
# signal that ended it on its own stderr.
boot() {
	timeout -s KILL 30 unshare --pid --fork --kill-child --mount --uts \
		--root="$1" /bin/sh -c 'exec > /init.log 2>&1
			mount -t tmpfs tmpfs /dev && exec /sbin/init' \
		< /dev/null > /dev/null 2>&1
	echo "[exit $?]"
}

# poweroff: respawn and its back-off (t1 exits at once, /term/none cannot
# be opened), the child's environment, session and signals, orphan
# reaping, "poweroff" (coreutils) asking init, SIGTERM then SIGKILL (t2
# ends up in a sleep that ignores TERM), reboot(RB_POWER_OFF) as SIGINT.
case_poweroff() {
	R=$TMP/poweroff
	make_root "$R"
	cat > "$R/etc/inittab" <<-'EOF'
	# test inittab
	/term/t1:-/bin/sh
	/term/t2:/bin/sh /etc/t2
	no colon here
	/term/none:/bin/sh
	EOF
	# init writes the motd over "XXXX\n"; the shell reads on from there.
	printf 'XXXX\necho "t1: $0 $HOME $PATH $TERM $SHELL $USER $LOGNAME" >> /log/t1\n' \
		> "$R/term/t1"
	: > "$R/term/t2"
	cat > "$R/etc/t2" <<-'EOF'
	echo "t2: start $0" >> /log/events
	read -r st < /proc/$$/stat
	set -- $st
	[ "$6" = "$$" ] && echo "t2: session leader" >> /log/events
	grep -E '^Sig(Blk|Ign):' /proc/self/status >> /log/events
	(sleep 0.1 &)
	sh -c 'trap "echo t2: child got TERM > /log/child; exit" TERM
		while :; do sleep 0.1; done' &
	# wait for conditions, not for time (a loaded host is slow): both
	# bad terminals backed off, the orphaned sleep reaped; the case's
	# 30 s timeout bounds a wait that never ends
	until [ "$(grep -c 'respawning too fast' /init.log)" = 2 ]; do
		sleep 0.1
	done
	until [ "$(cat /proc/[0-9]*/stat | grep -c ') Z ')" = 0 ]; do
		sleep 0.1
	done
	echo "t2: zombies 0" >> /log/events
	trap '' TERM
	poweroff
	echo "t2: poweroff exit $?" >> /log/events
	exec sleep 100
	EOF
	st=$(boot "$R")
	check pid1-poweroff "$st
== init.log, sorted
$(sort "$R/init.log")
== its last line
$(tail -n 1 "$R/init.log")
== events
$(cat "$R/log/events")
== child
$(cat "$R/log/child")
== t1
$(cat "$R/log/t1")
$(head -n 1 "$R/term/t1")"
}

# reboot: "reboot" during /etc/rc (init is still waiting for it), and
# processes that all end on SIGTERM; reboot(RB_AUTOBOOT) as SIGHUP.
case_reboot() {
	R=$TMP/reboot
	make_root "$R"
	cat > "$R/etc/rc" <<-'EOF'
	echo "rc: start" >> /log/events
	reboot
	exec sleep 100
	EOF
	st=$(boot "$R")
	check pid1-reboot "$st
== init.log
$(cat "$R/init.log")
== events
$(cat "$R/log/events")"
}

if pid1_possible; then
	musl-gcc -static -O2 -o "$TMP/sh" "$ROOT"/user/sh/*.c &&
		musl-gcc -static -O2 -o "$TMP/coreutils" \
			"$ROOT"/user/coreutils/*.c || exit 1
	case_poweroff
	case_reboot
else
	echo "SKIP PID 1 cases (need root, unshare and musl-gcc)"
fi

[ $ACCEPT = 1 ] && exit 0
echo "init tests: $pass passed, $fail failed"
[ $fail = 0 ]
