# trap and command
trap 'echo "exit trap, status $?"' EXIT
trap 'echo caught USR1' USR1
kill -USR1 $$
echo after signal
trap
trap - USR1
trap '' USR2
kill -USR2 $$
echo ignored usr2
( trap 'echo sub exit' EXIT; echo in sub )
echo() { printf 'function echo\n'; }
echo plain
command echo builtin echo
unset -f echo
command -v cd
command -v nosuchcmd_q || echo "not found $?"
f() { return 4; }
f
