# functions, positional scoping, eval, read, IFS, exit in subshells
f() { echo "args: $#"; set -- x; echo "now $1"; }
set -- a b c
f 1 2
echo "outer $1 $#"
g() { for i; do echo "g $i"; done; }
g p q
h() { echo h-out; } > hf
h; cat hf
unset -f h
h 2>/dev/null || echo h gone
cmd='echo via eval'
eval "$cmd"
echo 'a:b:c' | { IFS=: read x y z; echo "$z $y $x"; }
echo '  lead  trail  ' | { read v; echo "[$v]"; }
echo 'one two three' | { read a rest; echo "$a|$rest"; }
x=$(exit 3) || echo "subst failed $?"
c=0; while [ $c -lt 100 ]; do c=$((c+1)); done; echo $c
s=""; for w in a b c; do s="$s$w"; done; echo $s
type f | head -1
echo "${#s} $(( ${#s} * 2 ))"
t=1; t=2 true; echo "temp assign kept? $t"
tf() { echo "tf sees $tv"; }
tv=tmp tf; echo "after tf [$tv]"
printf 'echo in-lib\nreturn 3\necho not-reached\n' > lib.sh
. ./lib.sh; echo "after source $?"
