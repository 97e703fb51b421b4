# set -o/+o, long option names, $-, set -a, set -C, set -v, set -n
set -o | head -1
set +o | grep -e errexit -e noglob
set -o errexit; echo "-e: $-"; set +o errexit
set -eu; echo "-eu: $-"; set +eu; echo "off: [$-]"
set -o noglob; echo /*; set +o noglob
(set -o bogus; echo not reached); echo "bad name: $?"
(set -Q; echo not reached); echo "bad letter: $?"
set -a; av=1; "$SH" -c 'echo "allexport: $av"'; set +a
nv=2; "$SH" -c 'echo "not exported: [$nv]"'
set -C
echo one > f; echo two > f; echo "noclobber: $?"; cat f
echo three >| f; cat f
echo four >> f; cat f
echo five > /dev/null; echo "device: $?"
set +C; echo six > f; cat f
printf 'set -v\necho a; echo b\nx=$(echo c)\n' > v.sh
"$SH" v.sh 2>&1
printf 'set -n\necho not run\n' > n.sh
"$SH" n.sh; echo "noexec: $?"
"$SH" -o errexit -c 'false; echo not reached'; echo "sh -o errexit: $?"
"$SH" -eu -c 'echo "sh -eu: $-"'
set -- a b c; set -x 2>/dev/null; set +x; echo "args kept: $*"
set -; echo "set - keeps args: $*"
set - d e; echo "set - d e: $*"
