# $PPID: set at start-up to the parent process
echo "ppid set: $([ -n "$PPID" ] && echo yes)"
"$SH" -c '[ "$PPID" = "$1" ] && echo child sees its parent' sh $$
