# not-dash: behaviour chosen on purpose to differ from dash, so the
# expected output was written by hand (run.sh --regen leaves it alone);
# each case says which shell it follows.  See README.
# source exists (bash, ksh); ". file args" sets $1... for the file only
printf 'echo "in file: $# $*"\n' > lib.sh
set -- outer
. ./lib.sh a b
echo "after: $# $*"
source ./lib.sh c
type source
# read with no names stores the whole line in REPLY (bash, ksh)
printf '  two  words  \n' | { read -r; echo "[$REPLY]"; }
# wait for a process whose status was already collected: 127 (POSIX)
(exit 3) & p=$!
wait $p; echo "first wait: $?"
wait $p; echo "second wait: $?"
# -nt is true if only the first file exists (POSIX 2024, bash)
touch f; [ f -nt missing ] && echo "f -nt missing"
# cd with HOME unset is an error (bash); dash stays put silently
(unset HOME; cd; echo "cd without HOME: $?")
# cd "" stays put even with CDPATH set (dash would search CDPATH)
mkdir d; (old=$PWD CDPATH=$PWD/d; cd ""; echo "cd empty: $? $((${#PWD} - ${#old}))")
