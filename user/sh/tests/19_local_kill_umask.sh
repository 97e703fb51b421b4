# local, kill, umask
x=global
f() { local x=inner y; y=set; echo "in: $x $y"; g; }
g() { echo "g sees: $x"; }
f
echo "out: $x [${y-unset}]"
umask 027
umask
touch newfile
ls -l newfile | cut -c1-10
sleep 5 &
kill $!
wait $!
echo "killed status $?"
sleep 5 &
kill -9 %1
wait %1 2>/dev/null
echo "killed -9 waited"
kill -0 $$ && echo "self alive"
