#!/bin/sh
# user/coreutils/build.sh: build the Basalt multi-call coreutils binary with
# musl and create build/user/bin/NAME -> ../coreutils symlinks.
# Run from the repository root (or anywhere: it cds there).
set -e
cd "$(dirname "$0")/../.."
CC=${CC:-musl-gcc}
mkdir -p build/user/bin
$CC -static -O2 -Wall -Wextra -Werror -o build/user/coreutils user/coreutils/*.c
for n in $(build/user/coreutils --list); do
	ln -sf ../coreutils "build/user/bin/$n"
done
