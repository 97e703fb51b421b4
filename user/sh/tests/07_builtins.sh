# cd pwd export unset set echo source exec type alias
cd /
pwd
cd /usr
cd -
cd
[ "$(pwd)" = "$HOME" ] && echo home ok
mkdir -p d1/d2; cd d1/d2; basename "$(pwd)"; cd ../..
export EXP=exported
sh_child() { "$SH" -c 'echo child sees $EXP'; }
sh_child
NOEXP=hidden
"$SH" -c 'echo child sees [$NOEXP]'
unset EXP
echo "[$EXP]"
echo -n no-newline; echo
echo 'tab\there'
set -- a b c
echo $#
shift
echo $1
echo 'echo sourced $1' > inc.sh
. ./inc.sh
type cd
type true
type nosuchcmd_zz
alias ll='echo aliased'
ll works
unalias ll
alias greet='echo hi'
greet there
VAR=tmp true
(exec echo from exec)
echo after
eval 'echo evaluated $#'
alias run='echo running ' word=WORD
run word plain
mkdir -p real/inner; ln -s real/inner link
cd link; basename "$(pwd)"; basename "$PWD"; cd ..; ls -d real link | tr '\n' ' '; echo
