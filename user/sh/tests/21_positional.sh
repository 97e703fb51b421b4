# $@ versus $*, set --, shift, $#, $0..$9 and ${10}
f() { for i in "$@"; do printf '[%s]' "$i"; done; echo; }
set -- a 'b c' d
f "$@"; f "$*"; f $@; f $*; f "x$@y"; f "${@}"; f "${*}"
IFS=:
f "$*"; echo "$*"; x=$*; echo "$x"; x=$@; echo "$x"
unset IFS
IFS=
f "$*"; f $*; f $@
unset IFS
set -- "" a ""
echo "$#"; f $@; f "$@"; f $*
set --
f "$@"; f "$*"; f x"$@"; echo "none: $#"
set -- 1 2 3 4 5 6 7 8 9 10 11
echo "$9 ${10} ${11} $10 $#"
shift 3; echo "$# $1"
shift; echo "$# $1"
shift 0; echo "$# $1"
set -- a b; echo "$# $1 $2"
(shift 5; echo not reached)
echo "shift too far: $?"
g() { echo "in g: $# $1"; shift; echo "after shift: $# $1"; }
g p q r
echo "outer: $# $1"
"$SH" -c 'echo "$0 $1 $2 $#"' zero one two
set -- x y
for a; do echo "for: $a"; done
IFS=" ,"
s=" a , b,,c "; f $s
s=" ,b"; f $s
s="a, ,b"; f $s
unset IFS
x="a "; set -- $x""; echo "quoted empty after a blank: $#"
set -- ""$x; echo "quoted empty before: $#"
y=" "; set -- $y""; echo "blank then quoted empty: $#"
z=; set -- $z; echo "unquoted empty: $#"; set -- "$z" ''; echo "quoted empties: $#"
