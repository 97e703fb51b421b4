# pipelines, && || ; and statuses
echo one | cat
printf 'c\nb\na\n' | sort | head -n 2 | tr a-z A-Z
echo x | cat | cat | cat | cat | cat | cat | wc -l
false | true; echo "pipe status $?"
true | false; echo "pipe status $?"
true && echo and-yes
false && echo and-no
false || echo or-yes
true || echo or-no
false && echo no || echo fallback
! false; echo "bang $?"
! true; echo "bang $?"
echo a; echo b ; echo c
c="echo long"; i=0
while [ $i -lt 100 ]; do c="$c | cat"; i=$((i+1)); done
eval "$c"
