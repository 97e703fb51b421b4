# hash: remembered command locations
hash; echo "empty: $?"
ls >/dev/null; cat </dev/null
for p in $(hash); do echo "${p##*/}"; done
t=$(type ls); echo "${t%% for *}"
hash nosuch_cmd; echo "not found: $?"
hash -r; hash; echo "after -r"
hash cat; for p in $(hash); do echo "${p##*/}"; done
PATH=$PATH; hash; echo "after PATH="
hash cd; hash; echo "builtin: $?"
mkdir bin bin2
printf '#!/bin/sh\necho first\n' > bin/tool
printf '#!/bin/sh\necho second\n' > bin2/tool
chmod +x bin/tool bin2/tool
PATH=$PWD/bin:$PWD/bin2:$PATH
tool
hash | while read -r p; do echo "${p#$PWD/}"; done
rm bin/tool
tool; echo "a remembered path that went away is searched again: $?"
