# arithmetic and command substitution
echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((7%3)) $((-5+2))
echo $((1<2)) $((2<1)) $((3==3)) $((1&&0)) $((1||0)) $((!0))
echo $((0x10)) $((010)) $((1<<4)) $((255&15)) $((5|2)) $((6^3))
x=4
echo $((x*x)) $(($x+1)) $((x+=2)) $x
echo $((x>5 ? 100 : 200))
n=$(echo inner)
echo "got $n"
echo "nested $(echo $(echo deep))"
echo `echo old style`
lines=$(printf 'a\nb\n\n\n')
echo "[$lines]"
echo $(false); echo "subst status $?"
v=$(exit 7); echo "assign status $?"
echo $(( $(echo 6) * 7 ))
y=0; echo $((0 && (y=5))) $y $((1 || (y=6))) $y $((1 ? 2 : (y=7))) $y $((0 && 1/0))
