# parameters and their expansions
A=1 B=two
echo $A ${B} ${A}x
echo ${UNSET:-default} ${A:-notused} ${EMPTY-dash}
EMPTY=
echo [${EMPTY:-colon}] [${EMPTY-nocolon}]
echo ${NEW:=assigned} $NEW
echo [${A:+alt}] [${UNSET:+alt}]
P=/usr/local/lib/file.tar.gz
echo ${P#*/} ${P##*/} ${P%.*} ${P%%.*} ${#P}
set -- one "two words" three
echo $# $1 $2 $3
for a in "$@"; do echo "[$a]"; done
for a in $@; do echo "<$a>"; done
for a in "$*"; do echo "{$a}"; done
set --
for a in "$@"; do echo never; done
echo "empty: $#"
sh_pid=$$
[ "$sh_pid" -gt 0 ] && echo pid ok
true & wait
[ -n "$!" ] && echo bgpid ok
f() { echo "f: $# $1 $2"; }
f x y
echo ${UNSET:-"quoted default"}
v="a b  c"
printf '<%s>' $v; echo
printf '<%s>' "$v"; echo
