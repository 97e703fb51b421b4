# running scripts: sh file args, sh -c, #! scripts
printf '#!/bin/sh\necho script args: $# "$1" "$2"\nexit 3\n' > s.sh
"$SH" s.sh one two; echo "status $?"
chmod +x s.sh
./s.sh x; echo "status $?"
printf 'echo no shebang $1\n' > ns.sh; chmod +x ns.sh
./ns.sh arg
"$SH" -c 'echo $0 $1 $#' name a b
"$SH" -c 'exit 12'; echo "status $?"
echo 'echo from stdin $((2+2))' | "$SH"
printf 'if true\nthen\n  echo multi-line stdin\nfi\n' | "$SH"
"$SH" nosuchscript.sh; echo "status $?"
"$SH" -c 'echo unterminated "quote'; echo "syntax status $?"
"$SH" -c 'if then fi'; echo "syntax status $?"
