# background jobs and wait
sleep 0.2 &
p=$!
echo started
wait $p
echo "waited $?"
(exit 5) &
wait $!
echo "bg status $?"
echo a > f & wait
cat f
sleep 0.1 & sleep 0.1 &
wait
echo all done
(sleep 0.1; exit 3) &
wait %1 2>/dev/null; echo "job wait $?"
