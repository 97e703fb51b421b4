# getopts: OPTIND, OPTARG, groups, silent mode, explicit arguments
set -- -a -b val -cfoo -d -- rest
while getopts ab:c:d opt; do
	echo "opt=$opt OPTARG=${OPTARG-unset} OPTIND=$OPTIND"
done
echo "end opt=$opt OPTIND=$OPTIND"
shift $((OPTIND - 1)); echo "rest: $*"
OPTIND=1
set -- -x -b
while getopts ab: opt; do echo "opt=$opt OPTARG=${OPTARG-unset} OPTIND=$OPTIND"; done
OPTIND=1
while getopts :ab: opt; do echo "silent opt=$opt OPTARG=${OPTARG-unset} OPTIND=$OPTIND"; done
OPTIND=1
while getopts ab opt -ab -a x -b; do echo "group opt=$opt OPTIND=$OPTIND"; done
echo "stopped at OPTIND=$OPTIND"
OPTIND=1; getopts a opt -; echo "lone dash: $? $opt $OPTIND"
OPTIND=1; getopts a opt -a; echo "one: $? $opt $OPTIND"
getopts a opt -a; echo "two: $? $opt $OPTIND"
getopts; echo "usage: $?"
OPTIND=1; OPTARG=keep; getopts a opt -a; echo "[${OPTARG-unset}]"
OPTIND=1; getopts ab opt -ab; echo "$opt $OPTIND"
OPTIND=1; getopts ab opt -ab; echo "$opt $OPTIND (restarted)"
OPTIND=1; getopts :a: opt -a; echo "$opt ${OPTARG-unset} $OPTIND"
OPTIND=1; getopts a: opt -a; echo "$opt ${OPTARG-unset} $OPTIND"
OPTIND=1; getopts a: opt -a -b; echo "$opt ${OPTARG-unset} $OPTIND"
f() {
	local OPTIND=1 o
	while getopts x: o "$@"; do echo "f: $o $OPTARG"; done
	echo "f: OPTIND=$OPTIND"
}
f -x 1 -x2 a; echo "outer OPTIND=$OPTIND"
usage() {
	OPTIND=1
	while getopts "nv:" c "$@"; do
		case $c in
		n) echo "opt n";;
		v) echo "opt v $OPTARG";;
		?) echo "bad"; return 2;;
		esac
	done
	shift $((OPTIND - 1))
	echo "operands: $*"
}
usage -n -v 3 -- -x y
usage -q; echo "usage status $?"
