# type, command -v/-V, alias and unalias
alias ll='ls -l' q="echo 'it''s'"
f() { :; }
type ll; echo "status $?"
type f; echo "status $?"
type cd echo exit export readonly getopts
type if while
p=$(type ls); echo "${p%% /*} ${p##*/}"
type nosuch_cmd; echo "status $?"
type cd nosuch_cmd >/dev/null; echo "status $?"
command -v ll; command -v f; command -v cd; command -v if
p=$(command -v ls); echo "${p##*/}"
command -v nosuch; echo "command -v $?"
command -V cd
command -V nosuch; echo "command -V $?"
alias q
alias nosuch; echo "alias missing $?"
q
unalias ll; echo "unalias $?"
unalias ll; echo "unalias again $?"
alias ll
unalias -a; alias; echo "after unalias -a"
alias greet='echo hello'
greet world
alias e2='echo two ' w=WORD
e2 w w
command echo via command
