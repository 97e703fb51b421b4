# test and [
t() { if "$@"; then echo "T: $*"; else echo "F: $*"; fi; }
touch f; mkdir d
t test -f f
t test -f d
t test -d d
t test -e nothere
t [ -n abc ]
t [ -z abc ]
t [ -z "" ]
t [ abc = abc ]
t [ abc != abc ]
t [ 3 -lt 10 ]
t [ 10 -le 3 ]
t [ 5 -eq 5 ]
t [ 5 -ne 5 ]
t [ 7 -gt 2 ]
t [ 2 -ge 2 ]
t [ ! -f f ]
t [ -f f -a -d d ]
t [ -f d -o -d d ]
t [ \( 1 -eq 1 \) ]
t [ x ]
t [ "" ]
t [ -s f ]
t test
[ 1 -eq ]; echo "status $?"
