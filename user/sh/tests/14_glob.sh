# pathname expansion
touch a.c b.c c.h .hidden
echo *.c
echo *.h
echo *
echo "*.c"
echo \*.c
echo nomatch*
echo ?.c
echo [ab].c
set -f; echo *.c; set +f
for f in *.c; do echo "file $f"; done
