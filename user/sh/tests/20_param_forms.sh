# every ${...} form, set/unset/empty, and errors from ${VAR:?}
unset U; E=; S=set
echo "1 [${U:-x}] [${E:-x}] [${S:-x}] [${U-x}] [${E-x}] [${S-x}]"
echo "2 [${U:=a1}] $U [${E:=a2}] $E"
unset U; E=
echo "3 [${U=b1}] $U [${E=b2}] [$E]"
echo "4 [${S:+alt}] [${E:+alt}] [${U2:+alt}] [${E+alt}] [${U2+alt}]"
echo "5 ${#S} ${#E} ${#U3}"
P=aa.bb.cc
echo "6 ${P%.*} ${P%%.*} ${P#*.} ${P##*.} ${P%x} ${P#"aa"}"
echo "7 ${P%'.cc'} ${P#a*} ${P#\a}"
v=abcabc
echo "8 ${v#*b} ${v##*b} ${v%b*} ${v%%b*} ${v#x}"
w=/a/b/c/
echo "9 ${w%/} ${w#/} ${w%%/*}."
z="a*"
echo "10 $z ${z%\*} ${z%"*"}"
( : ${U4:?custom message}; echo not reached )
echo "11 status $?"
( : ${U4?}; echo not reached )
echo "12 status $?"
( E=; : ${E:?empty}; echo not reached )
echo "13 status $?"
( E=; : ${E?empty}; echo "14 reached" )
echo "15 ${U5:-$(echo subst)} ${U5:-"a  b"} ${U5:-a\ b} ${U5:-'q'} ${S:-$(echo no)}"
x=5
echo "16 ${x}th" "${x}" '${x}'
echo "17 ${U6:-~}"
[ ${U6:-~} = "$HOME" ] && echo "17b unquoted default gets ~ expanded"
a=~ b=~/x c=x:~:y d="~" e=x~
[ "$a" = "$HOME" ] && [ "$b" = "$HOME/x" ] && echo "18 tilde in assignments"
[ "$c" = "x:$HOME:y" ] && echo "19 tilde after a colon"
echo "20 $d $e"
f() { local l=~/f; [ "$l" = "$HOME/f" ] && echo "21 local tilde"; }
f
s="a b  c"
export e1=$s
echo "22 [$e1]"
