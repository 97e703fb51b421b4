# set -e, set -x, subshells, exit
( set -e; echo before; false; echo not-reached )
echo "subshell status $?"
( set -e; false || echo ok-in-or; if false; then :; fi; echo still-running )
( set -e; ! true; echo bang-ok )
set -x
echo traced 2>/dev/null
set +x
(exit 4); echo "exit status $?"
x=outer; ( x=inner ); echo $x
{ x=group; }; echo $x
exit 9
