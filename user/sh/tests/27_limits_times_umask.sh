# ulimit, times and umask
ulimit -a | while read -r line; do echo "${line%% *}"; done | head -3
(ulimit -n 64; ulimit -n; ulimit -Sn 32; ulimit -n; ulimit -Hn)
(ulimit -f 1000; ulimit -f; ulimit; ulimit -Sf unlimited 2>/dev/null; echo "raise above hard: $?")
(ulimit -c 0; ulimit -c)
ulimit -x; echo "bad option: $?"
ulimit -n abc; echo "bad number: $?"
ulimit -d >/dev/null; echo "data: $?"
ulimit -s >/dev/null; echo "stack: $?"
ulimit -v >/dev/null; echo "vmemory: $?"
"$SH" -c 'ulimit -n 40; "$SH" -c "ulimit -n"'
t=$(times)
case $t in *m*.*s\ *m*.*s*) echo "times format ok";; *) echo "times: $t";; esac
umask 022; umask; umask -S
umask g-w,o=; umask; umask -S
umask a=rx; umask
umask u+w; umask
umask 0022; umask o+w,g-rwx; umask
umask u=g; umask
umask 077; umask -S
umask 027; touch f; ls -l f | cut -c1-10
umask xyz; echo "bad mode: $?"
umask 999; echo "bad octal: $?"
umask
