# if while until for case break continue functions
for x in 1 2 3; do
	if [ $x = 1 ]; then echo one
	elif [ $x = 2 ]; then echo two
	else echo other; fi
done
i=0
while [ $i -lt 3 ]; do i=$((i+1)); echo w$i; done
until [ $i -eq 0 ]; do echo u$i; i=$((i-1)); done
for w in a b c d e; do
	[ $w = b ] && continue
	[ $w = d ] && break
	echo $w
done
for o in 1 2; do for p in 1 2 3; do
	[ $p = 2 ] && continue 2
	echo $o$p
done; done
for f in x y; do case $f in
	x) echo is-x ;;
	y|z) echo is-y-or-z ;;
esac; done
case hello.c in *.h) echo header;; *.c) echo source;; *) echo other;; esac
case "a*" in "a*") echo quoted-star;; esac
case abc in [a-c]bc) echo bracket;; esac
case nomatch in x) echo no;; esac; echo "case status $?"
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }
fact 5
r() { return 3; }
r; echo "ret $?"
if false; then :; fi; echo "if status $?"
while false; do :; done; echo "while status $?"
