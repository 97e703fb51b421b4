# kill -l, kill -s NAME, signal names in trap, "Terminated" reports
kill -l 143; kill -l 9; kill -l 2
for s in $(kill -l); do [ "$s" = TERM ] && echo "TERM is listed"; done
trap 'echo got SEGV' SEGV
kill -SEGV $$
trap 'echo got USR2' USR2
kill -s USR2 $$
trap
sleep 5 & kill -s TERM $!; wait $!; echo "status $?"
sleep 5 & kill -KILL $!; wait $!; echo "status $?"
{ "$SH" -c 'kill -s SEGV $$'; } 2>&1 | tr -d '\n'; echo
