# <& and >& with descriptor numbers, exec N>file, N<&-, <> and >|
echo hello > f
exec 3<f
read l <&3; echo "read via 3: $l"
exec 3<&-
read l <&3; echo "closed 3: $?"
exec 4>out4
echo via4 >&4
echo via4b 1>&4
exec 4>&-
cat out4
exec 5>&1
echo to5 >&5
exec 5>&-
exec 6<f 7>&6
cat <&7
exec 6<&- 7<&-
{ echo err >&2; } 2>&1 | tr a-z A-Z
ls /nonexistent_zz 2>&1 >/dev/null | wc -l
echo x 2>e1 >&2; cat e1
echo rw 1<>rwf; cat rwf
exec 8<>rw2; echo hi >&8; exec 8>&-; cat rw2
echo a >|clob; cat clob
3>f3 echo x; ls f3
echo bad >&9; echo "bad out fd $?"
cat <&8; echo "bad in fd $?"
echo y > nodir/x; echo "cannot create $?"
f() { echo in-f; echo err-f >&2; }
f 2>&1 >/dev/null | tr a-z A-Z
x=$(echo out; echo err >&2) 2>/dev/null; echo "x=$x"
echo multi > m1 > m2; cat m1 m2 | wc -l
cat <<EOF 3<&0
here-doc with 3<&0
EOF
exec 9>nine
echo "to nine" >&9
exec 9>&-
cat nine
