# printf builtin
printf '%s-%d|%5s|%-4d|%x|%o|%c\n' a 42 r 7 255 8 xyz
printf '%s\n' a b c
printf '%b\n' 'a\tb\n' 'stop\cnot'
printf 'no newline'; printf '\n%%\n'
printf '%d %d\n' 1 2 3
printf '%d\n' "'A"
printf '%05d|%+d|%.3s\n' 3 4 abcdef
printf 'x%sy\n'
printf '%d\n' abc; echo "status $?"
