# redirections
echo first > f1
echo second >> f1
cat < f1
cat f1 nonexistent 2> err > out
cat out
[ -s err ] && echo err has text
ls nonexistent > both 2>&1
[ -s both ] && echo both has text
echo to-stderr 1>&2
exec 3> f3
echo via3 >&3
exec 3>&-
cat f3
exec 4< f1
read line <&4
echo "read: $line"
{ echo g1; echo g2; } > grp
cat grp
while read l; do echo "loop $l"; done < f1
echo redirect-first > ff; cat ff
> empty; wc -c < empty
cat < nosuchfile
echo "status $?"
