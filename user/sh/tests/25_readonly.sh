# readonly, and what assigning to a read-only variable does
readonly r1=one r2
echo "r1=$r1 r2=${r2-unset}"
readonly -p
r3=three; readonly r3; readonly
( r1=x; echo not reached ); echo "assign: $?"
( r1=x true; echo not reached ); echo "prefix to builtin: $?"
( r1=x /bin/true; echo not reached ); echo "prefix to command: $?"
( r2=x; echo not reached ); echo "declared but unset: $?"
( unset r1; echo not reached ); echo "unset: $?"
( export r1=x; echo not reached ); echo "export with value: $?"
( readonly r1=x; echo not reached ); echo "readonly again: $?"
( for r1 in a; do :; done; echo not reached ); echo "for variable: $?"
( : ${r2:=x}; echo not reached ); echo "\${r2:=x}: $?"
( : $((r1 = 5)); echo not reached ); echo "arithmetic: $?"
( f() { local r1=x; }; f; echo not reached ); echo "local: $?"
echo x | { read r1; echo "read: $? $r1"; }
export r1; export -p | grep r1
( readonly 1bad=x; echo not reached ); echo "bad name: $?"
( readonly -z; echo not reached ); echo "bad option: $?"
readonly r1; echo "readonly without value keeps it: $r1"
"$SH" -c 'readonly x=1; echo ${x}; x=2; echo not reached'; echo "sh -c: $?"
