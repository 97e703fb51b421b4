# commands read from a pipe line by line, sharing stdin with read
printf '%s\n' 'cat <<E' 'doc $((2*3))' 'E' 'echo after' | "$SH"
printf '%s\n' 'x=$(echo a' 'echo b)' 'echo "$x"' | "$SH"
printf '%s\n' 'case a in' 'a) echo ca ;;' 'esac' 'echo one \' 'two' | "$SH"
printf '%s\n' 'set -e' 'false' 'echo notreached' | "$SH"; echo "status $?"
printf '%s\n' 'echo ok' 'if then' 'echo never' | "$SH"; echo "status $?"
