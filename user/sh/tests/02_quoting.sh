# single, double quotes and backslashes
echo 'single $HOME "dq" \n'
echo "double 'sq' \$ \" \\ \`"
echo back\ slash\$x \'
x=value
echo "x=$x" 'x=$x' x=\$x
echo "a""b"'c'd
echo ''
echo "" | wc -c
printf '%s|' "a b" 'c  d' e\ f; echo
echo "multi
line"
echo a\
b
