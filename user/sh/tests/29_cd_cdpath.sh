# cd -L/-P, cd -, CDPATH, pwd -L/-P
mkdir -p base/sub/deep real; ln -s real link
top=$(pwd -P)
cd link; echo "${PWD#$top}"; p=$(pwd); echo "${p##*/}"; p=$(pwd -P); echo "${p##*/}"
cd -P .; echo "${PWD#$top}"
cd "$top"
cd -L link/..; echo "${PWD#$top}."
cd "$top"
cd -P link/..; echo "${PWD#$top}."
cd "$top"
CDPATH=$top/base
d=$(cd sub); echo "printed ${d#$top}"
cd sub >/dev/null; echo "now ${PWD#$top}"
cd "$top"
cd ./sub 2>/dev/null; echo "./ skips CDPATH: $?"
CDPATH=:$top/base
mkdir sub; cd sub; echo "empty entry first: ${PWD#$top}"; cd ..
rmdir sub; cd sub >/dev/null; echo "then ${PWD#$top}"
cd "$top"
CDPATH=$top/nowhere:$top/base/
d=$(cd sub/deep); echo "printed ${d#$top}"
cd sub/deep >/dev/null; echo "${PWD#$top}"
cd "$top"
unset CDPATH
d=$(cd -); echo "cd - printed ${d#$top}"
cd - >/dev/null; echo "back with - to ${PWD#$top}"
cd nonexistent_dir; echo "missing: $?"
cd -Z 2>/dev/null; echo "bad option: $?"
cd /; pwd; cd ..; pwd
cd "$top"; cd base//sub/../sub/./deep; echo "${PWD#$top}"
