# read: IFS splitting, backslashes, -r, the last variable, end of input
t() {
	printf '%s' "$2" | { IFS=$1; read -r a b c; printf '[%s][%s][%s] ' "$a" "$b" "$c"; }
	printf '%s' "$2" | { IFS=$1; read -r a b; printf '[%s][%s]\n' "$a" "$b"; }
}
t ":" "1:2:"
t ":" "1:2:3:"
t ":" "1::"
t " :" " 1 : 2 : 3 : "
t " " "  a  b  c  d  "
t ":" "1:2::"
t "" " a b "
t ",	" "x,	,y"
printf 'a\\ b c\\\nd\n' | { read x y; echo "[$x][$y]"; }
printf 'a\\ b\n' | { read -r x y; echo "[$x][$y]"; }
printf 'a\\:b:c\n' | { IFS=: read x y; echo "[$x][$y]"; }
printf 'no newline' | { read v; echo "$? [$v]"; }
printf '' | { read v; echo "$? [$v]"; }
printf 'l1\nl2\nl3\n' | { read a; read b; echo "$a $b"; cat; }
printf 'one\ntwo\n' > f
while read -r line; do echo "got $line"; done < f
read -r x < f; echo "$x"
printf '%s\n' "$(printf 'x%.0s' 1 2 3 4 5 6 7 8 9 10)" | { read -r long; echo "${#long}"; }
i=0; s=; while [ $i -lt 600 ]; do s="$s$i,"; i=$((i + 1)); done
printf '%s\n' "$s" | { read -r big; [ "$big" = "$s" ] && echo "long line read whole (${#big})"; }
